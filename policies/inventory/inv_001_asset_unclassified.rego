# METADATA
# title: Model or dataset without a classification
# description: |
#   A model or dataset states no `classification`. Every policy that protects confidential and
#   restricted assets then passes it by, so silence reads as "public". An undeclared fact must
#   never read as a safe one: an unclassified model in a public, unencrypted store would raise
#   nothing else.
# custom:
#   id: AIG-INV-001
#   severity: medium
#   remediation: |
#     Have the asset owner classify the model or dataset (`public`, `internal`, `confidential`,
#     `restricted`) under the organization's classification scheme, and record it.
#   example_fix: |
#     datasets:
#       - id: dragonfly-eval-prompts
#         classification: confidential
#   frameworks:
#     ISO/IEC 27001:2022: [A.5.9, A.5.12]
#     ISO/IEC 42001:2023: [A.4.2, A.4.3, A.7.2]
#     NIST SP 800-53 rev5: [RA-2, CM-8]
#     GDPR: [Art. 30, Art. 32(1)]
#     HIPAA: [164.308(a)(1)(ii)(A)]
#     EU AI Act: [Art. 10(2)]
#     NIST AI 600-1: [Information Security, Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.inventory.inv_001

deny contains finding if {
	some collection, kind in {"models": "model", "datasets": "dataset"}
	some i, asset in input[collection]
	not asset.classification
	finding := {
		"subject": asset.id,
		"message": sprintf("%s %s has no classification: policies for sensitive assets cannot see it", [kind, asset.id]),
		"path": [collection, i],
	}
}
