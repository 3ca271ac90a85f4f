package aiguard.policies.data.dat_004_test

import data.aiguard.policies.data.dat_004

dataset(deid) := {"id": "d1", "deidentification": deid}

findings(d) := result if {
	result := dat_004.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_pseudonymised_without_assessment_fires if {
	result := findings(dataset({"status": "pseudonymised"}))
	{f.path | some f in result} == {["datasets", 0, "deidentification", "last_risk_assessment"]}
	{f.subject | some f in result} == {"d1"}
}

test_anonymised_without_assessment_fires if {
	count(findings(dataset({"status": "anonymised"}))) == 1
}

test_exactly_max_age_does_not_fire if {
	# 2026-11-25 - 365 days = 2025-11-25
	count(findings(dataset({"status": "pseudonymised", "last_risk_assessment": "2025-11-25"}))) == 0
}

test_one_day_over_max_age_fires if {
	result := findings(dataset({"status": "pseudonymised", "last_risk_assessment": "2025-11-24"}))
	some f in result
	contains(f.message, "366 days ago, over the 365-day limit")
}

test_not_deidentified_does_not_fire if {
	count(findings(dataset({"status": "none"}))) == 0
	count(findings(dataset({}))) == 0
	count(findings({"id": "d1"})) == 0
}

test_parameter_override_changes_outcome if {
	result := dat_004.deny with input as {"datasets": [dataset({"status": "anonymised", "last_risk_assessment": "2026-06-01"})]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"reid_assessment_max_age_days": 90}
	count(result) == 1
}

# Findings with a 0-day limit: any assessment older than the evaluation date is stale.
findings_zero_day_limit(d) := result if {
	result := dat_004.deny with input as {"datasets": [d]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"reid_assessment_max_age_days": 0}
}

test_zero_day_limit_boundary if {
	count(findings_zero_day_limit(dataset({"status": "pseudonymised", "last_risk_assessment": "2026-11-25"}))) == 0
	[f.message | some f in findings_zero_day_limit(dataset({"status": "anonymised", "last_risk_assessment": "2026-11-24"}))] == ["anonymised dataset d1 was last assessed for re-identification risk on 2026-11-24, 1 days ago, over the 0-day limit"]
}
