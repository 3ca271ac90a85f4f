# METADATA
# title: Partner or public model endpoint without authentication or rate limiting
# description: |
#   A deployment of the model is exposed to partners or the public without authentication, or
#   without rate limiting. The 2026 breach ran for months through legitimate-looking access; an
#   open or unthrottled inference endpoint lets anyone who finds it query the model at will,
#   which is enough to extract a functional copy of it or to infer its clinical training data.
# custom:
#   id: AIG-MOD-005
#   severity: high
#   remediation: |
#     Require authentication on every partner or public endpoint (per-partner credentials, not a
#     shared key) and enforce per-client rate and volume limits; then set `authentication: true`
#     and `rate_limited: true` on the deployment.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         deployments:
#           - endpoint: https://dragonfly.partner-api.example
#             exposure: partner
#             authentication: true
#             rate_limited: true
#   frameworks:
#     NIST SP 800-53 rev5: [AC-3, IA-2, IA-8, SC-5]
#     ISO/IEC 27001:2022: [A.8.5, A.8.20]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0040, AML.T0024]
#     ISO/IEC 42001:2023: [A.6.2.6]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_005

exposures := {"partner", "public"}

protections := ["authentication", "rate_limited"]

deny contains finding if {
	some i, model in input.models
	deployments := model.deployments
	deployments[0]
	gaps := [[j, sprintf("%s endpoint %s lacks %s", [deployment.exposure, deployment.endpoint, concat(" and ", missing)])] |
		some j, deployment in deployments
		exposures[deployment.exposure]
		missing := [name | some name in protections; not deployment[name] == true]
		missing != []
	]
	gaps != []
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: %s", [model.id, concat("; ", [description | some [_, description] in gaps])]),
		# The first unprotected deployment; the message names every one.
		"path": ["models", i, "deployments", gaps[0][0]],
	}
}
