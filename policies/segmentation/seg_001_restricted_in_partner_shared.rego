# METADATA
# title: Restricted asset in a partner-shared store
# description: |
#   A store in the `partner_shared` environment holds a restricted model or dataset. Partners in
#   the breach held broad access to shared buckets; whatever sits in a store built for sharing is
#   one grant, one partner compromise or one leaked partner token away from leaving, as the
#   proprietary weights and pseudonymised clinical-trial data did.
# custom:
#   id: AIG-SEG-001
#   severity: high
#   remediation: |
#     Move restricted models and datasets out of partner-shared stores into an internal store,
#     and share with partners only what each engagement needs (a derived, lower-classified copy
#     or a scoped export), through grants on the individual asset.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         classification: restricted
#         weights: {store: s3-model-internal}
#     stores:
#       - id: s3-model-internal
#         environment: production
#   frameworks:
#     NIST SP 800-53 rev5: [AC-4, SC-7, AC-6, SA-9]
#     ISO/IEC 27001:2022: [A.8.22, A.5.19, A.5.15]
#     HIPAA: [164.308(a)(4), 164.308(b)(1)]
#     GDPR: [Art. 25(2), Art. 28]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0048.004]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.segmentation.seg_001

import data.aiguard.lib.messages
import data.aiguard.lib.stores.restricted_assets_in

deny contains finding if {
	some i, store in input.stores
	store.environment == "partner_shared"
	held := restricted_assets_in[store.id]
	finding := {
		"subject": store.id,
		"message": sprintf("store %s is in the partner_shared environment and holds restricted assets (%s)", [store.id, messages.listed_ids(held)]),
		"path": ["stores", i, "environment"],
	}
}
