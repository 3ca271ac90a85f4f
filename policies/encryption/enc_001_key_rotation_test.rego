package aiguard.policies.encryption.enc_001_test

import data.aiguard.policies.encryption.enc_001

store(encryption) := {"id": "s1", "encryption": encryption}

findings(stores) := result if {
	result := enc_001.deny with input as {"stores": stores} with data.aiguard.as_of as "2026-11-25"
}

test_customer_managed_key_above_maximum_fires if {
	result := findings([store({"at_rest": true, "key": "customer_managed", "key_rotation_days": 366})])
	{[f.subject, f.path] | some f in result} == {["s1", ["stores", 0, "encryption", "key_rotation_days"]]}
}

test_hsm_key_without_rotation_fires if {
	result := findings([store({"at_rest": true, "key": "hsm"})])
	[f.message | some f in result] == ["store s1: its hsm key is never rotated (encryption.key_rotation_days is absent)"]
}

test_rotation_exactly_at_maximum_does_not_fire if {
	count(findings([store({"key": "customer_managed", "key_rotation_days": 365})])) == 0
}

test_rotation_below_maximum_does_not_fire if {
	count(findings([store({"key": "hsm", "key_rotation_days": 90})])) == 0
}

test_provider_managed_key_does_not_fire if {
	count(findings([store({"key": "provider_managed"})])) == 0
}

test_store_without_encryption_block_does_not_fire if {
	count(findings([{"id": "s1"}])) == 0
}

test_lower_maximum_parameter_fires if {
	result := enc_001.deny with input as {"stores": [store({"key": "hsm", "key_rotation_days": 365})]}
		with data.aiguard.params as {"key_rotation_max_days": 180}
	count(result) == 1
}

test_higher_maximum_parameter_silences if {
	result := enc_001.deny with input as {"stores": [store({"key": "hsm", "key_rotation_days": 730})]}
		with data.aiguard.params as {"key_rotation_max_days": 730}
	count(result) == 0
}

test_message_names_period_and_maximum if {
	result := findings([store({"key": "customer_managed", "key_rotation_days": 366})])
	[f.message | some f in result] == ["store s1: its customer_managed key rotates every 366 days, above the 365-day maximum"]
}
