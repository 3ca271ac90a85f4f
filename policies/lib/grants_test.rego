package aiguard.lib.grants_test

import data.aiguard.lib.grants
import data.aiguard.lib.grants.granted_partners

inventory := {
	"stores": [{"id": "s1"}, {"id": "s2"}],
	"models": [
		{"id": "m-restricted", "classification": "restricted", "weights": {"store": "s1"}},
		{"id": "m-internal", "classification": "internal", "weights": {"store": "s2"}},
	],
	"datasets": [
		{"id": "d-confidential", "classification": "confidential", "store": "s1"},
		{"id": "d-personal", "classification": "internal", "store": "s2", "personal_data": ["pii"]},
		{"id": "d-empty-personal", "classification": "public", "store": "s2", "personal_data": []},
	],
	"repositories": [{"id": "r1"}],
}

reached(kind, asset_id) := result if {
	kind == "restricted"
	result := grants.reached_restricted(asset_id) with input as inventory
}

reached(kind, asset_id) := result if {
	kind == "sensitive"
	result := grants.reached_sensitive(asset_id) with input as inventory
}

reached(kind, asset_id) := result if {
	kind == "personal_data"
	result := grants.reached_personal_data(asset_id) with input as inventory
}

test_store_grant_reaches_what_the_store_holds if {
	reached("restricted", "s1") == {"m-restricted"}
	reached("sensitive", "s1") == {"m-restricted", "d-confidential"}
	reached("sensitive", "s2") == {"d-personal"}
	reached("personal_data", "s2") == {"d-personal"}
}

test_asset_grant_reaches_only_the_asset if {
	reached("restricted", "m-restricted") == {"m-restricted"}
	reached("sensitive", "d-personal") == {"d-personal"}
	reached("personal_data", "d-confidential") == set()
}

test_store_without_such_assets_reaches_none if {
	reached("restricted", "s2") == set()
	reached("personal_data", "s1") == set()
}

test_repository_grant_reaches_nothing_sensitive if {
	reached("sensitive", "r1") == set()
	reached("restricted", "r1") == set()
	reached("personal_data", "r1") == set()
}

review_reason(grant, params) := reason if {
	reason := grants.review_overdue(grant) with input as {} with data.aiguard.as_of as "2026-11-25" with data.aiguard.params as params
}

test_review_never_done if review_reason({"granted": "2026-01-01"}, {}) == "has never been reviewed"

test_review_exactly_interval_old_is_not_overdue if {
	# 2026-08-27 is 90 days before 2026-11-25, the default interval.
	not review_reason({"last_review": "2026-08-27"}, {})
}

test_review_one_day_over_interval_is_overdue if {
	review_reason({"last_review": "2026-08-26"}, {}) == "was last reviewed on 2026-08-26, 91 days ago, over the 90-day review interval"
}

test_review_interval_parameter_override if {
	review_reason({"last_review": "2026-10-25"}, {"access_review_interval_days": 30})
	not review_reason({"last_review": "2026-10-25"}, {})
}

test_review_interval_from_controls_wins_over_parameter if {
	reason := grants.review_overdue({"last_review": "2026-10-25"}) with input as {"controls": {"access_review_interval_days": 7}}
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as {"access_review_interval_days": 365}
	reason == "was last reviewed on 2026-10-25, 31 days ago, over the 7-day review interval"
}

# regorus leaves an empty partial rule undefined; the reach must still be a set there.
no_stores := {"datasets": [{"id": "d1", "personal_data": ["phi"], "classification": "restricted"}]}

test_reach_without_any_store_is_the_asset_itself if {
	personal := grants.reached_personal_data("d1") with input as no_stores
	restricted := grants.reached_restricted("d1") with input as no_stores
	sensitive := grants.reached_sensitive("d1") with input as no_stores
	nothing := grants.reached_sensitive("x") with input as no_stores
	[personal, restricted, sensitive, nothing] == [{"d1"}, {"d1"}, {"d1"}, set()]
}

test_granted_partners_are_partner_principals_only if {
	grants := [
		{"principal": "partner:p1", "asset": "r1", "level": "read"},
		{"principal": "partner:p1", "asset": "s1", "level": "read"},
		{"principal": "group:partner:p2", "asset": "s1", "level": "read"},
	]
	found := granted_partners with input as {"access": grants}
	found == {"p1"}
}
