# METADATA
# title: Proprietary model weights protected only by a provider-managed key
# description: |
#   A restricted proprietary model's weights sit in a store that encrypts at rest with a key the
#   cloud provider manages (or with no key recorded), and the artifact itself is not encrypted.
#   In the 2026 breach an intruder holding a leaked token copied proprietary weights for months:
#   provider-managed keys decrypt transparently for any identity the store trusts, so they stop
#   a stolen disk, not a stolen token. A customer-managed key adds a second, separately logged and
#   revocable permission between a credential and the model.
# custom:
#   id: AIG-MOD-002
#   severity: medium
#   remediation: |
#     Encrypt the weights store with a customer-managed or HSM key (`encryption.key:
#     customer_managed` or `hsm`) whose use is logged and limited to the serving and training
#     roles, or envelope-encrypt the artifact itself (`weights.encrypted: true`).
#   example_fix: |
#     stores:
#       - id: s3-model-artifacts
#         encryption: {at_rest: true, key: customer_managed, key_rotation_days: 365}
#   frameworks:
#     NIST SP 800-53 rev5: [SC-12, SC-28(1)]
#     ISO/IEC 27001:2022: [A.8.24]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0048.004]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_002

import data.aiguard.lib.inventory.stores

# Keys that do not separate "may read the store" from "may decrypt the weights", described.
weak_key(encryption) := "a provider-managed key" if encryption.key == "provider_managed"

weak_key(encryption) := "no key on record" if not encryption.key

deny contains finding if {
	some i, model in input.models
	model.classification == "restricted"
	model.proprietary == true
	not model.weights.encrypted == true
	store := stores[model.weights.store]
	store.encryption.at_rest == true
	key := weak_key(store.encryption)
	finding := {
		"subject": model.id,
		"message": sprintf("restricted proprietary model %s: its weights in store %s are encrypted at rest with %s, and the artifact is not encrypted", [model.id, store.id, key]),
		"path": ["models", i, "weights"],
	}
}
