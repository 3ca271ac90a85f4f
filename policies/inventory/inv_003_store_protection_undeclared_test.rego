package aiguard.policies.inventory.inv_003_test

import data.aiguard.policies.inventory.inv_003

declared := {"encryption": {"at_rest": false}, "public_access": false, "logging": {"data_access": false}}

findings(store, holds) := {[f.subject, f.message] | some f in result} if {
	datasets := [{"id": "d1", "store": "s1"} | holds]
	result := inv_003.deny with input as {"stores": [object.union({"id": "s1"}, store)], "datasets": datasets}
}

test_all_declared_passes_even_when_false if findings(declared, true) == set()

test_nothing_declared_fires if {
	findings({}, true) == {["s1", "store s1 holds d1 but does not declare encryption.at_rest, public_access, logging.data_access"]}
}

test_one_missing_fact_fires if {
	store := json.remove(declared, ["logging/data_access"])
	findings(store, true) == {["s1", "store s1 holds d1 but does not declare logging.data_access"]}
}

test_empty_store_does_not_fire if findings({}, false) == set()

test_store_holding_model_weights_fires if {
	result := inv_003.deny with input as {"stores": [{"id": "s1"}], "models": [{"id": "m1", "weights": {"store": "s1"}}]}
	count(result) == 1
}

test_finding_points_at_the_store if {
	some f in inv_003.deny with input as {"stores": [{"id": "s0"}, {"id": "s1"}], "datasets": [{"id": "d1", "store": "s1"}]}
	f.path == ["stores", 1]
}
