package aiguard.policies.inventory.inv_002_test

import data.aiguard.policies.inventory.inv_002

findings(datasets) := {f.subject | some f in result} if {
	result := inv_002.deny with input as {"datasets": datasets}
}

test_absent_field_fires if findings([{"id": "d1"}]) == {"d1"}

test_empty_list_declares_none if findings([{"id": "d1", "personal_data": []}]) == set()

test_declared_kinds_pass if findings([{"id": "d1", "personal_data": ["pii"]}]) == set()

test_path_points_at_the_dataset if {
	some f in inv_002.deny with input as {"datasets": [{"id": "d0", "personal_data": []}, {"id": "d1"}]}
	f.path == ["datasets", 1]
}
