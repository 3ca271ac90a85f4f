# METADATA
# title: Pickle-based weights where a safe format is declared
# description: |
#   The inventory says the weights are in a format that cannot carry code (safetensors, ONNX,
#   GGUF), but a file is a pickle or a PyTorch pickle archive. Loading it runs whatever callables
#   it names, on every training node and serving host, with their credentials; and because the
#   paperwork says "safe", nothing scans it (AIG-MOD-003 does not apply).
# custom:
#   id: AIG-EVD-003
#   severity: critical
#   remediation: |
#     Do not load the file. Find where it came from, convert the model from a trusted source to
#     safetensors (or the declared format) and replace the artifact; until then declare the real
#     format so that pickle controls apply.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights: {format: safetensors}   # and the files really are safetensors again
#   frameworks:
#     NIST SP 800-53 rev5: [SI-3, SI-7, SR-4]
#     ISO/IEC 27001:2022: [A.8.7]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0011.000]
#     ISO/IEC 42001:2023: [A.10.3]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_003

import data.aiguard.lib.evidence

deny contains finding if {
	some i, model in input.models
	model.weights.format in evidence.safe_formats
	record := evidence.models[model.id]
	record.pickle_based == true
	files := sort([sprintf("%s (%s)", [file.path, file.format]) | some file in record.files; file.pickle_based == true])
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: declared %s, but pickle-based files can run code on load: %s", [model.id, model.weights.format, evidence.examples(files)]),
		"path": ["models", i, "weights", "format"],
	}
}
