# METADATA
# title: Weights the evidence did not verify
# description: |
#   With an evidence file, every model's weights must have been checked against the inventory.
#   A model whose store was not mapped (`--store-root` forgotten), whose weights.store or
#   weights.path is not declared, that the evidence does not mention, or that was examined while
#   no weights.sha256 is declared to compare with, ships weights nobody verified: unknown is not
#   safe. Weights that could not be read are AIG-EVD-001's (no second finding here). One severity
#   for every model (the catalog gives a policy one): an unclassified model counts as public, so a
#   lower severity for "not sensitive" would let the unclassified ones through a high gate.
# custom:
#   id: AIG-EVD-009
#   severity: high
#   remediation: |
#     Map the model's store when taking the evidence (`aiguard verify --store-root STORE_ID=DIR`,
#     or `store_roots` in the config file) and declare weights.store and weights.path. Once you
#     vouch for the files examined, declare their digest, the evidence's `models[].sha256`, as
#     `weights.sha256`, then run `aiguard verify` and `aiguard check --evidence` again.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           store: s3-models          # mapped with: aiguard verify --store-root s3-models=DIR
#           path: dragonfly-mm-v3/
#           sha256: 5e2b0c4f9a7d3e18b6c2f0a9d4e7b1c38f6a2d9e0b4c7f1a3e5d8b2c6f9a0d4e   # from the evidence
#   frameworks:
#     NIST SP 800-53 rev5: [SI-7, SR-4, CA-7]
#     ISO/IEC 27001:2022: [A.8.32]
#     ISO/IEC 42001:2023: [A.6.2.4, A.6.2.5]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM03]
#     MITRE ATLAS: [AML.T0010]
#     NIST AI 600-1: [Information Security, Value Chain and Component Integration]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_009

import data.aiguard.lib.evidence

# Not examined: what to do depends on what the inventory leaves out.
deny contains finding if {
	some i, model in input.models
	reason := evidence.not_examined[model.id]
	[fix, path] := unexamined_fix(model, i)
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: its weights were not verified: not examined (%s); %s", [model.id, reason, fix]),
		"path": path,
	}
}

# Examined, but no declared digest to compare with: EVD-001 has nothing to hold the files to.
deny contains finding if {
	some i, model in input.models
	record := evidence.models[model.id]
	record.status == "examined"
	not model.weights.sha256
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: its weights were not verified: %s; %s", [
			model.id,
			sprintf("the %s at %s in store %s was examined but weights.sha256 is not declared, so nothing vouches for it", [record.kind, record.path, record.store]),
			sprintf("if it is what you release, declare weights.sha256: %s (the evidence's digest)", [record.sha256]),
		]),
		"path": ["models", i, "weights", "sha256"],
	}
}

# Neither examined nor listed as not examined: the evidence predates the model (AIG-EVD-007 says
# the evidence is for another inventory; this says which models it leaves unverified).
deny contains finding if {
	is_array(data.aiguard.evidence.models)
	some i, model in input.models
	not evidence.models[model.id]
	not evidence.not_examined[model.id]
	finding := {
		"subject": model.id,
		"message": sprintf("model %s: its weights were not verified: the evidence does not mention the model (taken for another inventory?); run aiguard verify again on this inventory", [model.id]),
		"path": ["models", i],
	}
}

unexamined_fix(model, i) := ["declare weights.store and weights.path, map the store with --store-root and run aiguard verify again", ["models", i]] if {
	not model.weights.store
}

else := ["declare weights.path and run aiguard verify again", ["models", i, "weights"]] if {
	not model.weights.path
}

else := [sprintf("map the store with --store-root %s=DIR (or store_roots in the config file) and run aiguard verify again", [model.weights.store]), ["models", i, "weights", "store"]]
