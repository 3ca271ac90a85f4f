package aiguard.policies.resilience.ir_005_test

import data.aiguard.policies.resilience.ir_005

# Store s1 with the given backup block, holding one model of the given classification.
inventory(backup, classification) := {
	"stores": [{"id": "s1", "backup": backup}],
	"models": [{"id": "m1", "classification": classification, "weights": {"store": "s1"}}],
}

findings(inventory) := result if {
	result := ir_005.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_mutable_same_account_backup_fires if {
	result := findings(inventory({"enabled": true, "immutable": false, "separate_account": false}, "restricted"))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"s1", ["stores", 0, "backup"],
		"store s1 holds restricted assets (m1) but lacks a backup that is enabled, immutable and in a separate account (not true: backup.immutable, backup.separate_account)",
	]]
}

test_only_separate_account_missing_fires if {
	result := findings(inventory({"enabled": true, "immutable": true}, "restricted"))
	[f.message | some f in result] == ["store s1 holds restricted assets (m1) but lacks a backup that is enabled, immutable and in a separate account (not true: backup.separate_account)"]
}

test_no_backup_block_fires if {
	result := findings({
		"stores": [{"id": "s1"}],
		"datasets": [{"id": "d1", "classification": "restricted", "store": "s1"}],
	})
	[f.message | some f in result] == ["store s1 holds restricted assets (d1) but lacks a backup that is enabled, immutable and in a separate account (not true: backup.enabled, backup.immutable, backup.separate_account)"]
}

test_full_backup_does_not_fire if {
	count(findings(inventory({"enabled": true, "immutable": true, "separate_account": true}, "restricted"))) == 0
}

test_confidential_assets_do_not_fire if {
	count(findings(inventory({"enabled": false}, "confidential"))) == 0
}
