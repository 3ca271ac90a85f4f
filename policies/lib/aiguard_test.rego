package aiguard.lib_test

import data.aiguard.lib

test_number_text_prints_alike_on_every_engine if {
	lib.number_text(96) == "96"
	lib.number_text(96.0) == "96"
	lib.number_text(0.12) == "0.12"
	lib.number_text(0.00005) == "0.0001"
	lib.number_text(2500000.4) == "2500000"
	lib.number_text(1500000.0) == "1500000"
}

test_days_since_counts_whole_days if {
	days := lib.days_since("2026-11-15") with data.aiguard.as_of as "2026-11-25"
	days == 10
}

test_older_than_is_strict if {
	not lib.older_than("2026-08-27", 90) with data.aiguard.as_of as "2026-11-25"
	lib.older_than("2026-08-26", 90) with data.aiguard.as_of as "2026-11-25"
}

test_params_merge_overrides_over_defaults if {
	params := lib.params with data.aiguard.params as {"reid_risk_max": 0.5}
	params.reid_risk_max == 0.5
	params.partner_grant_max_days == 365
}

test_store_assets_groups_models_and_datasets_by_store if {
	index := lib.store_assets with input as {
		"models": [{"id": "m1", "weights": {"store": "s1"}}],
		"datasets": [{"id": "d1", "store": "s1"}, {"id": "d2", "store": "s2"}],
	}
	index == {"s1": {"m1", "d1"}, "s2": {"d2"}}
}

test_sensitive if {
	lib.sensitive({"classification": "confidential"})
	lib.sensitive({"classification": "public", "personal_data": ["pii"]})
	not lib.sensitive({"classification": "internal"})
	not lib.sensitive({})
}
