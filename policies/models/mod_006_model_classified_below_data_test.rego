package aiguard.policies.models.mod_006_test

import data.aiguard.policies.models.mod_006

model(classification, training) := {"id": "m1", "classification": classification, "training": {"datasets": training}}

datasets := [
	{"id": "d-public", "classification": "public"},
	{"id": "d-conf", "classification": "confidential"},
	{"id": "d-restricted-a", "classification": "restricted"},
	{"id": "d-restricted-b", "classification": "restricted"},
	{"id": "d-unclassified"},
]

findings(m) := result if {
	result := mod_006.deny with input as {"models": [m], "datasets": datasets} with data.aiguard.as_of as "2026-11-25"
}

test_model_below_its_data_fires if {
	result := findings(model("internal", ["d-public", "d-conf"]))
	{f.path | some f in result} == {["models", 0, "classification"]}
	{f.subject | some f in result} == {"m1"}
	some f in result
	f.message == "model m1 is classified internal but was trained on confidential data (d-conf)"
}

test_one_finding_names_every_top_dataset if {
	result := findings(model("confidential", ["d-restricted-b", "d-conf", "d-restricted-a"]))
	count(result) == 1
	some f in result
	contains(f.message, "restricted data (d-restricted-a, d-restricted-b)")
}

test_equal_classification_does_not_fire if {
	count(findings(model("confidential", ["d-conf", "d-public"]))) == 0
}

test_higher_classification_does_not_fire if {
	count(findings(model("restricted", ["d-restricted-a", "d-conf"]))) == 0
}

test_unclassified_model_trained_on_classified_data_fires if {
	result := findings({"id": "m1", "training": {"datasets": ["d-conf"]}})
	{f.message | some f in result} == {"model m1 is not classified but was trained on confidential data (d-conf)"}
}

test_unclassified_data_and_public_model_do_not_fire if {
	count(findings(model("public", ["d-unclassified"]))) == 0
}

test_no_training_data_does_not_fire if {
	count(findings({"id": "m1", "classification": "public"})) == 0
	count(findings(model("public", []))) == 0
}

test_training_block_without_datasets_or_unknown_ids_does_not_fire if {
	count(findings({"id": "m1", "classification": "public", "training": {}})) == 0
	count(findings(model("public", ["d-missing"]))) == 0
}

test_dataset_listed_twice_is_named_once if {
	result := findings(model("public", ["d-conf", "d-missing", "d-conf"]))
	[f.message | some f in result] == ["model m1 is classified public but was trained on confidential data (d-conf)"]
}
