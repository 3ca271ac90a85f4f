# METADATA
# title: Model signature does not verify
# description: |
#   A signature file ships with the weights but does not verify against the release signing key:
#   the files changed after signing, the signature was made with another key, or the signature
#   file is not one. Consumers that check the signature will refuse the model; consumers that do
#   not will load an artifact nobody vouched for.
# custom:
#   id: AIG-EVD-008
#   severity: critical
#   remediation: |
#     Do not release. Find which files changed since signing (the evidence lists every file's
#     sha256), restore the signed artifact or sign the intended one again with the release key
#     (`model_signing sign key`), and verify with `aiguard verify --signing-key`.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           signature: {signed: true, method: sigstore}   # signed again with the release key
#   frameworks:
#     NIST SP 800-53 rev5: [SI-7(6), SR-4(3)]
#     ISO/IEC 27001:2022: [A.8.32]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0010]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_008

import data.aiguard.lib.evidence

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	failed := sort([sprintf("%s: %s", [result.file, result.error]) |
		some result in record.signatures
		result.verified == false
	])
	failed[0]
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: the signature does not verify: %s", [model.id, evidence.examples(failed)]),
		"path": ["models", i, "weights", "signature"],
	}
}
