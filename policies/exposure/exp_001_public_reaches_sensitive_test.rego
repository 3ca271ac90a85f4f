package aiguard.policies.exposure.exp_001_test

import data.aiguard.policies.exposure.exp_001

findings(inventory) := {[f.subject, f.principal] | some f in result} if {
	result := exp_001.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

public_store(classification) := {
	"stores": [{"id": "s1", "public_access": true}],
	"models": [{"id": "m1", "classification": classification, "weights": {"store": "s1"}}],
}

test_public_store_with_restricted_model_fires if findings(public_store("restricted")) == {["m1", "anyone"]}

test_public_store_with_internal_model_does_not_fire if findings(public_store("internal")) == set()

test_private_store_does_not_fire if {
	findings(json.patch(public_store("restricted"), [{"op": "replace", "path": "/stores/0/public_access", "value": false}])) == set()
}

test_public_store_with_personal_data_fires if {
	inventory := {
		"stores": [{"id": "s1", "public_access": true}],
		"datasets": [{"id": "d1", "classification": "internal", "store": "s1", "personal_data": ["pii"]}],
	}
	findings(inventory) == {["d1", "anyone"]}
}

bundle_credential(expires) := {
	"credentials": [object.union({"id": "c1", "stored_in": "client_bundle", "reaches": ["s1"]}, expires)],
	"stores": [{"id": "s1", "public_access": false}],
	"datasets": [{"id": "d1", "classification": "confidential", "store": "s1"}],
}

test_client_bundle_credential_fires if findings(bundle_credential({})) == {["d1", "anyone"]}

test_credential_expiring_on_as_of_still_opens if findings(bundle_credential({"expires": "2026-11-25"})) == {["d1", "anyone"]}

test_expired_credential_opens_nothing if findings(bundle_credential({"expires": "2026-11-24"})) == set()

# anyone -> r0 -> credential:c1 -> s1 -> d1 -> credential:c2 -> s2 -> m2: seven edges, through an
# unclassified public repository and an internal dataset that carries the second secret.
long_chain := {
	"repositories": [{"id": "r0", "visibility": "public"}],
	"credentials": [
		{"id": "c1", "reaches": ["s1"], "found_in": ["r0"]},
		{"id": "c2", "reaches": ["s2"], "found_in": ["d1"]},
	],
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"datasets": [{"id": "d1", "classification": "internal", "store": "s1", "personal_data": []}],
	"models": [{"id": "m2", "classification": "restricted", "weights": {"store": "s2"}}],
}

test_long_chain_fires if findings(long_chain) == {["m2", "anyone"]}

test_internal_repository_breaks_the_chain if {
	findings(json.patch(long_chain, [{"op": "replace", "path": "/repositories/0/visibility", "value": "internal"}])) == set()
}

# A cycle: c1 is found in d1, which sits in s1, which c1 reaches; the public repository leads in.
test_cycle_terminates if {
	inventory := {
		"repositories": [{"id": "r0", "visibility": "public"}],
		"credentials": [{"id": "c1", "reaches": ["s1", "r0"], "found_in": ["d1", "r0"]}],
		"stores": [{"id": "s1"}],
		"datasets": [{"id": "d1", "classification": "restricted", "store": "s1"}],
	}
	findings(inventory) == {["d1", "anyone"]}
}

test_finding_points_at_the_asset if {
	some f in exp_001.deny with input as public_store("restricted") with data.aiguard.as_of as "2026-11-25"
	f.path == ["models", 0]
}
