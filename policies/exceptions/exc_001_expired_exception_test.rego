package aiguard.policies.exceptions.exc_001_test

import data.aiguard.policies.exceptions.exc_001

exception(policy, asset, expires) := {
	"policy": policy, "asset": asset, "expires": expires,
	"reason": "planned fix", "approved_by": "ciso@example.org",
}

findings(exceptions) := result if {
	result := exc_001.deny with input as {"exceptions": exceptions} with data.aiguard.as_of as "2026-11-25"
}

test_expired_exception_fires if {
	result := findings([exception("AIG-MOD-001", "m1", "2026-12-31"), exception("AIG-MOD-003", "m1", "2026-06-30")])
	[[f.subject, f.path, f.message] | some f in result] == [[
		"m1", ["exceptions", 1],
		"expired exceptions on m1 still listed; they waive nothing: AIG-MOD-003 (expired 2026-06-30)",
	]]
}

test_expired_the_day_before_as_of_fires if count(findings([exception("AIG-MOD-001", "m1", "2026-11-24")])) == 1

test_expiring_on_as_of_does_not_fire if count(findings([exception("AIG-MOD-001", "m1", "2026-11-25")])) == 0

test_future_exception_does_not_fire if count(findings([exception("AIG-MOD-001", "m1", "2027-01-01")])) == 0

test_no_exceptions_do_not_fire if {
	result := exc_001.deny with input as {} with data.aiguard.as_of as "2026-11-25"
	count(result) == 0
}

test_two_expired_on_one_asset_give_one_finding if {
	result := findings([
		exception("AIG-MOD-003", "m1", "2026-06-30"),
		exception("AIG-DAT-001", "d1", "2027-01-01"),
		exception("AIG-MOD-001", "m1", "2025-01-01"),
	])
	[[f.subject, f.path, f.message] | some f in result] == [[
		"m1", ["exceptions", 0],
		"expired exceptions on m1 still listed; they waive nothing: AIG-MOD-001 (expired 2025-01-01), AIG-MOD-003 (expired 2026-06-30)",
	]]
}

test_wildcard_exception_subject_is_star if {
	result := findings([exception("AIG-PRT-001", "*", "2026-01-01")])
	{f.subject | some f in result} == {"*"}
}

test_later_as_of_makes_exception_expire if {
	result := exc_001.deny with input as {"exceptions": [exception("AIG-MOD-001", "m1", "2026-12-31")]}
		with data.aiguard.as_of as "2027-01-01"
	count(result) == 1
}

test_one_finding_per_asset if {
	result := findings([
		exception("AIG-MOD-003", "m1", "2026-06-30"),
		exception("AIG-DAT-001", "d1", "2026-01-01"),
		exception("AIG-DAT-004", "d1", "2026-02-01"),
	])
	{[f.subject, f.path] | some f in result} == {["m1", ["exceptions", 0]], ["d1", ["exceptions", 1]]}
}
