package aiguard.policies.source.src_001_test

import data.aiguard.policies.source.src_001

findings(repository) := result if {
	result := src_001.deny with input as {"repositories": [object.union({"id": "r1"}, repository)]}
}

test_both_off_gives_one_finding if {
	result := findings({"secret_scanning": false, "push_protection": false})
	{[f.subject, f.message] | some f in result} == {["r1", "repository r1 does not have secret_scanning or push_protection turned on"]}
}

test_push_protection_absent_fires if {
	result := findings({"secret_scanning": true})
	{f.path | some f in result} == {["repositories", 0, "push_protection"]}
}

test_secret_scanning_off_fires if count(findings({"secret_scanning": false, "push_protection": true})) == 1

test_both_on_does_not_fire if count(findings({"secret_scanning": true, "push_protection": true})) == 0
