package aiguard.lib.partner_access_test

import data.aiguard.lib.grants

inventory := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"models": [{"id": "m1", "weights": {"store": "s1"}}],
	"datasets": [{"id": "d1", "store": "s1"}, {"id": "d2", "store": "s2"}, {"id": "d3"}],
	"access": [
		{"principal": "partner:p1", "asset": "s1", "level": "read"},
		{"principal": "partner:p1", "asset": "d1", "level": "read"},
		{"principal": "group:eng", "asset": "d2", "level": "read"},
		{"principal": "partner:p2", "asset": "m1", "level": "read"},
		{"principal": "partner:p2", "asset": "d2", "level": "read"},
		{"principal": "partner:p3", "asset": "d1", "level": "read"},
	],
}

access_to(dataset_id) := result if {
	some dataset in inventory.datasets
	dataset.id == dataset_id
	result := grants.partner_access(dataset) with input as inventory
}

test_store_and_dataset_grants_reach_a_dataset_first_grant_wins if {
	access_to("d1") == {"p1": 0, "p3": 5}
}

test_grant_on_the_dataset_alone if {
	access_to("d2") == {"p2": 4}
}

test_dataset_without_store_or_grants_is_reached_by_none if {
	access_to("d3") == {}
}

test_grant_on_a_model_reaches_no_dataset if {
	result := grants.partner_access({"id": "d9", "store": "s9"}) with input as {
		"models": [{"id": "m1", "weights": {"store": "s9"}}],
		"access": [{"principal": "partner:p1", "asset": "m1", "level": "read"}],
	}
	result == {}
}

test_no_grants_at_all if {
	result := grants.partner_access({"id": "d1", "store": "s1"}) with input as {"datasets": [{"id": "d1", "store": "s1"}]}
	result == {}
}
