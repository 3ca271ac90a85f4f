package aiguard.policies.partners.prt_003_test

import data.aiguard.policies.partners.prt_003

estate := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"models": [{"id": "m-restricted", "classification": "restricted", "weights": {"store": "s1"}}],
	"datasets": [{"id": "d-confidential", "classification": "confidential", "store": "s2"}],
}

findings(grant) := result if {
	result := prt_003.deny with input as object.union(estate, {"access": [grant]})
}

grant(asset, download) := {"principal": "partner:p1", "asset": asset, "level": "read", "download": download}

test_download_on_store_holding_restricted_fires if {
	result := findings(grant("s1", true))
	{[f.subject, f.principal] | some f in result} == {["s1", "partner:p1"]}
}

test_download_on_restricted_model_fires if count(findings(grant("m-restricted", true))) == 1

test_no_download_does_not_fire if count(findings(grant("s1", false))) == 0

test_download_absent_does_not_fire if count(findings({"principal": "partner:p1", "asset": "s1", "level": "read"})) == 0

test_download_of_confidential_only_does_not_fire if count(findings(grant("s2", true))) == 0

test_non_partner_download_does_not_fire if {
	count(findings({"principal": "user:a@example.org", "asset": "s1", "level": "read", "download": true})) == 0
}

test_direct_grant_names_the_asset_itself if {
	result := findings(grant("m-restricted", true))
	{[f.message, f.path] | some f in result} == {[
		"partner p1 may download m-restricted, which reaches restricted assets (m-restricted)",
		["access", 0, "download"],
	]}
}

test_store_grant_lists_what_the_store_holds if {
	result := prt_003.deny with input as {
		"stores": [{"id": "s1"}],
		"datasets": [{"id": sprintf("d%d", [n]), "store": "s1", "classification": "restricted"} | some n in numbers.range(1, 5)],
		"access": [grant("s1", true)],
	}
	{f.message | some f in result} == {"partner p1 may download s1, which reaches restricted assets (d1, d2, d3 and 2 more)"}
}
