package aiguard.policies.models.mod_003_test

import data.aiguard.policies.models.mod_003

model(format, scan) := {"id": "m1", "weights": {"format": format, "last_scan": scan}}

findings(m) := result if {
	result := mod_003.deny with input as {"models": [m]} with data.aiguard.as_of as "2026-11-25"
}

test_pickle_without_scan_fires if {
	result := findings({"id": "m1", "weights": {"format": "pytorch_pickle"}})
	{f.path | some f in result} == {["models", 0, "weights", "last_scan"]}
	{f.subject | some f in result} == {"m1"}
}

test_every_code_carrying_format_fires if {
	every format in ["pytorch_pickle", "pickle", "joblib", "keras_h5"] {
		count(findings({"id": "m1", "weights": {"format": format}})) == 1
	}
}

test_safe_formats_do_not_fire if {
	every format in ["safetensors", "onnx", "gguf", "tf_savedmodel", "other"] {
		count(findings({"id": "m1", "weights": {"format": format}})) == 0
	}
}

test_absent_format_or_weights_does_not_fire if {
	count(findings({"id": "m1", "weights": {}})) == 0
	count(findings({"id": "m1"})) == 0
}

test_recent_clean_scan_does_not_fire if {
	count(findings(model("pickle", {"tool": "modelscan", "date": "2026-11-01", "result": "clean"}))) == 0
}

test_scan_with_issues_fires if {
	result := findings(model("pickle", {"tool": "modelscan", "date": "2026-11-20", "result": "issues"}))
	count(result) == 1
}

test_clean_scan_without_date_fires if {
	count(findings(model("joblib", {"result": "clean"}))) == 1
}

test_exactly_max_age_does_not_fire if {
	# 2026-11-25 - 90 days = 2026-08-27
	count(findings(model("keras_h5", {"date": "2026-08-27", "result": "clean"}))) == 0
}

test_one_day_over_max_age_fires if {
	count(findings(model("keras_h5", {"date": "2026-08-26", "result": "clean"}))) == 1
}

test_parameter_override_changes_outcome if {
	result := mod_003.deny with input as {"models": [model("pickle", {"date": "2026-11-01", "result": "clean"})]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"model_scan_max_age_days": 7}
	count(result) == 1
}

message(m) := concat("", [f.message | some f in findings(m)])

test_messages_name_the_gap if {
	message({"id": "m1", "weights": {"format": "pickle"}}) == "model m1: its pickle weights can run code when loaded and have never been scanned for malicious serialization"
	message(model("joblib", {"date": "2026-11-20", "result": "issues"})) == "model m1: its joblib weights can run code when loaded and were last scanned on 2026-11-20 with result issues"
	message(model("joblib", {"result": "clean"})) == "model m1: its joblib weights can run code when loaded and have a clean scan without a date"
	message(model("keras_h5", {"date": "2026-08-26", "result": "clean"})) == "model m1: its keras_h5 weights can run code when loaded and were last scanned clean on 2026-08-26, 91 days ago, over the 90-day limit"
}
