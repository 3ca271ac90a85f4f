package aiguard.policies.evidence.evd_003_test

import data.aiguard.policies.evidence.evd_003

findings(declared, pickle_based) := result if {
	result := evd_003.deny with input as {"models": [{"id": "m1", "weights": {"format": declared}}]}
		with data.aiguard.evidence as {"places": [], "models": [{"id": "m1", "status": "examined", "pickle_based": pickle_based, "files": [{"path": "a", "format": "pickle", "pickle_based": pickle_based}]}]}
}

test_pickle_under_safetensors_fires if {
	result := findings("safetensors", true)
	count(result) == 1
	{f.path | some f in result} == {["models", 0, "weights", "format"]}
}

test_pickle_declared_as_pickle_passes if count(findings("pytorch_pickle", true)) == 0

test_real_safetensors_passes if count(findings("safetensors", false)) == 0
