# METADATA
# title: Credential said to live in a vault is found in code
# description: |
#   A credential is declared as stored in a vault or CI secret store, yet it lists a repository in
#   found_in and the evidence found secrets in that repository's checkout or bundle. The
#   inventory understates the exposure: policies that look at stored_in (AIG-CRD-002) then see a
#   vaulted credential, while anyone with the code or the client holds it.
# custom:
#   id: AIG-EVD-006
#   severity: high
#   remediation: |
#     Rotate the credential and remove it from the code and the bundle. Until it is gone, record
#     where it really is (`stored_in: source_code` or `client_bundle`).
#   example_fix: |
#     credentials:
#       - id: acr-pull-token-web
#         stored_in: client_bundle
#         found_in: [web-portal]
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5(7), IA-5]
#     ISO/IEC 27001:2022: [A.5.17, A.8.4]
#     OWASP LLM Top 10 2025: [LLM02]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_006

import data.aiguard.lib.evidence

deny contains finding if {
	some i, credential in input.credentials
	credential.stored_in in {"vault", "ci_secret"}
	places := sort([id | some id in evidence.found_in(credential); evidence.secrets_by_place[id]])
	places[0]
	finding := {
		"subject": credential.id,
		"message": sprintf("credential %s is stored_in %s, but secrets were found in %s, where found_in places it", [credential.id, credential.stored_in, concat(", ", places)]),
		"path": ["credentials", i, "stored_in"],
	}
}
