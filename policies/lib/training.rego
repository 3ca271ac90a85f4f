# METADATA
# title: Training
# description: |
#   Which datasets are used for AI training: by their purposes or because a model was trained on them.
# schemas:
#   - input: schema.inventory
package aiguard.lib.training

training_dataset_ids contains dataset_id if {
	some model in input.models
	some dataset_id in model.training.datasets
}

# A dataset whose purposes include ai_training, or that a model was trained on.
used_for_training(dataset) if "ai_training" in object.get(dataset, "purposes", [])

used_for_training(dataset) if dataset.id in training_dataset_ids
