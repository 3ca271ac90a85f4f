# METADATA
# title: A credential whose secret lies in the open reaches personal data
# description: |
#   The secret of a credential can be read in a repository, store, model or dataset (`found_in`),
#   and the credential reaches a dataset with personal data, directly or through a chain. Anybody
#   who reaches the place where the secret lies can copy the personal data. In the breach a token
#   printed into training logs opened pseudonymised clinical-trial data.
# custom:
#   id: AIG-EXP-004
#   severity: critical
#   remediation: |
#     Revoke the credential now and issue a new one into a vault; purge the secret from every
#     place in `found_in` (rewrite history, scrub logs, rebuild images), then clear `found_in`.
#     Check the data-access logs of what it reaches for use since it was exposed.
#   example_fix: |
#     credentials:
#       - id: gh-pat-dev-7
#         stored_in: vault
#         found_in: []
#   frameworks:
#     GDPR: [Art. 5(1)(f), Art. 32(1)(b), Art. 33]
#     HIPAA: [164.312(a)(1), 164.308(a)(5)(ii)(D)]
#     NIST SP 800-53 rev5: [IA-5(7), SC-28, SI-12]
#     ISO/IEC 27001:2022: [A.5.17, A.8.12, A.5.34]
#     ISO/IEC 42001:2023: [A.7.2, A.4.3]
#     NIST AI 600-1: [Information Security, Data Privacy]
#     MITRE ATLAS: [AML.T0012]
# schemas:
#   - input: schema.inventory
package aiguard.policies.exposure.exp_004

import data.aiguard.lib.classification.personal_data_ids
import data.aiguard.lib.exposure.credential_node
import data.aiguard.lib.exposure.reach_of
import data.aiguard.lib.messages

# Other packages' rules are bound before the loop (see AIG-EXP-001).
deny contains finding if {
	personal := personal_data_ids
	some i, credential in input.credentials
	credential.found_in[0]
	reached := {asset_id | some asset_id in reach_of(credential_node(credential)); personal[asset_id]}
	count(reached) > 0
	finding := {
		"subject": credential.id,
		"message": sprintf("credential %s is readable in %s and reaches personal data (%s)", [credential.id, messages.listed_ids(credential.found_in), messages.listed_ids(reached)]),
		"path": ["credentials", i, "found_in"],
	}
}
