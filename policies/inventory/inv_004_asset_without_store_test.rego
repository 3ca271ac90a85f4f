package aiguard.policies.inventory.inv_004_test

import data.aiguard.policies.inventory.inv_004

findings(inventory) := {[f.subject, f.path[0]] | some f in result} if {
	result := inv_004.deny with input as inventory
}

test_model_without_weights_store_fires if findings({"models": [{"id": "m1", "weights": {"format": "safetensors"}}, {"id": "m2"}]}) == {["m1", "models"], ["m2", "models"]}

test_dataset_without_store_fires if findings({"datasets": [{"id": "d1"}]}) == {["d1", "datasets"]}

test_stored_assets_pass if {
	findings({"models": [{"id": "m1", "weights": {"store": "s1"}}], "datasets": [{"id": "d1", "store": "s1"}]}) == set()
}
