# METADATA
# title: Sensitive model weights stored unencrypted
# description: |
#   The weights of a confidential or restricted model sit in a store that does not encrypt at
#   rest, and the artifact itself is not encrypted. In the 2026 breach an intruder with a leaked
#   token copied proprietary multimodal weights in bulk; unencrypted weights are usable the moment
#   they leave the store.
# custom:
#   id: AIG-MOD-001
#   severity: critical
#   remediation: |
#     Turn on encryption at rest for the weights store (set `encryption.at_rest: true`, ideally
#     with a customer-managed key) or envelope-encrypt the artifact (`weights.encrypted: true`).
#   example_fix: |
#     stores:
#       - id: s3-model-artifacts
#         encryption: {at_rest: true, key: customer_managed, key_rotation_days: 365}
#   frameworks:
#     NIST SP 800-53 rev5: [SC-28, SC-28(1)]
#     ISO/IEC 27001:2022: [A.8.24]
#     HIPAA: [164.312(a)(2)(iv)]
#     GDPR: [Art. 32(1)(a)]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0048.004]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_001

import data.aiguard.lib.classification.rank
import data.aiguard.lib.inventory.stores

deny contains finding if {
	some i, model in input.models
	rank[model.classification] >= 2
	not model.weights.encrypted == true
	store := stores[model.weights.store]
	not store.encryption.at_rest == true
	finding := {
		"subject": model.id,
		"message": sprintf("%s model %s: its weights in store %s are not encrypted at rest, nor is the artifact", [model.classification, model.id, store.id]),
		"path": ["models", i],
	}
}
