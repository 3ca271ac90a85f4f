# METADATA
# title: Partner grant with write or admin level
# description: |
#   An external partner can change or administer an asset, not only read it. In the breach,
#   partners held broad standing access to the AI estate; write or admin rights let a compromised
#   partner account alter models and training data, widen its own access, or switch off the
#   logging that would have caught months of bulk copying of ~1.3 TB.
# custom:
#   id: AIG-PRT-002
#   severity: high
#   remediation: |
#     Lower the partner's grant to `level: read`. If the partner must deliver artifacts, give it a
#     separate write-only drop location that holds nothing else, and keep admin rights in-house.
#   example_fix: |
#     access:
#       - principal: partner:helix-ai
#         asset: dragonfly-partner-drop
#         level: read
#   frameworks:
#     NIST SP 800-53 rev5: [AC-6, AC-6(1), SA-9]
#     ISO/IEC 27001:2022: [A.5.15, A.5.19, A.8.2]
#     HIPAA: [164.308(a)(4), 164.308(b)(1)]
#     GDPR: [Art. 28, Art. 32(4)]
#     NIST AI RMF: [GOVERN 6.1]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_002

import data.aiguard.lib.grants.partner_grants

deny contains finding if {
	some [i, grant, partner_id] in partner_grants
	grant.level in {"write", "admin"}
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s has %s access to %s; partners should only read", [partner_id, grant.level, grant.asset]),
		"path": ["access", i, "level"],
	}
}
