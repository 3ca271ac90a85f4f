package aiguard.policies.data.dat_005_test

import data.aiguard.policies.data.dat_005

dataset(deid) := {"id": "d1", "deidentification": deid}

findings(d) := result if {
	result := dat_005.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_risk_above_max_fires if {
	result := findings(dataset({"status": "pseudonymised", "risk_score": 0.12}))
	{f.path | some f in result} == {["datasets", 0, "deidentification", "risk_score"]}
	{f.subject | some f in result} == {"d1"}
	some f in result
	contains(f.message, "0.12, above the accepted maximum of 0.09")
}

test_risk_equal_to_max_does_not_fire if {
	count(findings(dataset({"status": "pseudonymised", "risk_score": 0.09}))) == 0
}

test_risk_just_above_max_fires if {
	count(findings(dataset({"risk_score": 0.091}))) == 1
}

test_risk_below_max_does_not_fire if {
	count(findings(dataset({"status": "anonymised", "risk_score": 0.01}))) == 0
	count(findings(dataset({"risk_score": 0}))) == 0
}

test_absent_score_does_not_fire if {
	count(findings(dataset({"status": "pseudonymised"}))) == 0
	count(findings({"id": "d1"})) == 0
}

test_parameter_override_changes_outcome if {
	result := dat_005.deny with input as {"datasets": [dataset({"risk_score": 0.05})]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"reid_risk_max": 0.01}
	count(result) == 1
}
