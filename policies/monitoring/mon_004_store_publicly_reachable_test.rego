package aiguard.policies.monitoring.mon_004_test

import data.aiguard.policies.monitoring.mon_004

# Store s1 with the given fields, holding one dataset of the given classification.
inventory(store, classification) := {
	"stores": [object.union({"id": "s1"}, store)],
	"datasets": [{"id": "d1", "classification": classification, "store": "s1"}],
}

findings(inventory) := result if {
	result := mon_004.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_public_endpoint_fires if {
	result := findings(inventory({"public_access": false, "network": {"private": false}}, "confidential"))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"s1", ["stores", 0],
		"store s1 holds sensitive assets (d1) and is reachable from the internet: it has a public endpoint (network.private is not true)",
	]]
}

test_public_access_on_private_network_fires if {
	result := findings(inventory({"public_access": true, "network": {"private": true}}, "restricted"))
	[f.message | some f in result] == ["store s1 holds sensitive assets (d1) and is reachable from the internet: it allows public access (public_access: true)"]
}

test_both_gaps_give_one_finding if {
	result := findings(inventory({"public_access": true}, "restricted"))
	count(result) == 1
	some f in result
	contains(f.message, "public_access: true")
	contains(f.message, "network.private")
}

test_absent_network_block_fires if count(findings(inventory({"public_access": false}, "restricted"))) == 1

test_private_store_does_not_fire if {
	count(findings(inventory({"public_access": false, "network": {"private": true}}, "restricted"))) == 0
}

test_absent_public_access_on_private_network_does_not_fire if {
	count(findings(inventory({"network": {"private": true}}, "restricted"))) == 0
}

test_public_store_with_internal_assets_does_not_fire if {
	count(findings(inventory({"public_access": true}, "internal"))) == 0
}

test_both_reasons_in_sorted_order if {
	result := findings(inventory({"public_access": true, "network": {"private": false}}, "confidential"))
	[f.message | some f in result] == ["store s1 holds sensitive assets (d1) and is reachable from the internet: it allows public access (public_access: true); it has a public endpoint (network.private is not true)"]
}
