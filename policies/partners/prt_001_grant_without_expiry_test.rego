package aiguard.policies.partners.prt_001_test

import data.aiguard.policies.partners.prt_001

grant(extra) := object.union({"principal": "partner:p1", "asset": "d1", "level": "read", "granted": "2026-01-01"}, extra)

findings(g) := result if {
	result := prt_001.deny with input as {"access": [g]} with data.aiguard.as_of as "2026-11-25"
}

test_no_expiry_fires if {
	result := findings(grant({}))
	{f.path | some f in result} == {["access", 0]}
	{[f.subject, f.principal] | some f in result} == {["d1", "partner:p1"]}
}

test_exactly_max_days_does_not_fire if {
	# 2026-01-01 + 365 days = 2027-01-01
	count(findings(grant({"expires": "2027-01-01"}))) == 0
}

test_one_day_over_max_fires if {
	count(findings(grant({"expires": "2027-01-02"}))) == 1
}

test_parameter_override_changes_outcome if {
	result := prt_001.deny with input as {"access": [grant({"expires": "2026-03-01"})]}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"partner_grant_max_days": 30}
	count(result) == 1
}

test_non_partner_grant_does_not_fire if {
	count(findings(grant({"principal": "group:eng"}))) == 0
}

test_over_max_days_message_counts_whole_days if {
	result := findings(grant({"expires": "2027-01-02"}))
	{f.message | some f in result} == {"partner p1 has access to d1 for 366 days, over the 365-day limit"}
}

test_expiry_without_granted_does_not_fire if {
	count(findings({"principal": "partner:p1", "asset": "d1", "level": "read", "expires": "2030-01-01"})) == 0
}
