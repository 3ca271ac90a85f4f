# METADATA
# title: Customer-managed or HSM key not rotated often enough
# description: |
#   A store encrypts with a customer-managed or HSM key but never rotates it, or rotates it less
#   often than `key_rotation_max_days`. The breach ran for months on stolen credentials; a key
#   that never changes keeps every copy taken in that time, and every credential that can use
#   the key, good forever, and leaves no clean cut-over point after an intrusion.
# custom:
#   id: AIG-ENC-001
#   severity: medium
#   parameters: [key_rotation_max_days]
#   remediation: |
#     Turn on automatic rotation of the store's key (AWS KMS, Azure Key Vault, GCP KMS or the
#     HSM's policy) at least every `key_rotation_max_days` days, and record the period in the
#     inventory as `encryption.key_rotation_days`.
#   example_fix: |
#     stores:
#       - id: pg-trial-keys
#         encryption: {at_rest: true, key: customer_managed, key_rotation_days: 365}
#   frameworks:
#     NIST SP 800-53 rev5: [SC-12, SC-28(1)]
#     ISO/IEC 27001:2022: [A.8.24]
#     HIPAA: [164.312(a)(2)(iv)]
#     GDPR: [Art. 32(1)(a)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.encryption.enc_001

import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

# Keys whose rotation the organization controls; provider-managed keys rotate on the provider's schedule.
managed_keys := {"customer_managed", "hsm"}

deny contains finding if {
	some i, store in input.stores
	managed_keys[store.encryption.key]
	problem := rotation_problem(store.encryption)
	finding := {
		"subject": store.id,
		"message": sprintf("store %s: its %s key %s", [store.id, store.encryption.key, problem]),
		"path": ["stores", i, "encryption", "key_rotation_days"],
	}
}

max_text := messages.number_text(params.key_rotation_max_days)

# The cases exclude each other; an else chain stops at the first that holds.
rotation_problem(encryption) := "is never rotated (encryption.key_rotation_days is absent)" if {
	not encryption.key_rotation_days
} else := msg if {
	encryption.key_rotation_days > params.key_rotation_max_days
	msg := sprintf("rotates every %v days, above the %v-day maximum", [messages.number_text(encryption.key_rotation_days), max_text])
}
