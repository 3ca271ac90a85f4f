package aiguard.policies.evidence.evd_008_test

import data.aiguard.policies.evidence.evd_008

findings(signatures) := result if {
	result := evd_008.deny with input as {"models": [{"id": "m1", "weights": {"format": "safetensors"}}]}
		with data.aiguard.evidence as {"places": [], "models": [{"id": "m1", "status": "examined", "signatures": signatures}]}
}

test_failed_verification_fires if {
	result := findings([{"file": "model.sig", "verified": false, "error": "ValueError: Signature mismatch"}])
	count(result) == 1
	{f.path | some f in result} == {["models", 0, "weights", "signature"]}
}

test_verified_passes if count(findings([{"file": "model.sig", "verified": true, "error": null}])) == 0

test_not_attempted_passes if count(findings([{"file": "model.sig", "verified": null, "error": "not verified: no --signing-key given"}])) == 0

test_no_signature_passes if count(findings([])) == 0
