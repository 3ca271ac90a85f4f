package aiguard.policies.data.dat_006_test

import data.aiguard.policies.data.dat_006

dataset(deid) := {"id": "d1", "store": "s1", "deidentification": deid}

findings(d) := result if {
	result := dat_006.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_key_in_the_data_store_fires if {
	result := findings(dataset({"status": "pseudonymised", "key_store": "s1"}))
	{f.path | some f in result} == {["datasets", 0, "deidentification", "key_store"]}
	{f.subject | some f in result} == {"d1"}
}

test_no_key_store_fires if {
	count(findings(dataset({"status": "pseudonymised"}))) == 1
}

test_key_in_another_store_does_not_fire if {
	count(findings(dataset({"status": "pseudonymised", "key_store": "s2"}))) == 0
}

test_not_pseudonymised_does_not_fire if {
	count(findings(dataset({"status": "anonymised"}))) == 0
	count(findings(dataset({"status": "none", "key_store": "s1"}))) == 0
	count(findings({"id": "d1", "store": "s1"})) == 0
}
