# METADATA
# title: Partner with access does not enforce MFA
# description: |
#   A partner that holds grants to the AI estate does not enforce multi-factor authentication.
#   The breach ran on stolen credentials (a leaked registry token and a personal access token)
#   used for months; a partner account protected by a password alone is the same kind of door,
#   and it opens onto everything the partner was granted.
# custom:
#   id: AIG-PRT-006
#   severity: high
#   remediation: |
#     Require the partner to enforce MFA for every account that uses the grants (federate through
#     your identity provider with an MFA policy, or make it a contract condition) and record
#     `mfa_enforced: true`; suspend its grants until then.
#   example_fix: |
#     partners:
#       - id: helix-ai
#         mfa_enforced: true
#   frameworks:
#     NIST SP 800-53 rev5: [IA-2(1), IA-2(2), SA-9]
#     ISO/IEC 27001:2022: [A.5.19, A.8.5]
#     HIPAA: [164.312(d), 164.308(b)(1)]
#     GDPR: [Art. 32(1)(b)]
#     MITRE ATLAS: [AML.T0012]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_006

import data.aiguard.lib.grants.granted_partners

deny contains finding if {
	# Read once: in regorus a reference to another package's rule inside the loop costs several
	# times a lookup in a local.
	granted := granted_partners
	some i, partner in input.partners
	not partner.mfa_enforced == true
	granted[partner.id]
	finding := {
		"subject": partner.id,
		"message": sprintf("partner %s holds access grants but does not enforce MFA", [partner.id]),
		"path": ["partners", i, "mfa_enforced"],
	}
}
