# METADATA
# title: Partner reaches personal data without a data processing agreement
# description: |
#   A partner without a GDPR Art. 28 data processing agreement reaches a dataset holding personal
#   data. In the breach, pseudonymised clinical-trial data sat next to models and logs that
#   partners could reach; without a DPA the partner is not bound to process the data only on
#   instructions, to secure it, or to help when it leaks, and the transfer itself is unlawful.
# custom:
#   id: AIG-PRT-004
#   severity: high
#   remediation: |
#     Sign a data processing agreement with the partner and record it under
#     `agreements.dpa` (date and reference), or remove the partner's access to the dataset and to
#     any store that holds it.
#   example_fix: |
#     partners:
#       - id: helix-ai
#         agreements:
#           dpa: {signed: 2026-03-01, reference: DPA-HELIX-2026}
#   frameworks:
#     NIST SP 800-53 rev5: [SA-9, SA-4]
#     ISO/IEC 27001:2022: [A.5.20, A.5.34]
#     GDPR: [Art. 28(3), Art. 28(1)]
#     NIST AI RMF: [GOVERN 6.1]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_004

import data.aiguard.lib.classification.personal_data_ids
import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.inventory.datasets
import data.aiguard.lib.stores.personal_data_in

# Partner id -> index in input.partners, for the partners without a DPA: a grant of any other
# partner is dropped by one lookup, before anything it reaches is looked at.
without_dpa := {partner.id: i | some i, partner in input.partners; not partner.agreements.dpa}

# What a grant reaches (grants.reached_personal_data) in its two cases, each a set lookup: a dataset
# with personal data itself, or the datasets of that kind a store holds. A finding is per partner
# and dataset, so a dataset reached through several grants is one finding (deny is a set). The
# indexes are read once, before the loop: in regorus a reference to another rule inside it costs
# several times a local lookup.
deny contains finding if {
	partners := without_dpa
	personal := personal_data_ids
	some [_, grant, partner_id] in partner_grants
	i := partners[partner_id]
	personal[grant.asset]
	finding := dpa_finding(grant.asset, grant.principal, partner_id, i)
}

deny contains finding if {
	partners := without_dpa
	held := personal_data_in
	some [_, grant, partner_id] in partner_grants
	i := partners[partner_id]
	some dataset_id in held[grant.asset]
	finding := dpa_finding(dataset_id, grant.principal, partner_id, i)
}

# `principal` is the grant's, `partner:<partner_id>`.
dpa_finding(dataset_id, principal, partner_id, i) := {
	"subject": dataset_id,
	"principal": principal,
	"message": sprintf("partner %s reaches %s, which holds personal data (%s), without a data processing agreement", [partner_id, dataset_id, concat(", ", sort(datasets[dataset_id].personal_data))]),
	"path": ["partners", i, "agreements"],
}
