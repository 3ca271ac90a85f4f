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
package aiguard.policies.partners.prt_004

import data.aiguard.lib.datasets
import data.aiguard.lib.partner_index
import data.aiguard.lib.partner_personal_data

deny contains finding if {
	some partner_id, personal in partner_personal_data
	i := partner_index[partner_id]
	partner := input.partners[i]
	not partner.agreements.dpa
	some dataset_id in personal
	finding := {
		"subject": dataset_id,
		"principal": sprintf("partner:%s", [partner.id]),
		"message": sprintf("partner %s reaches %s, which holds personal data (%s), without a data processing agreement", [partner.id, dataset_id, concat(", ", sort(datasets[dataset_id].personal_data))]),
		"path": ["partners", i, "agreements"],
	}
}
