# METADATA
# title: Pickle imports callables that execute code
# description: |
#   A static scan of the model's pickle data (picklescan, never unpickling) found imports of
#   callables that execute code or commands (os.system, builtins.eval, subprocess, ...), or could
#   not read the pickle to its end. Loading the file runs them.
# custom:
#   id: AIG-EVD-004
#   severity: critical
#   remediation: |
#     Do not load the file; quarantine it and investigate who wrote it (the store's write logs).
#     Rebuild the artifact from a trusted source, preferably as safetensors.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           format: safetensors   # rebuilt from a trusted source
#           sha256: 5e2b0c4f9a7d3e18b6c2f0a9d4e7b1c38f6a2d9e0b4c7f1a3e5d8b2c6f9a0d4e
#   frameworks:
#     NIST SP 800-53 rev5: [SI-3, SI-7, IR-4]
#     ISO/IEC 27001:2022: [A.8.7]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0011.000, AML.T0010]
#     ISO/IEC 42001:2023: [A.10.3]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_004

import data.aiguard.lib.evidence

issues(record) := sort(array.concat(
	[sprintf("%s imports %s", [file.path, concat(", ", file.pickle_scan.dangerous)]) |
		some file in record.files
		file.pickle_scan.dangerous[0]
	],
	[sprintf("%s: %s", [file.path, file.pickle_scan.error]) |
		some file in record.files
		is_string(file.pickle_scan.error)
	],
))

deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	found := issues(record)
	found[0]
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: the pickle scan found code execution on load: %s", [model.id, evidence.examples(found)]),
		"path": ["models", i, "weights"],
	}
}
