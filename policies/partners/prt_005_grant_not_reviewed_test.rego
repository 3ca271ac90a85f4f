package aiguard.policies.partners.prt_005_test

import data.aiguard.policies.partners.prt_005

grant(extra) := object.union({"principal": "partner:p1", "asset": "d1", "level": "read", "granted": "2025-01-01"}, extra)

findings(inventory, params) := result if {
	result := prt_005.deny with input as inventory
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as params
}

test_never_reviewed_fires if {
	result := findings({"access": [grant({})]}, {})
	{f.path | some f in result} == {["access", 0, "last_review"]}
	{[f.subject, f.principal, f.message] | some f in result} == {["d1", "partner:p1", "partner p1's access to d1 has never been reviewed"]}
}

test_exactly_interval_old_does_not_fire if {
	# 2026-08-27 is 90 days before 2026-11-25.
	count(findings({"access": [grant({"last_review": "2026-08-27"})]}, {})) == 0
}

test_one_day_over_interval_fires if count(findings({"access": [grant({"last_review": "2026-08-26"})]}, {})) == 1

test_parameter_override_changes_outcome if {
	count(findings({"access": [grant({"last_review": "2026-10-01"})]}, {"access_review_interval_days": 30})) == 1
}

test_controls_interval_wins_over_parameter if {
	inventory := {"controls": {"access_review_interval_days": 180}, "access": [grant({"last_review": "2026-08-01"})]}
	count(findings(inventory, {})) == 0
}

test_non_partner_grant_does_not_fire if count(findings({"access": [grant({"principal": "group:eng"})]}, {})) == 0

test_overdue_message_gives_days_and_interval if {
	result := findings({"access": [grant({"last_review": "2026-08-26"})]}, {})
	{f.message | some f in result} == {"partner p1's access to d1 was last reviewed on 2026-08-26, 91 days ago, over the 90-day review interval"}
}
