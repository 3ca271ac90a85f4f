# METADATA
# title: Pickle-family weights without a recent clean scan
# description: |
#   The model's weights are in a format that can execute code when loaded (PyTorch pickle,
#   pickle, joblib, Keras H5 with Lambda layers) and there is no recent clean malicious-
#   serialization scan. In the 2026 breach the intruder had write-capable tokens on the bucket
#   that held the weights for months: anyone who can replace such a file runs code on every
#   training node and serving host that loads it, with their credentials.
# custom:
#   id: AIG-MOD-003
#   severity: high
#   parameters: [model_scan_max_age_days]
#   remediation: |
#     Convert the weights to a format that cannot carry code (safetensors, ONNX, GGUF), or scan
#     the artifact with a malicious-serialization scanner (e.g. modelscan, picklescan) on every
#     release and at least every `model_scan_max_age_days` days, and record the clean result in
#     `weights.last_scan`.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           format: safetensors
#           last_scan: {tool: modelscan, date: 2026-11-20, result: clean}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-3, SI-7, SR-4]
#     ISO/IEC 27001:2022: [A.8.7]
#     EU AI Act: [Art. 15(5)]
#     NIST AI RMF: [MEASURE 2.7]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0010, AML.T0011.000]
#     ISO/IEC 42001:2023: [A.10.3]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.models.mod_003

import data.aiguard.lib.dates
import data.aiguard.lib.parameters.params

# Serialization formats that can run code on load.
code_carrying_formats := {"pytorch_pickle", "pickle", "joblib", "keras_h5"}

# Why the weights have no valid clean scan. The cases exclude each other, so an else chain (which
# stops at the first that holds) gives the same answer as separate definitions for less work.
scan_gap(weights) := "have never been scanned for malicious serialization" if {
	not weights.last_scan
} else := sprintf("were last scanned on %v with result %v", [date, result]) if {
	scan := weights.last_scan
	not scan.result == "clean"
	date := object.get(scan, "date", "an unknown date")
	result := object.get(scan, "result", "unknown")
} else := "have a clean scan without a date" if {
	not weights.last_scan.date
} else := msg if {
	time.parse_ns("2006-01-02", weights.last_scan.date) < scan_cutoff_ns
	msg := sprintf("were last scanned clean on %s, %v days ago, over the %v-day limit", [weights.last_scan.date, dates.days_since(weights.last_scan.date), params.model_scan_max_age_days])
}

# A scan taken before this instant is older than the limit (see dates.cutoff_ns).
scan_cutoff_ns := dates.cutoff_ns(params.model_scan_max_age_days)

deny contains finding if {
	some i, model in input.models
	code_carrying_formats[model.weights.format]
	gap := scan_gap(model.weights)
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: its %s weights can run code when loaded and %s", [model.id, model.weights.format, gap]),
		"path": ["models", i, "weights", "last_scan"],
	}
}
