package aiguard.policies.monitoring.mon_002_test

import data.aiguard.policies.monitoring.mon_002

# Store s1 with the given egress_alert block, holding one model of the given classification.
inventory(alert, classification) := {
	"stores": [{"id": "s1", "egress_alert": alert}],
	"models": [{"id": "m1", "classification": classification, "weights": {"store": "s1"}}],
}

findings(inventory) := result if {
	result := mon_002.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_disabled_alert_on_restricted_store_fires if {
	result := findings(inventory({"enabled": false}, "restricted"))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"s1", ["stores", 0, "egress_alert"],
		"store s1 holds sensitive assets (m1): egress alerting is not enabled (egress_alert.enabled is not true)",
	]]
}

test_store_without_egress_alert_block_fires if {
	result := findings({
		"stores": [{"id": "s1"}],
		"models": [{"id": "m1", "classification": "confidential", "weights": {"store": "s1"}}],
	})
	count(result) == 1
}

test_threshold_above_maximum_fires if {
	result := findings(inventory({"enabled": true, "threshold_gb_per_day": 50.5}, "restricted"))
	[f.message | some f in result] == ["store s1 holds sensitive assets (m1): its egress alert threshold of 50.5 GB/day is above the 50 GB/day maximum"]
}

test_disabled_with_high_threshold_gives_one_finding_with_both_reasons if {
	result := findings(inventory({"enabled": false, "threshold_gb_per_day": 2000}, "restricted"))
	count(result) == 1
	some f in result
	contains(f.message, "not enabled")
	contains(f.message, "2000 GB/day")
}

test_threshold_exactly_at_maximum_does_not_fire if {
	count(findings(inventory({"enabled": true, "threshold_gb_per_day": 50}, "restricted"))) == 0
}

test_enabled_without_threshold_does_not_fire if {
	count(findings(inventory({"enabled": true}, "restricted"))) == 0
}

test_store_with_only_public_assets_does_not_fire if {
	count(findings(inventory({"enabled": false}, "public"))) == 0
}

test_higher_maximum_parameter_silences if {
	result := mon_002.deny with input as inventory({"enabled": true, "threshold_gb_per_day": 2000}, "restricted")
		with data.aiguard.params as {"egress_alert_max_gb_per_day": 2000}
	count(result) == 0
}

test_lower_maximum_parameter_fires if {
	result := mon_002.deny with input as inventory({"enabled": true, "threshold_gb_per_day": 20}, "restricted")
		with data.aiguard.params as {"egress_alert_max_gb_per_day": 10}
	count(result) == 1
}

test_both_reasons_in_sorted_order if {
	result := findings(inventory({"threshold_gb_per_day": 2000}, "restricted"))
	[f.message | some f in result] == ["store s1 holds sensitive assets (m1): egress alerting is not enabled (egress_alert.enabled is not true); its egress alert threshold of 2000 GB/day is above the 50 GB/day maximum"]
}
