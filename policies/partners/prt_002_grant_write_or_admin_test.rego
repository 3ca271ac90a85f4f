package aiguard.policies.partners.prt_002_test

import data.aiguard.policies.partners.prt_002

grant(extra) := object.union({"principal": "partner:p1", "asset": "d1", "level": "read"}, extra)

findings(g) := result if {
	result := prt_002.deny with input as {"access": [g]}
}

test_admin_fires if {
	result := findings(grant({"level": "admin"}))
	{[f.subject, f.principal, f.path] | some f in result} == {["d1", "partner:p1", ["access", 0, "level"]]}
}

test_write_fires if count(findings(grant({"level": "write"}))) == 1

test_read_does_not_fire if count(findings(grant({}))) == 0

test_non_partner_admin_does_not_fire if count(findings(grant({"principal": "group:eng", "level": "admin"}))) == 0
