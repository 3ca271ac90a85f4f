# METADATA
# title: Model or dataset that does not say where it is stored
# description: |
#   A model has no `weights.store`, or a dataset no `store`. Encryption, public access, logging,
#   backup and every access chain through a store are then invisible for it: nothing can show it
#   is protected, and a breach scoping cannot say whether it was reached.
# custom:
#   id: AIG-INV-004
#   severity: medium
#   remediation: |
#     Record the store that holds the weights or the data (add the store to `stores` if it is
#     missing), so that the store's controls and the access graph cover the asset.
#   example_fix: |
#     datasets:
#       - id: dragonfly-eval-prompts
#         store: nas-scratch
#   frameworks:
#     ISO/IEC 27001:2022: [A.5.9, A.8.10]
#     ISO/IEC 42001:2023: [A.4.3, A.4.5, A.7.5]
#     NIST SP 800-53 rev5: [CM-8, CM-12]
#     GDPR: [Art. 30(1)(g)]
#     HIPAA: [164.310(d)(1)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.inventory.inv_004

deny contains finding if {
	some i, model in input.models
	not model.weights.store
	finding := {
		"subject": model.id,
		"message": sprintf("model %s does not say which store holds its weights (weights.store)", [model.id]),
		"path": ["models", i],
	}
}

deny contains finding if {
	some i, dataset in input.datasets
	not dataset.store
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s does not say which store holds it (store)", [dataset.id]),
		"path": ["datasets", i],
	}
}
