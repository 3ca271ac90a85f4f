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
package aiguard.policies.partners.prt_008

import data.aiguard.lib
import data.aiguard.lib.as_of
import data.aiguard.lib.partner_index
import data.aiguard.lib.partner_sensitive

attestation_expiries(partner) := [attestation.expires |
	some attestation in object.get(partner, "attestations", [])
	attestation.expires
]

current_attestation(partner) if {
	some expires in attestation_expiries(partner)
	expires >= as_of
}

# What is on record instead of a current attestation.
lapsed(partner) := sprintf("the latest expired on %s", [max(expiries)]) if {
	expiries := attestation_expiries(partner)
	count(expiries) > 0
}

lapsed(partner) := "none with an expiry date is on record" if count(attestation_expiries(partner)) == 0

deny contains finding if {
	some partner_id, sensitive in partner_sensitive
	i := partner_index[partner_id]
	partner := input.partners[i]
	not current_attestation(partner)
	finding := {
		"subject": partner.id,
		"message": sprintf("partner %s reaches sensitive assets (%s) but has no security attestation valid on %s; %s", [partner.id, lib.listed_ids(sensitive), as_of, lapsed(partner)]),
		"path": ["partners", i, "attestations"],
	}
}
