package aiguard.policies.partners.prt_007_test

import data.aiguard.policies.partners.prt_007

estate := {
	"stores": [{"id": "s1"}],
	"datasets": [
		{"id": "d1", "store": "s1", "purposes": ["research", "ai_training"]},
		{"id": "d-no-purposes", "store": "s1"},
	],
}

findings(grant) := result if {
	result := prt_007.deny with input as object.union(estate, {"access": [grant]})
}

grant(asset, purpose) := {"principal": "partner:p1", "asset": asset, "level": "read", "purpose": purpose}

test_purpose_outside_dataset_purposes_fires if {
	result := findings(grant("d1", "fine_tuning"))
	{f.path | some f in result} == {["access", 0, "purpose"]}
	{[f.subject, f.principal] | some f in result} == {["d1", "partner:p1"]}
}

test_purpose_among_dataset_purposes_does_not_fire if count(findings(grant("d1", "research"))) == 0

test_dataset_without_purposes_fires if count(findings(grant("d-no-purposes", "research"))) == 1

test_grant_without_purpose_does_not_fire if count(findings({"principal": "partner:p1", "asset": "d1", "level": "read"})) == 0

test_grant_on_store_does_not_fire if count(findings(grant("s1", "fine_tuning"))) == 0

test_non_partner_grant_does_not_fire if {
	count(findings({"principal": "group:eng", "asset": "d1", "level": "read", "purpose": "fine_tuning"})) == 0
}

test_message_lists_the_dataset_purposes if {
	result := findings(grant("d1", "fine_tuning"))
	{f.message | some f in result} == {"partner p1's grant on d1 is for fine_tuning, which is not among the dataset's purposes (research, ai_training)"}
}

test_empty_purposes_list_fires_as_none_recorded if {
	result := prt_007.deny with input as {
		"datasets": [{"id": "d-empty", "purposes": []}],
		"access": [grant("d-empty", "research")],
	}
	{f.message | some f in result} == {"partner p1's grant on d-empty is for research, which is not among the dataset's purposes (none recorded)"}
}
