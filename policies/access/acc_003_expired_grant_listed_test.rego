package aiguard.policies.access.acc_003_test

import data.aiguard.policies.access.acc_003

findings(grant) := result if {
	result := acc_003.deny with input as {"access": [grant]} with data.aiguard.as_of as "2026-11-25"
}

grant(extra) := object.union({"principal": "user:a@example.org", "asset": "d1", "level": "read"}, extra)

test_expired_yesterday_fires if {
	result := findings(grant({"expires": "2026-11-24"}))
	{f.path | some f in result} == {["access", 0, "expires"]}
	{[f.subject, f.principal, f.message] | some f in result} == {[
		"d1", "user:a@example.org",
		"the grant of d1 to user:a@example.org expired on 2026-11-24 and is still listed",
	]}
}

test_partner_grant_expired_fires if count(findings(grant({"principal": "partner:p1", "expires": "2025-01-01"}))) == 1

test_expiring_on_as_of_does_not_fire if count(findings(grant({"expires": "2026-11-25"}))) == 0

test_future_expiry_does_not_fire if count(findings(grant({"expires": "2027-01-01"}))) == 0

test_no_expiry_does_not_fire if count(findings(grant({}))) == 0
