# METADATA
# title: Secret found where no credential is declared
# description: |
#   A token or key was found in a repository checkout or in the built client bundle that ships
#   to browsers, and no credential of the inventory lists that repository in found_in. An
#   undeclared credential is one nobody rotates, scopes or revokes: the 2026 breach began with a
#   registry token in a shipped JavaScript bundle that no inventory knew about.
# custom:
#   id: AIG-EVD-005
#   severity: critical
#   remediation: |
#     Revoke the secret now and remove it from the code and the bundle (and the history); issue a
#     replacement into a vault. Declare every credential that can be read there as a credential
#     with `found_in: [<repository id>]` until it is gone.
#   example_fix: |
#     credentials:
#       - id: acr-pull-token-web
#         kind: registry_token
#         stored_in: client_bundle
#         found_in: [web-portal]
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5(7), CM-8, SA-11]
#     ISO/IEC 27001:2022: [A.5.17, A.8.4, A.5.9]
#     OWASP LLM Top 10 2025: [LLM02]
#     MITRE ATLAS: [AML.T0055]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_005

import data.aiguard.lib.evidence

# Repository ids some credential declares its secret readable in.
declared contains id if {
	some credential in input.credentials
	some id in evidence.found_in(credential)
}

deny contains finding if {
	some id, found in evidence.secrets_by_place
	not declared[id]
	some i, repository in input.repositories
	repository.id == id
	finding := {
		"subject": id,
		"message": sprintf("%v secret(s) found in repository %s and no credential lists it in found_in: %s", [count(found), id, evidence.examples(found)]),
		"path": ["repositories", i],
	}
}
