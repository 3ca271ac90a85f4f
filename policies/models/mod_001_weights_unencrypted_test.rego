package aiguard.policies.models.mod_001_test

import data.aiguard.policies.models.mod_001

store(at_rest) := {"id": "s1", "encryption": {"at_rest": at_rest}}

model(classification, encrypted) := {
	"id": "m1", "classification": classification,
	"weights": {"store": "s1", "encrypted": encrypted},
}

findings(inventory) := result if {
	result := mod_001.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_restricted_model_in_unencrypted_store_fires if {
	result := findings({"stores": [store(false)], "models": [model("restricted", false)]})
	{f.path | some f in result} == {["models", 0]}
	{f.subject | some f in result} == {"m1"}
}

test_confidential_model_with_store_encryption_absent_fires if {
	result := findings({"stores": [{"id": "s1"}], "models": [model("confidential", false)]})
	count(result) == 1
}

test_encrypted_store_does_not_fire if {
	count(findings({"stores": [store(true)], "models": [model("restricted", false)]})) == 0
}

test_encrypted_artifact_does_not_fire if {
	count(findings({"stores": [store(false)], "models": [model("restricted", true)]})) == 0
}

test_internal_model_does_not_fire if {
	count(findings({"stores": [store(false)], "models": [model("internal", false)]})) == 0
}
