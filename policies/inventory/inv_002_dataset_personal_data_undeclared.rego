# METADATA
# title: Dataset that does not declare whether it holds personal data
# description: |
#   A dataset has no `personal_data` field. Without it, the personal-data, clinical and exposure
#   policies treat the dataset as holding none, and a breach scoping cannot say whom to notify.
#   An empty list (`personal_data: []`) declares "none"; an absent field declares nothing.
# custom:
#   id: AIG-INV-002
#   severity: medium
#   remediation: |
#     Have the data owner record the kinds of personal data the dataset holds (`pii`, `health`,
#     `phi`, `genetic`, `biometric`, ...), or `[]` after checking that it holds none.
#   example_fix: |
#     datasets:
#       - id: dragonfly-eval-prompts
#         personal_data: [pii, health]
#   frameworks:
#     GDPR: [Art. 30(1)(c), Art. 35]
#     HIPAA: [164.308(a)(1)(ii)(A), 164.530(c)]
#     ISO/IEC 27001:2022: [A.5.12, A.5.34]
#     ISO/IEC 42001:2023: [A.7.2, A.7.5]
#     NIST SP 800-53 rev5: [PT-2, RA-2, CM-8]
#     EU AI Act: [Art. 10(2), Art. 10(5)]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.inventory.inv_002

deny contains finding if {
	some i, dataset in input.datasets
	object.get(dataset, "personal_data", null) == null
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s does not declare personal_data (an empty list declares none)", [dataset.id]),
		"path": ["datasets", i],
	}
}
