package aiguard.policies.data.dat_003_test

import data.aiguard.policies.data.dat_003

dataset(extra) := object.union({"id": "d1", "personal_data": ["pii"], "purposes": ["ai_training"]}, extra)

findings(inventory) := result if {
	result := dat_003.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_identifiable_data_with_training_purpose_fires if {
	result := findings({"datasets": [dataset({})]})
	{f.path | some f in result} == {["datasets", 0, "deidentification"]}
	{f.subject | some f in result} == {"d1"}
}

test_status_none_fires if {
	count(findings({"datasets": [dataset({"deidentification": {"status": "none"}})]})) == 1
}

test_deidentification_without_status_fires if {
	count(findings({"datasets": [dataset({"deidentification": {"method": "other"}})]})) == 1
}

test_dataset_a_model_trained_on_fires if {
	inventory := {
		"datasets": [dataset({"purposes": ["operations"]})],
		"models": [{"id": "m1", "training": {"datasets": ["d1"]}}],
	}
	count(findings(inventory)) == 1
}

test_not_used_for_training_does_not_fire if {
	inventory := {
		"datasets": [dataset({"purposes": ["research"]})],
		"models": [{"id": "m1", "training": {"datasets": ["other"]}}],
	}
	count(findings(inventory)) == 0
	count(findings({"datasets": [{"id": "d1", "personal_data": ["pii"]}]})) == 0
}

test_pseudonymised_or_anonymised_does_not_fire if {
	count(findings({"datasets": [dataset({"deidentification": {"status": "pseudonymised"}})]})) == 0
	count(findings({"datasets": [dataset({"deidentification": {"status": "anonymised"}})]})) == 0
}

test_no_personal_data_does_not_fire if {
	count(findings({"datasets": [dataset({"personal_data": []})]})) == 0
}
