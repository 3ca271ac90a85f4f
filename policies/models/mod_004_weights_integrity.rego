# METADATA
# title: Sensitive model weights without a digest or signature
# description: |
#   A confidential or restricted model has no recorded SHA-256 digest of its released weights, or
#   the weights are not signed. The intruder in the 2026 breach held write-capable access to the
#   model bucket for months; without a digest and a signature checked at load time, nobody can
#   tell whether the weights that are served and fine-tuned are still the ones that were built.
# custom:
#   id: AIG-MOD-004
#   severity: medium
#   remediation: |
#     Record the SHA-256 of every released weights artifact (`weights.sha256`), sign it
#     (Sigstore, GPG or X.509; `weights.signature.signed: true`), and verify both before loading.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           sha256: 9f2c0e6d4b1a7c3e5f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6
#           signature: {signed: true, method: sigstore}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-7, SI-7(15), SR-4]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0010]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_004

import data.aiguard.lib.classification.rank

deny contains finding if {
	some i, model in input.models
	rank[model.classification] >= 2
	gaps := {"no sha256 digest" | not model.weights.sha256} | {"no signature" | not model.weights.signature.signed == true}
	gaps != set()
	finding := {
		"subject": model.id,
		"message": sprintf("%s model %s: its weights have %s", [model.classification, model.id, concat(" and ", sort(gaps))]),
		"path": ["models", i, "weights"],
	}
}
