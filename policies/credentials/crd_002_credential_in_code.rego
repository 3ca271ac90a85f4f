# METADATA
# title: Credential stored in source code or a client bundle
# description: |
#   A token or key is kept in source code or shipped inside a client bundle, where anyone who can
#   read the repository or download the client can use it. The breach began with a container
#   registry token exposed this way.
# custom:
#   id: AIG-CRD-002
#   severity: critical
#   remediation: |
#     Revoke the credential now, issue a new one into a vault or CI secret store, and move it out
#     of the code or client (`stored_in: vault`); turn on secret scanning and push protection.
#   example_fix: |
#     credentials:
#       - id: acr-pull-token-web
#         kind: registry_token
#         stored_in: vault
#         expires: 2027-01-31
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5(7), IA-5]
#     ISO/IEC 27001:2022: [A.5.17, A.8.4]
#     OWASP LLM Top 10 2025: [LLM02]
#     MITRE ATLAS: [AML.T0055]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.credentials.crd_002

deny contains finding if {
	some i, credential in input.credentials
	credential.stored_in in {"source_code", "client_bundle"}
	finding := {
		"subject": credential.id,
		"message": sprintf("credential %s is stored in %s, readable by anyone with the code or the client", [credential.id, credential.stored_in]),
		"path": ["credentials", i, "stored_in"],
	}
}
