package aiguard.lib.stores_test

import data.aiguard.lib
import data.aiguard.lib.restricted_assets_in
import data.aiguard.lib.sensitive_assets_in

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
	restricted := restricted_assets_in with input as {}
	held == {}
	restricted == {}
}

test_group_pairs_groups_values_by_key if {
	lib.group_pairs([["b", 2], ["a", 1], ["b", 1], ["c", 3], ["b", 2]]) == {"a": {1}, "b": {1, 2}, "c": {3}}
}

test_group_pairs_of_nothing_is_empty if lib.group_pairs([]) == {}

test_group_pairs_single_run if lib.group_pairs([["s", "x"], ["s", "y"]]) == {"s": {"x", "y"}}

test_listed_ids_spells_out_up_to_three if lib.listed_ids({"c", "a", "b"}) == "a, b, c"

test_listed_ids_summarises_the_tail if lib.listed_ids({"e", "d", "c", "b", "a"}) == "a, b, c and 2 more"
