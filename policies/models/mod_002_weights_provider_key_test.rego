package aiguard.policies.models.mod_002_test

import data.aiguard.policies.models.mod_002

store(encryption) := {"id": "s1", "encryption": encryption}

model(extra) := object.union(
	{"id": "m1", "classification": "restricted", "proprietary": true, "weights": {"store": "s1"}},
	extra,
)

findings(s, m) := result if {
	result := mod_002.deny with input as {"stores": [s], "models": [m]} with data.aiguard.as_of as "2026-11-25"
}

test_provider_managed_key_fires if {
	result := findings(store({"at_rest": true, "key": "provider_managed"}), model({}))
	{f.path | some f in result} == {["models", 0, "weights"]}
	{f.subject | some f in result} == {"m1"}
}

test_absent_key_fires if {
	count(findings(store({"at_rest": true}), model({}))) == 1
}

test_customer_managed_key_does_not_fire if {
	count(findings(store({"at_rest": true, "key": "customer_managed"}), model({}))) == 0
}

test_hsm_key_does_not_fire if {
	count(findings(store({"at_rest": true, "key": "hsm"}), model({}))) == 0
}

# Not encrypting at all is AIG-MOD-001's (critical) finding, not this one.
test_store_not_encrypting_does_not_fire if {
	count(findings(store({"at_rest": false, "key": "provider_managed"}), model({}))) == 0
	count(findings({"id": "s1"}, model({}))) == 0
}

test_encrypted_artifact_does_not_fire if {
	count(findings(store({"at_rest": true, "key": "provider_managed"}), model({"weights": {"store": "s1", "encrypted": true}}))) == 0
}

test_artifact_encrypted_false_fires if {
	count(findings(store({"at_rest": true, "key": "provider_managed"}), model({"weights": {"store": "s1", "encrypted": false}}))) == 1
}

test_confidential_model_does_not_fire if {
	count(findings(store({"at_rest": true, "key": "provider_managed"}), model({"classification": "confidential"}))) == 0
}

test_non_proprietary_or_unstated_does_not_fire if {
	count(findings(store({"at_rest": true, "key": "provider_managed"}), model({"proprietary": false}))) == 0
	count(findings(store({"at_rest": true, "key": "provider_managed"}), {"id": "m1", "classification": "restricted", "weights": {"store": "s1"}})) == 0
}
