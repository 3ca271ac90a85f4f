package aiguard.policies.models.mod_004_test

import data.aiguard.policies.models.mod_004

digest := concat("", ["ab" | some _ in numbers.range(1, 32)])

model(classification, weights) := {"id": "m1", "classification": classification, "weights": weights}

findings(m) := result if {
	result := mod_004.deny with input as {"models": [m]} with data.aiguard.as_of as "2026-11-25"
}

test_restricted_without_digest_and_signature_fires if {
	result := findings(model("restricted", {"format": "safetensors"}))
	{f.path | some f in result} == {["models", 0, "weights"]}
	{f.subject | some f in result} == {"m1"}
	some f in result
	contains(f.message, "no sha256 digest and no signature")
}

test_model_without_weights_block_fires if {
	count(findings({"id": "m1", "classification": "confidential"})) == 1
}

test_digest_without_signature_fires if {
	count(findings(model("confidential", {"sha256": digest}))) == 1
	count(findings(model("confidential", {"sha256": digest, "signature": {"signed": false, "method": "gpg"}}))) == 1
}

test_signature_without_digest_fires if {
	count(findings(model("restricted", {"signature": {"signed": true, "method": "sigstore"}}))) == 1
}

test_digest_and_signature_do_not_fire if {
	count(findings(model("restricted", {"sha256": digest, "signature": {"signed": true, "method": "sigstore"}}))) == 0
}

test_internal_public_and_unclassified_do_not_fire if {
	count(findings(model("internal", {}))) == 0
	count(findings(model("public", {}))) == 0
	count(findings({"id": "m1", "weights": {}})) == 0
}

test_message_names_only_what_is_missing if {
	result := findings(model("confidential", {"sha256": digest}))
	[f.message | some f in result] == ["confidential model m1: its weights have no signature"]
}
