# METADATA
# title: Model classified below its training data
# description: |
#   A model is classified lower than the most sensitive dataset it was trained on. Models
#   memorise and leak their training data (membership inference, model inversion, verbatim
#   regurgitation), so the weights copied in the 2026 breach carried the pseudonymised clinical
#   data they were trained on; a model labelled below its data gets weaker storage, access and
#   partner-sharing controls than that data.
# custom:
#   id: AIG-MOD-006
#   severity: medium
#   remediation: |
#     Classify the model at least as high as its most sensitive training dataset, and apply the
#     controls of that classification to its weights, endpoints and grants; or train it only on
#     data of its own classification.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         classification: restricted
#         training:
#           datasets: [trial-imaging-2019-2024]
#   frameworks:
#     NIST SP 800-53 rev5: [RA-2, AC-16]
#     ISO/IEC 27001:2022: [A.5.12, A.5.13]
#     EU AI Act: [Art. 10(5)]
#     NIST AI RMF: [MEASURE 2.10]
#     OWASP LLM Top 10 2025: [LLM02]
#     MITRE ATLAS: [AML.T0024.000, AML.T0024.001]
#     ISO/IEC 42001:2023: [A.4.3, A.7.2]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_006

import data.aiguard.lib.classification
import data.aiguard.lib.classification.rank
import data.aiguard.lib.inventory.datasets

# Classification names by rank (the inverse of classification.rank).
levels := ["public", "internal", "confidential", "restricted"]

deny contains finding if {
	some i, model in input.models
	ids := model.training.datasets
	ids[0]

	# An unclassified model ranks as public (classification.classification_rank).
	model_rank := rank[object.get(model, "classification", "public")]
	model_rank < 3 # nothing ranks above restricted

	# Only datasets ranked above the model matter: the model is below its data when there is one,
	# and the top rank among all its datasets is the top among these.
	above := {id: r | some id in ids; r := rank[datasets[id].classification]; r > model_rank}
	above != {}
	top := max({r | some r in above})
	top_ids := sort([id | some id, r in above; r == top])
	finding := {
		"subject": model.id,
		"message": sprintf("model %s is %s but was trained on %s data (%s)", [model.id, classification.classified_as(model), levels[top], concat(", ", top_ids)]),
		"path": ["models", i, "classification"],
	}
}
