package aiguard.policies.credentials.crd_003_test

import data.aiguard.policies.credentials.crd_003

findings(credential, params) := result if {
	result := crd_003.deny with input as {"credentials": [credential]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as params
}

test_never_rotated_fires if {
	result := findings({"id": "c1"}, {})
	{f.path | some f in result} == {["credentials", 0, "last_rotated"]}
	{[f.subject, f.message] | some f in result} == {["c1", "credential c1 has never been rotated"]}
}

test_exactly_max_days_does_not_fire if {
	# 2026-08-27 is 90 days before 2026-11-25.
	count(findings({"id": "c1", "last_rotated": "2026-08-27"}, {})) == 0
}

test_one_day_over_max_fires if {
	result := findings({"id": "c1", "last_rotated": "2026-08-26"}, {})
	{f.message | some f in result} == {"credential c1 was last rotated on 2026-08-26, 91 days ago, over the 90-day limit"}
}

test_parameter_override_changes_outcome if {
	count(findings({"id": "c1", "last_rotated": "2026-10-01"}, {"credential_rotation_max_days": 30})) == 1
	count(findings({"id": "c1", "last_rotated": "2026-10-01"}, {})) == 0
}

test_zero_max_days_fires_from_the_day_after if {
	count(findings({"id": "c1", "last_rotated": "2026-11-25"}, {"credential_rotation_max_days": 0})) == 0
	count(findings({"id": "c1", "last_rotated": "2026-11-24"}, {"credential_rotation_max_days": 0})) == 1
	count(findings({"id": "c1", "last_rotated": "2027-01-01"}, {})) == 0
}
