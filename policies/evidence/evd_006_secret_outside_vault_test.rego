package aiguard.policies.evidence.evd_006_test

import data.aiguard.policies.evidence.evd_006

places := [{"kind": "bundle", "id": "web", "secrets": [{"type": "AWS Access Key", "file": "app.js", "line": 2, "fingerprint": "sha256:1"}]}]

findings(credential) := result if {
	result := evd_006.deny with input as {"repositories": [{"id": "web"}], "credentials": [credential]}
		with data.aiguard.evidence as {"models": [], "places": places}
}

test_vaulted_credential_found_in_bundle_fires if {
	some finding in findings({"id": "c1", "stored_in": "vault", "found_in": ["web"]})
	finding.path == ["credentials", 0, "stored_in"]
}

test_declared_in_bundle_passes if count(findings({"id": "c1", "stored_in": "client_bundle", "found_in": ["web"]})) == 0

test_vaulted_elsewhere_passes if count(findings({"id": "c1", "stored_in": "vault"})) == 0
