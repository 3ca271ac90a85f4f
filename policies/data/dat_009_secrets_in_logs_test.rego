package aiguard.policies.data.dat_009_test

import data.aiguard.policies.data.dat_009

findings(d) := result if {
	result := dat_009.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_logs_with_secrets_fire if {
	result := findings({"id": "d1", "type": "logs", "contains_secrets": true})
	{f.path | some f in result} == {["datasets", 0, "contains_secrets"]}
	{f.subject | some f in result} == {"d1"}
}

test_prompts_with_secrets_fire if count(findings({"id": "d1", "type": "prompts", "contains_secrets": true})) == 1

test_no_secrets_do_not_fire if {
	count(findings({"id": "d1", "type": "logs", "contains_secrets": false})) == 0
	count(findings({"id": "d1", "type": "prompts"})) == 0
}

test_other_types_do_not_fire if {
	count(findings({"id": "d1", "type": "training", "contains_secrets": true})) == 0
	count(findings({"id": "d1", "contains_secrets": true})) == 0
}
