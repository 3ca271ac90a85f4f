package aiguard.policies.exposure.exp_002_test

import data.aiguard.policies.exposure.exp_002

findings(inventory) := {[f.subject, f.principal] | some f in result} if {
	result := exp_002.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

# group:g may read logs d0 that carry credential c1, which opens store s1 with a restricted model.
chain(grant_expires, credential_expires) := {
	"access": [object.union({"principal": "group:g", "asset": "d0"}, grant_expires)],
	"credentials": [object.union({"id": "c1", "reaches": ["s1"], "found_in": ["d0"]}, credential_expires)],
	"stores": [{"id": "s0"}, {"id": "s1"}],
	"datasets": [{"id": "d0", "classification": "internal", "store": "s0", "personal_data": []}],
	"models": [{"id": "m1", "classification": "restricted", "weights": {"store": "s1"}}],
}

test_reach_through_a_credential_fires if findings(chain({}, {})) == {["m1", "group:g"]}

test_expired_grant_opens_nothing if findings(chain({"expires": "2026-11-24"}, {})) == set()

test_grant_expiring_on_as_of_still_opens if findings(chain({"expires": "2026-11-25"}, {})) == {["m1", "group:g"]}

test_expired_credential_opens_nothing if findings(chain({}, {"expires": "2026-01-01"})) == set()

test_direct_grant_on_the_store_does_not_fire if {
	inventory := json.patch(chain({}, {}), [{"op": "add", "path": "/access/-", "value": {"principal": "group:g", "asset": "s1"}}])
	findings(inventory) == set()
}

test_direct_grant_on_the_asset_does_not_fire if {
	inventory := json.patch(chain({}, {}), [{"op": "add", "path": "/access/-", "value": {"principal": "group:g", "asset": "m1"}}])
	findings(inventory) == set()
}

test_expired_direct_grant_is_no_direct_reach if {
	grant := {"principal": "group:g", "asset": "s1", "expires": "2025-01-01"}
	findings(json.patch(chain({}, {}), [{"op": "add", "path": "/access/-", "value": grant}])) == {["m1", "group:g"]}
}

test_internal_asset_beyond_the_credential_does_not_fire if {
	inventory := json.patch(chain({}, {}), [{"op": "replace", "path": "/models/0/classification", "value": "internal"}])
	findings(inventory) == set()
}

# partner:p -> s0 -> d0 -> credential:c1 -> s1 -> d1 -> credential:c2 -> s2 -> m2 (eight edges)
test_long_chain_fires if {
	inventory := {
		"access": [{"principal": "partner:p", "asset": "s0"}],
		"credentials": [
			{"id": "c1", "reaches": ["s1"], "found_in": ["d0"]},
			{"id": "c2", "reaches": ["s2"], "found_in": ["d1"]},
		],
		"stores": [{"id": "s0"}, {"id": "s1"}, {"id": "s2"}],
		"datasets": [
			{"id": "d0", "classification": "internal", "store": "s0", "personal_data": []},
			{"id": "d1", "classification": "confidential", "store": "s1", "personal_data": []},
		],
		"models": [{"id": "m2", "classification": "restricted", "weights": {"store": "s2"}}],
	}
	findings(inventory) == {["d1", "partner:p"], ["m2", "partner:p"]}
}

test_finding_points_at_the_asset if {
	some f in exp_002.deny with input as chain({}, {}) with data.aiguard.as_of as "2026-11-25"
	f.path == ["models", 0]
}
