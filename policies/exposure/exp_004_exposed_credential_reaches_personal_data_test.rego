package aiguard.policies.exposure.exp_004_test

import data.aiguard.policies.exposure.exp_004

findings(inventory) := {f.subject | some f in result} if {
	result := exp_004.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

exposed(credential, personal_data) := {
	"repositories": [{"id": "r1"}],
	"credentials": [object.union({"id": "c1", "reaches": ["s1"]}, credential)],
	"stores": [{"id": "s1"}],
	"datasets": [{"id": "d1", "classification": "internal", "store": "s1", "personal_data": personal_data}],
}

test_found_credential_reaching_personal_data_fires if findings(exposed({"found_in": ["r1"]}, ["pii"])) == {"c1"}

test_credential_not_found_anywhere_does_not_fire if findings(exposed({}, ["pii"])) == set()

test_empty_found_in_does_not_fire if findings(exposed({"found_in": []}, ["pii"])) == set()

test_no_personal_data_does_not_fire if findings(exposed({"found_in": ["r1"]}, [])) == set()

test_expired_credential_opens_nothing if findings(exposed({"found_in": ["r1"], "expires": "2026-11-01"}, ["health"])) == set()

test_path_points_at_found_in if {
	some f in exp_004.deny with input as exposed({"found_in": ["r1"]}, ["pii"]) with data.aiguard.as_of as "2026-11-25"
	f.path == ["credentials", 0, "found_in"]
	f.message == "credential c1 is readable in r1 and reaches personal data (d1)"
}

# c1 (found in r1) -> s1 -> d1 (no personal data, carries c2) -> c2 -> s2 -> d2 (health)
test_personal_data_behind_a_second_credential_fires if {
	inventory := {
		"repositories": [{"id": "r1"}],
		"credentials": [
			{"id": "c1", "reaches": ["s1"], "found_in": ["r1"]},
			{"id": "c2", "reaches": ["s2"], "found_in": ["d1"]},
		],
		"stores": [{"id": "s1"}, {"id": "s2"}],
		"datasets": [
			{"id": "d1", "store": "s1", "personal_data": []},
			{"id": "d2", "store": "s2", "personal_data": ["health"]},
		],
	}
	findings(inventory) == {"c1", "c2"}
}
