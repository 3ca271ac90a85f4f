# METADATA
# title: A credential's blast radius exceeds the limit
# description: |
#   The sensitive models and datasets a single credential reaches, directly or through further
#   credentials found on the way, together exceed `credential_blast_radius_max_gb` gigabytes. One
#   leaked secret then exposes all of it. In the breach a personal access token opened a bucket
#   holding about 1.3 TB of models, training data and pseudonymised trial data.
# custom:
#   id: AIG-EXP-003
#   severity: high
#   remediation: |
#     Split the credential: give each job a token scoped to the one store or repository it needs
#     (`reaches`), with an expiry; remove secrets from places it opens (other credentials'
#     `found_in`) so that one leak cannot chain into the next.
#   example_fix: |
#     credentials:
#       - id: gh-pat-dev-7
#         reaches: [dragonfly-platform]
#         expires: 2027-01-31
#   frameworks:
#     GDPR: [Art. 25(2), Art. 32(1)(b)]
#     HIPAA: [164.308(a)(4)(ii)(B), 164.312(a)(1)]
#     NIST SP 800-53 rev5: [AC-6, AC-6(1), IA-5, SC-7(21)]
#     ISO/IEC 27001:2022: [A.5.15, A.5.17, A.8.2]
#     ISO/IEC 42001:2023: [A.4.3, A.6.2.6]
#     NIST AI 600-1: [Information Security]
#     MITRE ATLAS: [AML.T0012, AML.T0025]
# schemas:
#   - input: schema.inventory
package aiguard.policies.exposure.exp_003

import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.exposure.asset_size
import data.aiguard.lib.exposure.credential_node
import data.aiguard.lib.exposure.reach_of
import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

# Other packages' rules are bound before the loop (see AIG-EXP-001).
deny contains finding if {
	sensitive := sensitive_ids
	sizes := asset_size
	limit := params.credential_blast_radius_max_gb
	some i, credential in input.credentials
	reached := {asset_id | some asset_id in reach_of(credential_node(credential)); sensitive[asset_id]}
	total := sum([sizes[asset_id] | some asset_id in reached])
	total > limit
	finding := {
		"subject": credential.id,
		"message": sprintf("credential %s reaches %s GB of sensitive models and datasets (%s), over the %s GB limit", [credential.id, messages.number_text(total), messages.listed_ids(reached), messages.number_text(limit)]),
		"path": ["credentials", i, "reaches"],
	}
}
