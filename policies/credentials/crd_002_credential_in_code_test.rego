package aiguard.policies.credentials.crd_002_test

import data.aiguard.policies.credentials.crd_002

findings(stored_in) := result if {
	result := crd_002.deny with input as {"credentials": [{"id": "c1", "stored_in": stored_in}]}
}

test_client_bundle_fires if {
	result := findings("client_bundle")
	count(result) == 1
	{f.path | some f in result} == {["credentials", 0, "stored_in"]}
}

test_source_code_fires if count(findings("source_code")) == 1

test_vault_does_not_fire if count(findings("vault")) == 0
