package aiguard.policies.evidence.evd_002_test

import data.aiguard.policies.evidence.evd_002

file(path, format, problem) := {"path": path, "format": format, "problem": problem, "pickle_based": false, "pickle_scan": null}

findings(declared, files, formats) := result if {
	result := evd_002.deny with input as {"models": [{"id": "m1", "weights": {"format": declared}}]}
		with data.aiguard.evidence as {"places": [], "models": [{"id": "m1", "status": "examined", "path": "m1/", "files": files, "formats": formats}]}
}

test_same_format_passes if count(findings("safetensors", [file("a.safetensors", "safetensors", null), file("config.json", null, null)], ["safetensors"])) == 0

test_legacy_torch_pickle_passes if count(findings("pytorch_pickle", [file("a.bin", "pickle", null)], ["pickle"])) == 0

test_other_format_fires if {
	result := findings("gguf", [file("a.gguf", "onnx", null)], ["onnx"])
	count(result) == 1
	{f.path | some f in result} == {["models", 0, "weights", "format"]}
}

test_truncated_fires if {
	some finding in findings("safetensors", [file("a.safetensors", "safetensors", "truncated: x")], ["safetensors"])
	contains(finding.message, "truncated")
}

test_no_weights_file_fires if count(findings("onnx", [file("readme.txt", null, null)], [])) == 1

test_other_declared_is_not_judged if count(findings("other", [file("a.gguf", "onnx", null)], ["onnx"])) == 0
