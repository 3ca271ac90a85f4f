package aiguard.policies.evidence.evd_010_test

import data.aiguard.policies.evidence.evd_010

big := {"path": "data/big.parquet", "reason": "larger than 20971520 bytes"}

place(kind, id, skipped) := {"kind": kind, "id": id, "root": "/r", "files_scanned": 1, "digest": "sha256:0", "skipped": skipped, "secrets": []}

findings(places) := result if {
	result := evd_010.deny with input as {"repositories": [{"id": "clean"}, {"id": "web"}]}
		with data.aiguard.evidence as {"models": [], "not_examined": [], "places": places}
}

test_a_file_above_the_limit_fires_at_the_repository if {
	result := findings([place("repository", "web", [big]), place("repository", "clean", [])])
	count(result) == 1
	some f in result
	f.subject == "web"
	f.path == ["repositories", 1]
	contains(f.message, "repository web: the secret scan did not read 1 file: data/big.parquet (larger than 20971520 bytes, repository)")
	contains(f.message, "weights belong in a model store")
}

test_checkout_and_bundle_of_one_repository_give_one_finding if {
	result := findings([
		place("repository", "web", [big]),
		place("bundle", "web", [{"path": "app.js", "reason": "unreadable: Permission denied"}, {"path": "x", "reason": "symlink leaves the root"}]),
	])
	{f.path | some f in result} == {["repositories", 1]}
	some f in result
	contains(f.message, "did not read 3 files: app.js (unreadable: Permission denied, bundle), data/big.parquet")
	contains(f.message, "make the files readable")
	contains(f.message, "replace each link that leaves the tree")
}

test_more_than_three_are_counted if {
	result := findings([place("bundle", "web", [{"path": sprintf("f%d", [n]), "reason": "not a regular file"} | some n in numbers.range(1, 5)])])
	some f in result
	f.path == ["repositories", 1]
	contains(f.message, "did not read 5 files: f1 (not a regular file, bundle), f2 (not a regular file, bundle), f3 (not a regular file, bundle) and 2 more")
	contains(f.message, "(not a regular file)")
}

test_links_that_leave_nothing_unread_do_not_fire if {
	count(findings([place("repository", "web", [{"path": "dangling", "reason": "broken symlink"}, {"path": "loop", "reason": "symlink to a directory (not followed)"}])])) == 0
}

test_a_complete_scan_passes if count(findings([place("repository", "web", []), place("bundle", "web", [])])) == 0

test_no_evidence_no_finding if {
	result := evd_010.deny with input as {"repositories": [{"id": "web"}]}
	count(result) == 0
}
