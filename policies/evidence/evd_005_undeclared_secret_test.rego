package aiguard.policies.evidence.evd_005_test

import data.aiguard.policies.evidence.evd_005

places := [
	{"kind": "bundle", "id": "web", "secrets": [{"type": "AWS Access Key", "file": "app.js", "line": 2, "fingerprint": "sha256:1"}]},
	{"kind": "repository", "id": "web", "secrets": [{"type": "GitHub Token", "file": "a.py", "line": 3, "fingerprint": "sha256:2"}]},
	{"kind": "repository", "id": "clean", "secrets": []},
]

findings(credentials) := result if {
	result := evd_005.deny with input as {"repositories": [{"id": "web"}, {"id": "clean"}], "credentials": credentials}
		with data.aiguard.evidence as {"models": [], "places": places}
}

test_undeclared_fires_once_per_repository if {
	result := findings([])
	count(result) == 1
	some finding in result
	finding.subject == "web"
	finding.path == ["repositories", 0]
	contains(finding.message, "2 secret(s)")
}

test_found_in_declares_it if count(findings([{"id": "c1", "found_in": ["web"]}])) == 0

test_found_in_elsewhere_does_not if count(findings([{"id": "c1", "found_in": ["clean"]}, {"id": "c2"}])) == 1
