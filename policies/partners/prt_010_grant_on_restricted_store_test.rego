package aiguard.policies.partners.prt_010_test

import data.aiguard.policies.partners.prt_010

estate := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"models": [{"id": "m-restricted", "classification": "restricted", "weights": {"store": "s1"}}],
	"datasets": [{"id": "d-confidential", "classification": "confidential", "store": "s2", "personal_data": ["pii"]}],
}

findings(grant) := result if {
	result := prt_010.deny with input as object.union(estate, {"access": [grant]})
}

grant(asset) := {"principal": "partner:p1", "asset": asset, "level": "read"}

test_grant_on_store_with_restricted_fires if {
	result := findings(grant("s1"))
	{f.path | some f in result} == {["access", 0, "asset"]}
	{[f.subject, f.principal, f.message] | some f in result} == {[
		"s1", "partner:p1",
		"partner p1 is granted the whole store s1, which holds restricted assets (m-restricted)",
	]}
}

test_grant_on_the_restricted_model_itself_does_not_fire if count(findings(grant("m-restricted"))) == 0

test_grant_on_store_without_restricted_does_not_fire if count(findings(grant("s2"))) == 0

test_non_partner_grant_on_store_does_not_fire if {
	count(findings({"principal": "group:eng", "asset": "s1", "level": "read"})) == 0
}
