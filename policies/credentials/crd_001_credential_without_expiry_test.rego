package aiguard.policies.credentials.crd_001_test

import data.aiguard.policies.credentials.crd_001

findings(credential) := result if {
	result := crd_001.deny with input as {"credentials": [credential]}
}

test_no_expiry_fires if {
	result := findings({"id": "c1", "kind": "registry_token"})
	{f.path | some f in result} == {["credentials", 0]}
	{[f.subject, f.message] | some f in result} == {["c1", "registry_token c1 never expires"]}
}

test_no_kind_no_expiry_fires if count(findings({"id": "c1"})) == 1

test_with_expiry_does_not_fire if count(findings({"id": "c1", "expires": "2027-01-01"})) == 0

test_past_expiry_does_not_fire if count(findings({"id": "c1", "expires": "2020-01-01"})) == 0
