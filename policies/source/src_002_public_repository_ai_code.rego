# METADATA
# title: Public repository holds training code, pipelines or infrastructure
# description: |
#   A public repository contains training code, pipelines or infrastructure definitions. The
#   breach included source code among the ~1.3 TB taken; published training code and pipeline
#   or infrastructure definitions show an attacker where the models, data and credentials live,
#   and often carry secrets and internal endpoints with them.
# custom:
#   id: AIG-SRC-002
#   severity: high
#   remediation: |
#     Make the repository private or internal (`visibility: private`), or move the training code,
#     pipelines and infrastructure into a private repository and publish only a reviewed release;
#     scan the public history for secrets and rotate any found.
#   example_fix: |
#     repositories:
#       - id: dragonfly-platform
#         visibility: private
#   frameworks:
#     NIST SP 800-53 rev5: [AC-22, AC-3, CM-7]
#     ISO/IEC 27001:2022: [A.8.4, A.5.12]
#     OWASP LLM Top 10 2025: [LLM10]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.source.src_002

exposing := {"training_code", "pipelines", "infrastructure"}

deny contains finding if {
	some i, repository in input.repositories
	repository.visibility == "public"

	# An absent `contains` leaves the set empty; the tests are the cheapest forms (no builtin calls).
	exposed := {content | some content in repository.contains; exposing[content]}
	exposed != set()
	finding := {
		"subject": repository.id,
		"message": sprintf("public repository %s contains %s", [repository.id, concat(", ", sort(exposed))]),
		"path": ["repositories", i, "visibility"],
	}
}
