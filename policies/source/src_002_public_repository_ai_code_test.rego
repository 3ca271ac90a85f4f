package aiguard.policies.source.src_002_test

import data.aiguard.policies.source.src_002

findings(visibility, contents) := result if {
	result := src_002.deny with input as {"repositories": [{"id": "r1", "visibility": visibility, "contains": contents}]}
}

test_public_training_code_fires if {
	result := findings("public", ["notebooks", "training_code", "pipelines"])
	{f.path | some f in result} == {["repositories", 0, "visibility"]}
	{[f.subject, f.message] | some f in result} == {["r1", "public repository r1 contains pipelines, training_code"]}
}

test_public_infrastructure_fires if count(findings("public", ["infrastructure"])) == 1

test_public_inference_code_only_does_not_fire if count(findings("public", ["inference_code", "notebooks"])) == 0

test_internal_training_code_does_not_fire if count(findings("internal", ["training_code"])) == 0

test_public_without_contents_does_not_fire if {
	result := src_002.deny with input as {"repositories": [{"id": "r1", "visibility": "public"}]}
	count(result) == 0
}

test_public_with_empty_contents_does_not_fire if count(findings("public", [])) == 0
