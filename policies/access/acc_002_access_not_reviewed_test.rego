package aiguard.policies.access.acc_002_test

import data.aiguard.policies.access.acc_002

estate := {
	"stores": [{"id": "s1"}],
	"models": [
		{"id": "m-restricted", "classification": "restricted", "weights": {"store": "s1"}},
		{"id": "m-confidential", "classification": "confidential"},
	],
	"datasets": [{"id": "d-personal", "classification": "internal", "personal_data": ["pii"]}],
}

findings(grant, extra, params) := result if {
	result := acc_002.deny with input as object.union(estate, object.union(extra, {"access": [grant]}))
		with data.aiguard.as_of as "2026-11-25"
		with data.aiguard.params as params
}

grant(principal, asset, extra) := object.union({"principal": principal, "asset": asset, "level": "read"}, extra)

test_never_reviewed_personal_data_fires if {
	result := findings(grant("group:all-employees", "d-personal", {}), {}, {})
	{f.path | some f in result} == {["access", 0, "last_review"]}
	{[f.subject, f.principal, f.message] | some f in result} == {[
		"d-personal", "group:all-employees",
		"the grant of d-personal to group:all-employees, which reaches restricted or personal data (d-personal), has never been reviewed",
	]}
}

test_stale_review_of_store_with_restricted_fires if {
	count(findings(grant("service:etl", "s1", {"last_review": "2025-01-15"}), {}, {})) == 1
}

test_exactly_interval_old_does_not_fire if {
	# 2026-08-27 is 90 days before 2026-11-25.
	count(findings(grant("user:a@example.org", "m-restricted", {"last_review": "2026-08-27"}), {}, {})) == 0
}

test_one_day_over_interval_fires if {
	count(findings(grant("user:a@example.org", "m-restricted", {"last_review": "2026-08-26"}), {}, {})) == 1
}

test_confidential_without_personal_data_does_not_fire if {
	count(findings(grant("group:eng", "m-confidential", {}), {}, {})) == 0
}

test_partner_grant_does_not_fire if count(findings(grant("partner:p1", "d-personal", {}), {}, {})) == 0

test_parameter_override_changes_outcome if {
	g := grant("group:eng", "d-personal", {"last_review": "2026-10-01"})
	count(findings(g, {}, {"access_review_interval_days": 30})) == 1
	count(findings(g, {}, {})) == 0
}

test_controls_interval_wins_over_parameter if {
	g := grant("group:eng", "d-personal", {"last_review": "2026-10-01"})
	count(findings(g, {"controls": {"access_review_interval_days": 30}}, {"access_review_interval_days": 365})) == 1
}
