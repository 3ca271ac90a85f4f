package aiguard.policies.clinical.cln_001_test

import data.aiguard.policies.clinical.cln_001

sources := [
	{"id": "research-only", "consent": {"purposes": ["research"]}},
	{"id": "training-ok", "consent": {"purposes": ["research", "ai_training"]}},
	{"id": "empty-consent", "consent": {}},
	{"id": "no-consent"},
]

findings(datasets, models) := result if {
	result := cln_001.deny with input as {"datasets": datasets, "data_sources": sources, "models": models}
		with data.aiguard.as_of as "2026-11-25"
}

dataset(source_ids) := {"id": "d1", "sources": source_ids, "purposes": ["ai_training"]}

test_training_purpose_without_consent_fires if {
	result := findings([dataset(["research-only"])], [])
	{f.path | some f in result} == {["datasets", 0, "sources"]}
	{f.subject | some f in result} == {"d1"}
}

test_dataset_a_model_trained_on_fires if {
	result := findings([{"id": "d1", "sources": ["research-only"], "purposes": ["research"]}], [{"id": "m1", "training": {"datasets": ["d1"]}}])
	count(result) == 1
}

test_consent_without_purposes_fires if count(findings([dataset(["empty-consent"])], [])) == 1

test_several_sources_give_one_finding if {
	result := findings([dataset(["training-ok", "research-only", "empty-consent"])], [])
	count(result) == 1
	some f in result
	contains(f.message, "empty-consent, research-only does not")
}

test_consent_covering_training_does_not_fire if count(findings([dataset(["training-ok"])], [])) == 0

test_source_without_consent_record_does_not_fire if count(findings([dataset(["no-consent"])], [])) == 0

test_not_used_for_training_does_not_fire if {
	count(findings([{"id": "d1", "sources": ["research-only"], "purposes": ["research"]}], [])) == 0
	count(findings([{"id": "d1", "sources": ["research-only"]}], [{"id": "m1"}])) == 0
}

test_no_sources_does_not_fire if count(findings([{"id": "d1", "purposes": ["ai_training"]}], [])) == 0

test_empty_sources_list_does_not_fire if count(findings([dataset([])], [])) == 0

test_trained_on_without_purposes_field_fires if {
	count(findings([{"id": "d1", "sources": ["research-only"]}], [{"id": "m1", "training": {"datasets": ["d1"]}}])) == 1
}
