# METADATA
# title: Partner reaching sensitive assets has no current security attestation
# description: |
#   A partner reaches confidential or restricted models or datasets, or personal data, but holds
#   no security attestation (SOC 2 Type II, ISO 27001, ISO 42001...) valid on the evaluation
#   date. In the breach, partners with broad access sat next to proprietary models and
#   pseudonymised clinical-trial data; an expired or missing attestation means nobody
#   independent has recently checked how the partner protects what it was given.
# custom:
#   id: AIG-PRT-008
#   severity: medium
#   remediation: |
#     Obtain the partner's current attestation report, review its scope and exceptions, and record
#     it under `attestations` with its `expires` date; if the partner cannot provide one, assess
#     it yourself or remove its access to sensitive assets.
#   example_fix: |
#     partners:
#       - id: helix-ai
#         attestations:
#           - {type: soc2_type2, expires: 2027-09-30}
#   frameworks:
#     NIST SP 800-53 rev5: [SA-9, SR-6]
#     ISO/IEC 27001:2022: [A.5.19, A.5.22]
#     HIPAA: [164.308(b)(1)]
#     GDPR: [Art. 28(1), Art. 28(3)(h)]
#     NIST AI RMF: [GOVERN 6.1, MANAGE 3.1]
#     ISO/IEC 42001:2023: [A.10.3]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_008

import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.dates.as_of
import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.grants.partner_index
import data.aiguard.lib.grouping
import data.aiguard.lib.messages
import data.aiguard.lib.stores.sensitive_assets_in

# Ids of the partners holding an attestation valid on the evaluation date.
attested := {partner.id |
	date := as_of
	some partner in input.partners
	some attestation in partner.attestations
	attestation.expires
	attestation.expires >= date
}

# Partner id -> the sensitive models and datasets its grants reach, for the partners without a
# current attestation only (the others need no grouping). What a grant reaches
# (grants.reached_sensitive) in its two cases, each a set lookup: a sensitive model or dataset itself,
# or those a store holds. Rules are read once, before each loop: in regorus a reference to another
# rule inside it costs several times a local lookup.
unattested_sensitive := grouping.group_pairs(array.concat(
	[[partner_id, grant.asset] |
		current := attested
		sensitive := sensitive_ids
		some [_, grant, partner_id] in partner_grants
		not current[partner_id]
		sensitive[grant.asset]
	],
	[[partner_id, asset_id] |
		current := attested
		held := sensitive_assets_in
		some [_, grant, partner_id] in partner_grants
		not current[partner_id]
		some asset_id in held[grant.asset]
	],
))

# What is on record instead of a current attestation, from the partner's expiry dates.
lapsed(expiries) := sprintf("the latest expired on %s", [max(expiries)]) if {
	expiries[0]
} else := "none with an expiry date is on record"

deny contains finding if {
	some partner_id, sensitive in unattested_sensitive
	i := partner_index[partner_id]
	partner := input.partners[i]
	expiries := [attestation.expires | some attestation in partner.attestations; attestation.expires]
	finding := {
		"subject": partner.id,
		"message": sprintf("partner %s reaches sensitive assets (%s) but has no security attestation valid on %s; %s", [partner.id, messages.listed_ids(sensitive), as_of, lapsed(expiries)]),
		"path": ["partners", i, "attestations"],
	}
}
