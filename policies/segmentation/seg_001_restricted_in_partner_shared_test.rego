package aiguard.policies.segmentation.seg_001_test

import data.aiguard.policies.segmentation.seg_001

# Store s1 in the given environment holding one model and one dataset of the given classifications.
inventory(environment, model_class, dataset_class) := {
	"stores": [{"id": "s1", "environment": environment}],
	"models": [{"id": "m1", "classification": model_class, "weights": {"store": "s1"}}],
	"datasets": [{"id": "d1", "classification": dataset_class, "store": "s1", "personal_data": ["phi"]}],
}

findings(inventory) := result if {
	result := seg_001.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
}

test_restricted_model_in_partner_shared_store_fires if {
	result := findings(inventory("partner_shared", "restricted", "internal"))
	[[f.subject, f.path, f.message] | some f in result] == [[
		"s1", ["stores", 0, "environment"],
		"store s1 is in the partner_shared environment and holds restricted assets (m1)",
	]]
}

test_restricted_dataset_fires if count(findings(inventory("partner_shared", "public", "restricted"))) == 1

test_two_restricted_assets_give_one_finding if {
	result := findings(inventory("partner_shared", "restricted", "restricted"))
	[f.message | some f in result] == ["store s1 is in the partner_shared environment and holds restricted assets (d1, m1)"]
}

test_confidential_and_personal_data_do_not_fire if {
	count(findings(inventory("partner_shared", "confidential", "confidential"))) == 0
}

test_restricted_asset_in_production_store_does_not_fire if {
	count(findings(inventory("production", "restricted", "restricted"))) == 0
}

test_store_without_environment_does_not_fire if {
	result := findings({
		"stores": [{"id": "s1"}],
		"models": [{"id": "m1", "classification": "restricted", "weights": {"store": "s1"}}],
	})
	count(result) == 0
}
