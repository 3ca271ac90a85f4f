package aiguard.policies.partners.prt_006_test

import data.aiguard.policies.partners.prt_006

findings(partner, grants) := result if {
	result := prt_006.deny with input as {"partners": [partner], "access": grants}
}

grants := [{"principal": "partner:p1", "asset": "d1", "level": "read"}]

test_mfa_false_with_grant_fires if {
	result := findings({"id": "p1", "mfa_enforced": false}, grants)
	{f.path | some f in result} == {["partners", 0, "mfa_enforced"]}
	{[f.subject, object.get(f, "principal", null)] | some f in result} == {["p1", null]}
}

test_mfa_absent_with_grant_fires if count(findings({"id": "p1"}, grants)) == 1

test_mfa_true_does_not_fire if count(findings({"id": "p1", "mfa_enforced": true}, grants)) == 0

test_partner_without_grants_does_not_fire if count(findings({"id": "p1", "mfa_enforced": false}, [])) == 0

test_grant_of_another_principal_does_not_count if {
	count(findings({"id": "p1"}, [{"principal": "partner:p2", "asset": "d1", "level": "read"}])) == 0
}
