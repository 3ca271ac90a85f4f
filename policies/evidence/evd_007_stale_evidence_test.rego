package aiguard.policies.evidence.evd_007_test

import data.aiguard.policies.evidence.evd_007

findings(digest, date) := result if {
	result := evd_007.deny with input as {}
		with data.aiguard.evidence as {"models": [], "places": [], "date": date, "inventory": {"digest": digest}}
		with data.aiguard.inventory_digest as "sha256:a"
		with data.aiguard.as_of as "2026-11-25"
}

test_fresh_matching_evidence_passes if count(findings("sha256:a", "2026-11-20")) == 0

test_other_inventory_fires if count(findings("sha256:b", "2026-11-20")) == 1

test_old_evidence_fires if {
	some finding in findings("sha256:a", "2026-10-01")
	contains(finding.message, "55 days old")
}

test_thirty_days_is_not_older if count(findings("sha256:a", "2026-10-26")) == 0

test_both_in_one_finding if count(findings("sha256:b", "2026-01-01")) == 1

test_no_evidence_no_finding if {
	result := evd_007.deny with input as {}
	count(result) == 0
}

test_finding_names_no_inventory_field if {
	some f in findings("sha256:b", "2026-11-20")
	object.get(f, "path", null) == null # about the evidence file, not a field of the inventory
}
