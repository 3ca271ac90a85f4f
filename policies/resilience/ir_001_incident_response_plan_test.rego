package aiguard.policies.resilience.ir_001_test

import data.aiguard.policies.resilience.ir_001

findings(ir) := result if {
	result := ir_001.deny with input as {"controls": {"incident_response": ir}}
}

test_plan_not_covering_ai_fires if {
	result := findings({"plan": true, "covers_ai_assets": false})
	{f.path | some f in result} == {["controls", "incident_response"]}
	{f.subject | some f in result} == {"controls"}
}

test_no_controls_at_all_fires if {
	result := ir_001.deny with input as {}
	count(result) == 1
}

test_plan_covering_ai_does_not_fire if count(findings({"plan": true, "covers_ai_assets": true})) == 0
