package aiguard.policies.monitoring.mon_001_test

import data.aiguard.policies.monitoring.mon_001

# A store s1 holding one model of the given classification.
inventory(store, classification) := {
	"stores": [object.union({"id": "s1"}, store)],
	"models": [{"id": "m1", "classification": classification, "weights": {"store": "s1"}}],
}

findings(inventory) := result if {
	result := mon_001.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_unlogged_store_with_restricted_model_fires if {
	result := findings(inventory({"logging": {"data_access": false}}, "restricted"))
	{[f.subject, f.path] | some f in result} == {["s1", ["stores", 0, "logging", "data_access"]]}
}

test_store_without_logging_block_fires if {
	result := findings(inventory({}, "confidential"))
	[f.message | some f in result] == ["store s1 holds sensitive assets (m1) but does not log data access (logging.data_access is not true)"]
}

test_dataset_with_personal_data_makes_store_sensitive if {
	result := findings({
		"stores": [{"id": "s1"}],
		"datasets": [{"id": "d1", "classification": "internal", "store": "s1", "personal_data": ["pii"]}],
	})
	count(result) == 1
}

test_logged_store_does_not_fire if {
	count(findings(inventory({"logging": {"data_access": true}}, "restricted"))) == 0
}

test_store_with_only_internal_assets_does_not_fire if {
	count(findings(inventory({}, "internal"))) == 0
}

test_key_store_reference_alone_does_not_fire if {
	result := findings({
		"stores": [{"id": "s1"}, {"id": "keys"}],
		"datasets": [{
			"id": "d1", "classification": "restricted", "store": "s1",
			"deidentification": {"status": "pseudonymised", "key_store": "keys"},
		}],
	})
	{f.subject | some f in result} == {"s1"}
}
