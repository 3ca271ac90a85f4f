package aiguard.policies.data.dat_002_test

import data.aiguard.policies.data.dat_002

findings(store, dataset) := result if {
	result := dat_002.deny with input as {"stores": [store], "datasets": [dataset]} with data.aiguard.as_of as "2026-11-25"
}

dataset(personal) := {"id": "d1", "store": "s1", "personal_data": personal}

test_personal_data_without_tls_fires if {
	result := findings({"id": "s1", "encryption": {"at_rest": true, "in_transit": false}}, dataset(["phi"]))
	{f.path | some f in result} == {["datasets", 0]}
	{f.subject | some f in result} == {"d1"}
}

test_store_without_in_transit_field_fires if {
	count(findings({"id": "s1", "encryption": {"at_rest": true}}, dataset(["pii"]))) == 1
	count(findings({"id": "s1"}, dataset(["genetic"]))) == 1
}

test_tls_enforced_does_not_fire if {
	count(findings({"id": "s1", "encryption": {"in_transit": true}}, dataset(["phi", "health"]))) == 0
}

test_no_personal_data_does_not_fire if {
	count(findings({"id": "s1"}, dataset([]))) == 0
	count(findings({"id": "s1"}, {"id": "d1", "store": "s1"})) == 0
}

test_message_names_the_store if {
	result := findings({"id": "s1", "encryption": {"in_transit": false}}, dataset(["health"]))
	[f.message | some f in result] == ["dataset d1 holds personal data (health) in store s1, which does not enforce encryption in transit"]
}

test_dataset_without_store_does_not_fire if {
	count(findings({"id": "s1"}, {"id": "d1", "personal_data": ["phi"]})) == 0
}
