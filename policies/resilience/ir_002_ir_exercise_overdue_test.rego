package aiguard.policies.resilience.ir_002_test

import data.aiguard.policies.resilience.ir_002

findings(inventory) := result if {
	result := ir_002.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

exercised(date) := {"controls": {"incident_response": {"plan": true, "last_exercise": date}}}

test_old_exercise_fires if {
	result := findings(exercised("2024-02-12"))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"controls", ["controls", "incident_response", "last_exercise"],
		"the last incident-response exercise was on 2024-02-12, 1017 days ago, more than the 365-day maximum",
	]]
}

test_exercise_one_day_past_maximum_fires if count(findings(exercised("2025-11-24"))) == 1

test_exercise_exactly_at_maximum_does_not_fire if count(findings(exercised("2025-11-25"))) == 0

test_recent_exercise_does_not_fire if count(findings(exercised("2026-06-01"))) == 0

test_absent_exercise_fires if {
	result := findings({"controls": {"incident_response": {"plan": true}}})
	[f.message | some f in result] == ["no incident-response exercise is recorded (controls.incident_response.last_exercise is absent)"]
}

test_no_controls_at_all_fires if count(findings({})) == 1

test_shorter_maximum_parameter_fires if {
	result := ir_002.deny with input as exercised("2026-06-01")
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"ir_exercise_max_age_days": 90}
	count(result) == 1
}

test_longer_maximum_parameter_silences if {
	result := ir_002.deny with input as exercised("2024-02-12")
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"ir_exercise_max_age_days": 1100}
	count(result) == 0
}
