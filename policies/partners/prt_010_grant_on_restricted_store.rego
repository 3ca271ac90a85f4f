# METADATA
# title: Partner grant on a whole store that holds restricted assets
# description: |
#   A partner was granted an entire store rather than the assets it works on, and the store holds
#   restricted models or datasets. In the breach, one bucket held the proprietary model weights,
#   the training data, the logs and the pseudonymised clinical-trial data together; a grant on
#   the bucket gave a partner, and anyone holding its credentials, all of it at once.
# custom:
#   id: AIG-PRT-010
#   severity: high
#   remediation: |
#     Replace the store-wide grant with grants on the specific models or datasets the partner
#     needs, or move what the partner may see into a separate partner-shared store that holds
#     nothing restricted.
#   example_fix: |
#     access:
#       - principal: partner:helix-ai
#         asset: dragonfly-eval-set
#         level: read
#   frameworks:
#     NIST SP 800-53 rev5: [AC-6, AC-3, SA-9]
#     ISO/IEC 27001:2022: [A.5.15, A.8.3, A.5.19]
#     HIPAA: [164.502(b), 164.308(a)(4)]
#     GDPR: [Art. 5(1)(c), Art. 25(2)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0048.004]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_010

import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.messages
import data.aiguard.lib.stores.restricted_assets_in

deny contains finding if {
	# Read once: in regorus a reference to another package's rule inside the loop costs several
	# times a lookup in a local.
	held := restricted_assets_in
	some [i, grant, partner_id] in partner_grants
	restricted := held[grant.asset]
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s is granted the whole store %s, which holds restricted assets (%s)", [partner_id, grant.asset, messages.listed_ids(restricted)]),
		"path": ["access", i, "asset"],
	}
}
