package aiguard.policies.evidence.evd_004_test

import data.aiguard.policies.evidence.evd_004

findings(scan) := result if {
	result := evd_004.deny with input as {"models": [{"id": "m1", "weights": {"format": "pickle"}}]}
		with data.aiguard.evidence as {"places": [], "models": [{"id": "m1", "status": "examined", "files": [{"path": "a.pkl", "pickle_scan": scan}]}]}
}

test_dangerous_import_fires if {
	some finding in findings({"dangerous": ["posix.system"], "error": null})
	contains(finding.message, "posix.system")
}

test_incomplete_scan_fires if {
	result := findings({"dangerous": [], "error": "the pickle could not be parsed to its end"})
	count(result) == 1
	{f.path | some f in result} == {["models", 0, "weights"]}
}

test_clean_scan_passes if count(findings({"dangerous": [], "error": null})) == 0

test_not_scanned_passes if count(findings(null)) == 0
