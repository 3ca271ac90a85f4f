# METADATA
# title: Credential that never expires
# description: |
#   A token or key has no expiry date, so it works until someone remembers to revoke it. The
#   breach was carried out for months with a leaked container registry token and a personal
#   access token; a credential that expires on its own limits how long a leaked copy stays useful.
# custom:
#   id: AIG-CRD-001
#   severity: high
#   remediation: |
#     Reissue the credential with an expiry (days for tokens used by people, at most the
#     rotation period for automation), record it in `expires`, and prefer short-lived
#     federated credentials (OIDC workload identity) where the platform offers them.
#   example_fix: |
#     credentials:
#       - id: gh-pat-dev-7
#         kind: personal_access_token
#         expires: 2027-01-31
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5, IA-5(13), AC-2(3)]
#     ISO/IEC 27001:2022: [A.5.17, A.8.5]
#     HIPAA: [164.308(a)(5)(ii)(D)]
#     MITRE ATLAS: [AML.T0012]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.credentials.crd_001

deny contains finding if {
	some i, credential in input.credentials
	not credential.expires
	finding := {
		"subject": credential.id,
		"message": sprintf("%s %s never expires", [object.get(credential, "kind", "credential"), credential.id]),
		"path": ["credentials", i],
	}
}
