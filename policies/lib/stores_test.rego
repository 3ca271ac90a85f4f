package aiguard.lib.stores_test

import data.aiguard.lib

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
	held := lib.sensitive_assets_in with input as inventory
	held == {"s1": {"m-restricted", "d-confidential"}, "s2": {"d-personal"}}
}

test_restricted_assets_in_only_counts_restricted if {
	held := lib.restricted_assets_in with input as inventory
	held == {"s1": {"m-restricted"}}
}

test_key_store_reference_holds_nothing if {
	held := lib.sensitive_assets_in with input as inventory
	not held.keys
}

test_listed_ids_spells_out_up_to_three if lib.listed_ids({"c", "a", "b"}) == "a, b, c"

test_listed_ids_summarises_the_tail if lib.listed_ids({"e", "d", "c", "b", "a"}) == "a, b, c and 2 more"
