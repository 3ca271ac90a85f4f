package aiguard.policies.evidence.evd_009_test

import data.aiguard.policies.evidence.evd_009

digest := "ab12"

examined(id, status) := {"id": id, "store": "s1", "path": "m/", "kind": "directory", "status": status, "sha256": digest, "files": []}

findings(models, evidence) := result if {
	result := evd_009.deny with input as {"models": models} with data.aiguard.evidence as evidence
}

paths(result) := {f.path | some f in result}

test_store_not_mapped_fires_at_the_store if {
	result := findings([{"id": "m1", "weights": {"store": "s1", "path": "m/", "sha256": digest}}], {"models": [], "places": [], "not_examined": [{"id": "m1", "reason": "store s1 not given (--store-root)"}]})
	paths(result) == {["models", 0, "weights", "store"]}
	some f in result
	contains(f.message, "not examined (store s1 not given (--store-root))")
	contains(f.message, "--store-root s1=DIR")
}

test_no_store_declared_fires_at_the_model if {
	result := findings([{"id": "m1"}], {"models": [], "places": [], "not_examined": [{"id": "m1", "reason": "no weights.store"}]})
	paths(result) == {["models", 0]}
	some f in result
	contains(f.message, "declare weights.store and weights.path")
}

test_no_path_declared_fires_at_the_weights if {
	result := findings([{"id": "m1", "weights": {"store": "s1"}}], {"models": [], "places": [], "not_examined": [{"id": "m1", "reason": "no weights.path"}]})
	paths(result) == {["models", 0, "weights"]}
}

test_examined_without_declared_digest_fires if {
	result := findings([{"id": "m1", "weights": {"store": "s1", "path": "m/"}}], {"models": [examined("m1", "examined")], "places": [], "not_examined": []})
	paths(result) == {["models", 0, "weights", "sha256"]}
	some f in result
	contains(f.message, "declare weights.sha256: ab12")
}

test_examined_with_declared_digest_passes if {
	# Matching or not: comparing is AIG-EVD-001's.
	count(findings([{"id": "m1", "weights": {"sha256": "cd34"}}], {"models": [examined("m1", "examined")], "places": [], "not_examined": []})) == 0
}

test_unreadable_is_left_to_evd_001 if {
	models := [{"id": "m1", "weights": {"store": "s1", "path": "m/"}}]
	count(findings(models, {"models": [examined("m1", "unreadable")], "places": [], "not_examined": []})) == 0
	count(findings(models, {"models": [examined("m1", "missing")], "places": [], "not_examined": []})) == 0
}

test_model_the_evidence_does_not_mention_fires if {
	result := findings([{"id": "m1", "weights": {"sha256": digest}}, {"id": "new"}], {"models": [examined("m1", "examined")], "places": [], "not_examined": []})
	paths(result) == {["models", 1]}
	some f in result
	f.subject == "new"
	contains(f.message, "does not mention")
}

test_no_evidence_no_finding if {
	result := evd_009.deny with input as {"models": [{"id": "m1"}]}
	count(result) == 0
}
