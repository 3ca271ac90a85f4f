# METADATA
# title: Logs or prompts that contain secrets
# description: |
#   A logs or prompts dataset is recorded as containing secrets (tokens, keys, passwords). The
#   2026 breach began with a leaked token and copied training logs along with everything else;
#   secrets written into logs and prompts are copied, shared and retained far more widely than
#   any vault, and each one is a way back in.
# custom:
#   id: AIG-DAT-009
#   severity: high
#   remediation: |
#     Revoke and rotate every secret found in the dataset, purge or redact it from the data and
#     its copies, and add secret redaction at the point of logging; then set
#     `contains_secrets: false`.
#   example_fix: |
#     datasets:
#       - id: dragonfly-training-logs
#         type: logs
#         contains_secrets: false
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5, IA-5(7), AU-9]
#     ISO/IEC 27001:2022: [A.5.17, A.8.15]
#     OWASP LLM Top 10 2025: [LLM02]
#     MITRE ATLAS: [AML.T0055]
#     ISO/IEC 42001:2023: [A.6.2.8]
#     NIST AI 600-1: [Information Security, Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_009

secret_prone_types := {"logs", "prompts"}

deny contains finding if {
	some i, dataset in input.datasets

	# The plain field test first: it rejects as many datasets as the membership test, for less.
	dataset.contains_secrets == true
	dataset.type in secret_prone_types
	finding := {
		"subject": dataset.id,
		"message": sprintf("%s dataset %s contains secrets", [dataset.type, dataset.id]),
		"path": ["datasets", i, "contains_secrets"],
	}
}
