# METADATA
# title: Weights are not in their declared format
# description: |
#   The bytes of the weights say another format than weights.format (a file named .safetensors
#   that is an ONNX graph, a "gguf" that is a zip), no file in a weights format was found, or a
#   file is truncated or corrupt. Every control that trusts the declared format (how it is
#   scanned, loaded and converted) then protects a different file than the one that ships.
# custom:
#   id: AIG-EVD-002
#   severity: high
#   remediation: |
#     Record the real format in `weights.format` (and re-assess the model's controls for it), or
#     replace the artifact with the one in the declared format; re-export truncated files.
#   example_fix: |
#     models:
#       - id: triage-gbm
#         weights: {format: joblib}
#   frameworks:
#     NIST SP 800-53 rev5: [CM-8, SI-7]
#     ISO/IEC 27001:2022: [A.5.9]
#     OWASP LLM Top 10 2025: [LLM03]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_002

import data.aiguard.lib.evidence

# What is wrong with one examined model's files, given its declared format.
problems(record, declared) := sort(array.concat(
	[sprintf("%s is %s", [file.path, file.format]) |
		some file in record.files
		is_string(file.format)
		not file.format in {"zip", "numpy"}
		not file.format in evidence.compatible[declared]
	],
	array.concat(
		[sprintf("%s: %s", [file.path, file.problem]) | some file in record.files; is_string(file.problem)],
		[sprintf("%s is in no known weights format", [file.path]) |
			some file in record.files
			file.format in {"zip", "numpy"}
		],
	),
))

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	record.status == "examined"
	declared := model.weights.format
	evidence.compatible[declared]
	found := problems(record, declared)
	found[0]
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: declared %s, but %s", [model.id, declared, evidence.examples(found)]),
		"path": ["models", i, "weights", "format"],
	}
}

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	record.status == "examined"
	declared := model.weights.format
	evidence.compatible[declared]
	count(record.formats) == 0
	not problems(record, declared)[0]
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: declared %s, but no file at %s is in a weights format", [model.id, declared, record.path]),
		"path": ["models", i, "weights", "format"],
	}
}
