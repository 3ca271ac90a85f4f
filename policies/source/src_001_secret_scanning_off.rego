# METADATA
# title: Repository without secret scanning or push protection
# description: |
#   A repository of AI code does not scan for secrets, or does not block pushes that contain
#   them. The breach began with tokens exposed where they should never have been: a registry
#   token in a client bundle and a personal access token; secret scanning finds such tokens in
#   code and history, and push protection stops them before they land.
# custom:
#   id: AIG-SRC-001
#   severity: medium
#   remediation: |
#     Turn on secret scanning (including history and validity checks) and push protection for the
#     repository, or org-wide, and record `secret_scanning: true` and `push_protection: true`;
#     revoke any secret the first scan finds.
#   example_fix: |
#     repositories:
#       - id: dragonfly-platform
#         secret_scanning: true
#         push_protection: true
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5(7), SA-11, RA-5]
#     ISO/IEC 27001:2022: [A.8.4, A.8.28, A.5.17]
#     OWASP LLM Top 10 2025: [LLM02]
#     MITRE ATLAS: [AML.T0055]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.source.src_001

# The controls not turned on (absent or not true) listed inline, not by a function: a call per
# repository costs more than the list, and `missing[0]` tests non-emptiness without count().
deny contains finding if {
	some i, repository in input.repositories
	missing := [field | some field in ["secret_scanning", "push_protection"]; not repository[field] == true]
	missing[0]
	finding := {
		"subject": repository.id,
		"message": sprintf("repository %s does not have %s turned on", [repository.id, concat(" or ", missing)]),
		"path": ["repositories", i, missing[0]],
	}
}
