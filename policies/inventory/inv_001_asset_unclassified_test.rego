package aiguard.policies.inventory.inv_001_test

import data.aiguard.policies.inventory.inv_001

findings(inventory) := {[f.subject, sprintf("%d.%s", [f.path[1], f.path[0]])] | some f in result} if {
	result := inv_001.deny with input as inventory
}

test_unclassified_model_and_dataset_fire if {
	inventory := {"models": [{"id": "m1"}], "datasets": [{"id": "d1"}, {"id": "d2", "classification": "public"}]}
	findings(inventory) == {["m1", "0.models"], ["d1", "0.datasets"]}
}

test_every_classification_passes if {
	inventory := {"models": [{"id": concat("", ["m", c]), "classification": c} | some c in ["public", "internal", "confidential", "restricted"]]}
	findings(inventory) == set()
}
