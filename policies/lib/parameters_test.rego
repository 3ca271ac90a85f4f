package aiguard.lib.parameters_test

import data.aiguard.lib.parameters

test_params_merge_overrides_over_defaults if {
	params := parameters.params with data.aiguard.params as {"reid_risk_max": 0.5}
	params.reid_risk_max == 0.5
	params.partner_grant_max_days == 365
}
