package aiguard.policies.exposure.exp_003_test

import data.aiguard.policies.exposure.exp_003

findings(inventory, params) := {f.subject | some f in result} if {
	result := exp_003.deny with input as inventory with data.aiguard.as_of as "2026-11-25" with data.aiguard.params as params
}

# Credential c1 reaching store s1, which holds a confidential dataset of `gb` and an internal,
# non-personal model of 1000 GB (not sensitive: never counted).
radius(gb) := {
	"credentials": [{"id": "c1", "reaches": ["s1"]}],
	"stores": [{"id": "s1"}],
	"datasets": [{"id": "d1", "classification": "confidential", "store": "s1", "size_gb": gb}],
	"models": [{"id": "m1", "classification": "internal", "weights": {"store": "s1", "size_gb": 1000}}],
}

test_exactly_500_gb_does_not_fire if findings(radius(500), {}) == set()

test_over_500_gb_fires if findings(radius(500.5), {}) == {"c1"}

test_parameter_lowers_the_limit if findings(radius(200), {"credential_blast_radius_max_gb": 100}) == {"c1"}

test_absent_size_counts_as_zero if {
	inventory := json.patch(radius(1), [{"op": "remove", "path": "/datasets/0/size_gb"}])
	findings(inventory, {"credential_blast_radius_max_gb": 0}) == set()
}

test_message if {
	some f in exp_003.deny with input as radius(600) with data.aiguard.as_of as "2026-11-25"
	f.message == "credential c1 reaches 600 GB of sensitive models and datasets (d1), over the 500 GB limit"
	f.path == ["credentials", 0, "reaches"]
}

test_expired_credential_opens_nothing if {
	inventory := json.patch(radius(900), [{"op": "add", "path": "/credentials/0/expires", "value": "2026-11-24"}])
	findings(inventory, {}) == set()
}

# c1 reaches s1 (300 GB); c2's secret lies in s1's dataset and c2 reaches s2 (300 GB) and, in a
# cycle, s1 again: c1's radius is 600 GB, c2's as well.
test_chain_and_cycle_count_once if {
	inventory := {
		"credentials": [
			{"id": "c1", "reaches": ["s1"]},
			{"id": "c2", "reaches": ["s2", "s1"], "found_in": ["d1"]},
		],
		"stores": [{"id": "s1"}, {"id": "s2"}],
		"datasets": [
			{"id": "d1", "classification": "restricted", "store": "s1", "size_gb": 300},
			{"id": "d2", "classification": "internal", "personal_data": ["pii"], "store": "s2", "size_gb": 300},
		],
	}
	findings(inventory, {}) == {"c1", "c2"}
}
