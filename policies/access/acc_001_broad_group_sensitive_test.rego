package aiguard.policies.access.acc_001_test

import data.aiguard.policies.access.acc_001

estate := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"datasets": [
		{"id": "d-personal", "classification": "internal", "store": "s1", "personal_data": ["pii"]},
		{"id": "d-public", "classification": "public", "store": "s2"},
	],
	"models": [{"id": "m-confidential", "classification": "confidential", "weights": {"store": "s2"}}],
}

findings(grant, params) := result if {
	result := acc_001.deny with input as object.union(estate, {"access": [grant]})
		with data.aiguard.params as params
}

grant(principal, asset) := {"principal": principal, "asset": asset, "level": "read"}

test_all_employees_on_personal_data_fires if {
	result := findings(grant("group:all-employees", "d-personal"), {})
	{f.path | some f in result} == {["access", 0, "principal"]}
	{[f.subject, f.principal] | some f in result} == {["d-personal", "group:all-employees"]}
}

test_broad_group_on_store_with_sensitive_fires if count(findings(grant("group:everyone", "s2"), {})) == 1

test_broad_group_on_public_data_does_not_fire if count(findings(grant("group:everyone", "d-public"), {})) == 0

test_team_group_does_not_fire if count(findings(grant("group:dragonfly-core", "d-personal"), {})) == 0

test_user_named_like_a_group_does_not_fire if count(findings(grant("user:everyone", "d-personal"), {})) == 0

test_parameter_override_changes_outcome if {
	count(findings(grant("group:contractors", "m-confidential"), {"broad_groups": ["contractors"]})) == 1
	count(findings(grant("group:all-employees", "m-confidential"), {"broad_groups": ["contractors"]})) == 0
}
