package aiguard.policies.monitoring.mon_003_test

import data.aiguard.policies.monitoring.mon_003

findings(logging) := result if {
	result := mon_003.deny with input as {"stores": [{"id": "s1", "logging": logging}]}
		with data.aiguard.as_of as "2026-11-25"
}

test_short_retention_fires if {
	result := findings({"data_access": true, "retention_days": 90})
	[[f.subject, f.path, f.message] | some f in result] == [[
		"s1", ["stores", 0, "logging", "retention_days"],
		"store s1 logs data access but keeps the logs for 90 days, fewer than the 365-day minimum",
	]]
}

test_absent_retention_fires if {
	result := findings({"data_access": true})
	[f.message | some f in result] == ["store s1 logs data access but does not say how long it keeps the logs (logging.retention_days is absent)"]
}

test_one_day_below_minimum_fires if count(findings({"data_access": true, "retention_days": 364})) == 1

test_retention_exactly_at_minimum_does_not_fire if {
	count(findings({"data_access": true, "retention_days": 365})) == 0
}

test_store_not_logging_data_access_does_not_fire if {
	count(findings({"data_access": false, "retention_days": 30})) == 0
}

test_store_without_logging_block_does_not_fire if {
	result := mon_003.deny with input as {"stores": [{"id": "s1"}]}
	count(result) == 0
}

test_lower_minimum_parameter_silences if {
	result := mon_003.deny with input as {"stores": [{"id": "s1", "logging": {"data_access": true, "retention_days": 90}}]}
		with data.aiguard.params as {"log_retention_min_days": 90}
	count(result) == 0
}

test_higher_minimum_parameter_fires if {
	result := mon_003.deny with input as {"stores": [{"id": "s1", "logging": {"data_access": true, "retention_days": 400}}]}
		with data.aiguard.params as {"log_retention_min_days": 730}
	count(result) == 1
}
