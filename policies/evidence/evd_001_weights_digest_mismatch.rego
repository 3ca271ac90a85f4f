# METADATA
# title: Weights differ from their declared sha256
# description: |
#   The files at the model's weights.path do not hash to weights.sha256, or could not be read at
#   all (missing, unreadable, or a path or symlink leaving the store). The inventory vouches for
#   an artifact that is not the one in the store: it was replaced, corrupted, or never recorded
#   right. In the 2026 breach the intruder held write-capable tokens on the weights bucket for
#   months; a changed artifact is exactly what such access makes possible.
# custom:
#   id: AIG-EVD-001
#   severity: critical
#   remediation: |
#     Find out why the artifact changed before releasing it: compare with the signed or archived
#     release, check the store's write logs. Record the digest of the artifact you vouch for
#     (`sha256sum`, or for a directory the digest described in docs/evidence.md) in
#     `weights.sha256`, and restore the files if they were not yours.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights: {sha256: 5e2b0c4f9a7d3e18b6c2f0a9d4e7b1c38f6a2d9e0b4c7f1a3e5d8b2c6f9a0d4e}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-7, SR-4]
#     ISO/IEC 27001:2022: [A.8.32]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0010]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_001

import data.aiguard.lib.evidence

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	record.status == "examined"
	declared := lower(model.weights.sha256)
	declared != record.sha256
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: weights.sha256 is %s but the %s at %s in store %s hashes to %s", [model.id, declared, record.kind, record.path, record.store, record.sha256]),
		"path": ["models", i, "weights", "sha256"],
	}
}

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	record.status != "examined"
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: the weights at %s in store %s could not be verified: %s", [model.id, record.path, record.store, record.status]),
		"path": ["models", i, "weights", "path"],
	}
}
