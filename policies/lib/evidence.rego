# METADATA
# title: aiguard evidence helpers
# description: |
#   The evidence file of `aiguard verify` as the evidence policies read it (data.aiguard.evidence,
#   given only by `aiguard check --evidence`): model records by id, and the repositories and
#   bundles where secrets were found. Without an evidence file every rule here is undefined and
#   the evidence policies find nothing.
# schemas:
#   - input: schema.inventory
package aiguard.lib.evidence

# Model records by model id.
models := {record.id: record | some record in data.aiguard.evidence.models}

# Repository id -> the secrets found in its checkout or bundle, as "type at file:line (kind)".
secrets_by_place := {candidate.id: sort([sprintf("%s at %s:%v (%s)", [secret.type, secret.file, secret.line, place.kind]) |
	some place in data.aiguard.evidence.places
	place.id == candidate.id
	some secret in place.secrets
]) |
	some candidate in data.aiguard.evidence.places
	candidate.secrets[0]
}

# Up to three examples and the count, for a message.
examples(items) := sprintf("%s%s", [concat(", ", array.slice(items, 0, 3)), more(count(items))])

more(n) := "" if n <= 3

else := sprintf(" and %v more", [n - 3])

# The ids a credential's secret is declared to be readable in (absent: nowhere).
found_in(credential) := object.get(credential, "found_in", [])

# Formats the bytes may show for each declared weights.format (pickle-based ones: a PyTorch file
# saved by the legacy torch.save is a raw pickle; joblib writes pickles, compressed or not).
compatible := {
	"safetensors": {"safetensors"},
	"onnx": {"onnx"},
	"gguf": {"gguf"},
	"pytorch_pickle": {"pytorch_pickle", "pickle"},
	"pickle": {"pickle"},
	"joblib": {"pickle", "zlib", "joblib"},
	"keras_h5": {"keras_h5"},
	"tf_savedmodel": {"tf_savedmodel"},
}

# Declared formats that cannot carry code: a pickle found under one of them is a disguised pickle.
safe_formats := {"safetensors", "onnx", "gguf"}
