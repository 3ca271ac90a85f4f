package aiguard.policies.evidence.evd_001_test

import data.aiguard.policies.evidence.evd_001

model := {"id": "m1", "weights": {"store": "s1", "path": "m1/", "sha256": "AB12"}}

record(status, digest) := {"id": "m1", "store": "s1", "path": "m1/", "kind": "directory", "status": status, "sha256": digest, "files": []}

findings(rec) := result if {
	result := evd_001.deny with input as {"models": [model]} with data.aiguard.evidence as {"models": [rec], "places": []}
}

test_same_digest_any_case_passes if count(findings(record("examined", "ab12"))) == 0

test_other_digest_fires if count(findings(record("examined", "cd34"))) == 1

test_missing_files_fire if {
	some finding in findings(record("missing", null))
	finding.path == ["models", 0, "weights", "path"]
}

test_no_evidence_no_finding if {
	result := evd_001.deny with input as {"models": [model]}
	count(result) == 0
}

test_model_not_examined_no_finding if {
	result := evd_001.deny with input as {"models": [model]} with data.aiguard.evidence as {"models": [], "places": []}
	count(result) == 0
}
