package aiguard.policies.data.dat_008_test

import data.aiguard.policies.data.dat_008

dataset(retention) := {"id": "d1", "personal_data": ["health"], "retention": retention}

findings(d) := result if {
	result := dat_008.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_no_retention_fires if {
	result := findings({"id": "d1", "personal_data": ["pii"]})
	{f.path | some f in result} == {["datasets", 0, "retention", "until"]}
	{f.subject | some f in result} == {"d1"}
}

test_retention_without_until_fires if count(findings(dataset({}))) == 1

test_until_before_as_of_fires if count(findings(dataset({"until": "2026-11-24"}))) == 1

test_until_on_as_of_does_not_fire if count(findings(dataset({"until": "2026-11-25"}))) == 0

test_until_after_as_of_does_not_fire if count(findings(dataset({"until": "2030-01-01"}))) == 0

test_no_personal_data_does_not_fire if {
	count(findings({"id": "d1"})) == 0
	count(findings({"id": "d1", "personal_data": []})) == 0
}

test_evaluation_date_decides if {
	result := dat_008.deny with input as {"datasets": [dataset({"until": "2026-11-25"})]} with data.aiguard.as_of as "2026-11-26"
	count(result) == 1
}

test_messages_name_the_gap if {
	[f.message | some f in findings({"id": "d1", "personal_data": ["pii"]})] == ["dataset d1 with personal data (pii) has no retention end date (retention.until)"]
	[f.message | some f in findings(dataset({"until": "2026-11-24"}))] == ["dataset d1 with personal data (health) was due for deletion on 2026-11-24 and is still held"]
}
