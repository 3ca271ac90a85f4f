package aiguard.lib.assets_test

import data.aiguard.lib.partner_dataset_grants

inventory := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"models": [{"id": "m1", "weights": {"store": "s1"}}],
	"datasets": [{"id": "d1", "store": "s1"}, {"id": "d2", "store": "s2"}],
	"access": [
		{"principal": "partner:p1", "asset": "s1", "level": "read"},
		{"principal": "partner:p1", "asset": "d1", "level": "read"},
		{"principal": "group:eng", "asset": "d2", "level": "read"},
		{"principal": "partner:p2", "asset": "m1", "level": "read"},
		{"principal": "partner:p2", "asset": "d2", "level": "read"},
	],
}

test_store_and_dataset_grants_reach_datasets if {
	result := partner_dataset_grants with input as inventory
	result == {["p1", "d1"]: {0, 1}, ["p2", "d2"]: {4}}
}

# Without any pair the rule is empty in OPA and undefined in regorus: test for "no entry".
reaches_a_dataset if partner_dataset_grants[_]

test_grant_on_a_store_without_datasets_reaches_none if {
	not reaches_a_dataset with input as {
		"stores": [{"id": "s1"}],
		"models": [{"id": "m1", "weights": {"store": "s1"}}],
		"access": [{"principal": "partner:p1", "asset": "s1", "level": "read"}],
	}
}
