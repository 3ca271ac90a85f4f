package aiguard.policies.resilience.ir_003_test

import data.aiguard.policies.resilience.ir_003

findings(inventory) := result if {
	result := ir_003.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

notifying_within(hours) := {"controls": {"incident_response": {"plan": true, "notification_hours": hours}}}

test_hours_above_maximum_fires if {
	result := findings(notifying_within(96))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"controls", ["controls", "incident_response", "notification_hours"],
		"the incident response plan allows 96 hours to notify the supervisory authority, more than the 72-hour maximum",
	]]
}

test_one_hour_above_maximum_fires if count(findings(notifying_within(73))) == 1

test_hours_exactly_at_maximum_do_not_fire if count(findings(notifying_within(72))) == 0

test_shorter_time_does_not_fire if count(findings(notifying_within(24))) == 0

test_absent_hours_fire if {
	result := findings({"controls": {"incident_response": {"plan": true}}})
	[f.message | some f in result] == ["the incident response plan sets no time to notify the supervisory authority (controls.incident_response.notification_hours is absent)"]
}

test_no_controls_at_all_fires if count(findings({})) == 1

test_longer_maximum_parameter_silences if {
	result := ir_003.deny with input as notifying_within(96) with data.aiguard.params as {"notification_max_hours": 96}
	count(result) == 0
}

test_shorter_maximum_parameter_fires if {
	result := ir_003.deny with input as notifying_within(72) with data.aiguard.params as {"notification_max_hours": 24}
	count(result) == 1
}
