package aiguard.policies.partners.prt_009_test

import data.aiguard.policies.partners.prt_009

estate := {
	"stores": [{"id": "s1"}],
	"datasets": [
		{"id": "d-personal", "store": "s1", "personal_data": ["phi"]},
		{"id": "d-plain", "classification": "restricted"},
	],
}

findings(agreements, asset, params) := result if {
	partner := {"id": "p1", "agreements": agreements}
	grants := [{"principal": "partner:p1", "asset": asset, "level": "read"}]
	result := prt_009.deny with input as object.union(estate, {"partners": [partner], "access": grants})
		with data.aiguard.params as params
}

test_slow_notice_fires if {
	result := findings({"breach_notice_hours": 168}, "s1", {})
	{[f.subject, f.message] | some f in result} == {[
		"p1",
		"partner p1 reaches personal data (d-personal), but its agreements allow 168 hours to report a breach, over the 72-hour limit",
	]}
}

test_absent_notice_fires if count(findings({}, "d-personal", {})) == 1

test_partner_without_agreements_fires if {
	result := prt_009.deny with input as object.union(estate, {
		"partners": [{"id": "p1"}],
		"access": [{"principal": "partner:p1", "asset": "s1", "level": "read"}],
	})
	count(result) == 1
}

test_exactly_limit_does_not_fire if count(findings({"breach_notice_hours": 72}, "s1", {})) == 0

test_one_hour_over_limit_fires if count(findings({"breach_notice_hours": 73}, "s1", {})) == 1

test_parameter_override_changes_outcome if {
	count(findings({"breach_notice_hours": 48}, "s1", {"notification_max_hours": 24})) == 1
	count(findings({"breach_notice_hours": 48}, "s1", {})) == 0
}

test_no_personal_data_reached_does_not_fire if count(findings({}, "d-plain", {})) == 0

test_absent_notice_message_and_path if {
	result := prt_009.deny with input as object.union(estate, {
		"partners": [{"id": "p0", "agreements": {"breach_notice_hours": 24}}, {"id": "p1", "agreements": {}}],
		"access": [
			{"principal": "partner:p0", "asset": "s1", "level": "read"},
			{"principal": "partner:p1", "asset": "s1", "level": "read"},
		],
	})
	{[f.subject, f.path, f.message] | some f in result} == {[
		"p1", ["partners", 1, "agreements", "breach_notice_hours"],
		"partner p1 reaches personal data (d-personal), but its agreements set no breach notification time",
	]}
}
