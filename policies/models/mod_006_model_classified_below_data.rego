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
package aiguard.policies.models.mod_006

import data.aiguard.lib
import data.aiguard.lib.datasets

# Classification rank of each training dataset of a model that is in the inventory.
training_ranks(model) := {id: lib.classification_rank(datasets[id]) |
	some id in object.get(object.get(model, "training", {}), "datasets", [])
	datasets[id]
}

deny contains finding if {
	some i, model in input.models
	ranks := training_ranks(model)
	count(ranks) > 0
	top := max({rank | some rank in ranks})
	top > lib.classification_rank(model)
	top_ids := sort([id | some id, rank in ranks; rank == top])
	top_name := datasets[top_ids[0]].classification
	finding := {
		"subject": model.id,
		"message": sprintf("model %s is %s but was trained on %s data (%s)", [model.id, lib.classified_as(model), top_name, concat(", ", top_ids)]),
		"path": ["models", i, "classification"],
	}
}
