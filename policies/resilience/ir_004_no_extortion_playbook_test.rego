package aiguard.policies.resilience.ir_004_test

import data.aiguard.policies.resilience.ir_004

findings(inventory) := result if {
	result := ir_004.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_playbook_false_fires if {
	result := findings({"controls": {"incident_response": {"plan": true, "extortion_playbook": false}}})
	[[f.subject, f.path] | some f in result] == [["controls", ["controls", "incident_response", "extortion_playbook"]]]
}

test_playbook_absent_fires if count(findings({"controls": {"incident_response": {"plan": true}}})) == 1

test_no_controls_at_all_fires if count(findings({})) == 1

test_playbook_true_does_not_fire if {
	count(findings({"controls": {"incident_response": {"extortion_playbook": true}}})) == 0
}
