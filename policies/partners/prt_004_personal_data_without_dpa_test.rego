package aiguard.policies.partners.prt_004_test

import data.aiguard.policies.partners.prt_004

estate := {
	"stores": [{"id": "s1"}],
	"datasets": [
		{"id": "d-personal", "store": "s1", "personal_data": ["phi", "health"]},
		{"id": "d-plain", "store": "s1", "personal_data": []},
		{"id": "d-other", "classification": "restricted"},
	],
}

findings(partner, grants) := result if {
	result := prt_004.deny with input as object.union(estate, {"partners": [partner], "access": grants})
}

grant(asset) := {"principal": "partner:p1", "asset": asset, "level": "read"}

test_store_grant_without_dpa_fires_per_personal_dataset if {
	result := findings({"id": "p1"}, [grant("s1")])
	{[f.subject, f.principal] | some f in result} == {["d-personal", "partner:p1"]}
}

test_direct_and_store_grant_give_one_finding if {
	result := findings({"id": "p1", "agreements": {"baa": {"signed": "2025-01-01"}}}, [grant("s1"), grant("d-personal")])
	count(result) == 1
}

test_with_dpa_does_not_fire if {
	count(findings({"id": "p1", "agreements": {"dpa": {"signed": "2025-01-01", "reference": "DPA-1"}}}, [grant("s1")])) == 0
}

test_no_personal_data_reached_does_not_fire if count(findings({"id": "p1"}, [grant("d-plain"), grant("d-other")])) == 0

test_partner_without_grants_does_not_fire if count(findings({"id": "p1"}, [])) == 0

test_inventory_without_stores_fires if {
	result := prt_004.deny with input as {
		"datasets": [{"id": "d1", "personal_data": ["pii"]}],
		"partners": [{"id": "p1"}],
		"access": [grant("d1")],
	}
	{[f.subject, f.principal] | some f in result} == {["d1", "partner:p1"]}
}

test_message_and_path_point_at_the_partner_without_dpa if {
	partners := [{"id": "p0", "agreements": {"dpa": {"signed": "2025-01-01"}}}, {"id": "p1"}]
	grants := [{"principal": "partner:p0", "asset": "s1", "level": "read"}, grant("d-personal")]
	result := prt_004.deny with input as object.union(estate, {"partners": partners, "access": grants})
	{[f.subject, f.principal, f.message, f.path] | some f in result} == {[
		"d-personal", "partner:p1",
		"partner p1 reaches d-personal, which holds personal data (health, phi), without a data processing agreement",
		["partners", 1, "agreements"],
	]}
}
