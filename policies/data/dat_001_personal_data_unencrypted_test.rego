package aiguard.policies.data.dat_001_test

import data.aiguard.policies.data.dat_001

findings(inventory) := result if {
	result := dat_001.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

dataset(personal) := {"id": "d1", "store": "s1", "personal_data": personal}

test_personal_data_in_unencrypted_store_fires if {
	result := findings({"stores": [{"id": "s1", "encryption": {"at_rest": false}}], "datasets": [dataset(["phi"])]})
	{f.path | some f in result} == {["datasets", 0]}
	{f.subject | some f in result} == {"d1"}
}

test_store_without_encryption_block_fires if {
	count(findings({"stores": [{"id": "s1"}], "datasets": [dataset(["pii"])]})) == 1
}

test_encrypted_store_does_not_fire if {
	count(findings({"stores": [{"id": "s1", "encryption": {"at_rest": true}}], "datasets": [dataset(["phi"])]})) == 0
}

test_no_personal_data_does_not_fire if {
	count(findings({"stores": [{"id": "s1"}], "datasets": [dataset([])]})) == 0
}

test_message_names_the_store if {
	result := findings({"stores": [{"id": "s1", "encryption": {"at_rest": false}}], "datasets": [dataset(["phi", "pii"])]})
	[f.message | some f in result] == ["dataset d1 holds personal data (phi, pii) in store s1, which is not encrypted at rest"]
}

test_dataset_without_store_does_not_fire if {
	count(findings({"stores": [{"id": "s1"}], "datasets": [{"id": "d1", "personal_data": ["phi"]}]})) == 0
}
