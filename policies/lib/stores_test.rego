package aiguard.lib.stores_test

import data.aiguard.lib.stores.restricted_assets_in
import data.aiguard.lib.stores.sensitive_assets_in
import data.aiguard.lib.stores.store_assets

inventory := {
	"stores": [{"id": "s1"}, {"id": "s2"}, {"id": "keys"}],
	"models": [
		{"id": "m-restricted", "classification": "restricted", "weights": {"store": "s1"}},
		{"id": "m-internal", "classification": "internal", "weights": {"store": "s2"}},
	],
	"datasets": [
		{"id": "d-confidential", "classification": "confidential", "store": "s1"},
		{"id": "d-personal", "classification": "internal", "store": "s2", "personal_data": ["pii"]},
		{"id": "d-public", "classification": "public", "store": "s2", "personal_data": [], "deidentification": {"key_store": "keys"}},
	],
}

test_sensitive_assets_in_groups_by_holding_store if {
	held := sensitive_assets_in with input as inventory
	held == {"s1": {"m-restricted", "d-confidential"}, "s2": {"d-personal"}}
}

test_restricted_assets_in_only_counts_restricted if {
	held := restricted_assets_in with input as inventory
	held == {"s1": {"m-restricted"}}
}

test_key_store_reference_holds_nothing if {
	held := sensitive_assets_in with input as inventory
	not held.keys
}

test_no_sensitive_assets_gives_empty_objects if {
	held := sensitive_assets_in with input as {"stores": [{"id": "s1"}], "models": [{"id": "m1", "weights": {"store": "s1"}}]}
	held == {}
	restricted := restricted_assets_in with input as {}
	restricted == {}
}

test_store_assets_groups_models_and_datasets_by_store if {
	index := store_assets with input as {
		"models": [{"id": "m1", "weights": {"store": "s1"}}],
		"datasets": [{"id": "d1", "store": "s1"}, {"id": "d2", "store": "s2"}],
	}
	index == {"s1": {"m1", "d1"}, "s2": {"d2"}}
}
