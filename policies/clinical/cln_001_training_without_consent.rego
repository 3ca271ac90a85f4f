# METADATA
# title: Training on data whose subjects did not consent to AI training
# description: |
#   A dataset used to train models comes from a source whose recorded consent does not cover AI
#   training. The pseudonymised clinical-trial data copied in the 2026 breach had been collected
#   for research and then used to train a model: processing outside the consented purpose is
#   unlawful in itself, and it turns a breach of that data into a second violation.
# custom:
#   id: AIG-CLN-001
#   severity: high
#   remediation: |
#     Stop training on the dataset (remove `ai_training` from its `purposes` and the dataset from
#     every model's `training.datasets`) until the source's consent or another documented legal
#     basis covers it; if consent was re-obtained, add `ai_training` to the source's
#     `consent.purposes`.
#   example_fix: |
#     data_sources:
#       - id: nn-obesity-trial-7
#         consent: {purposes: [research, ai_training]}
#   frameworks:
#     NIST SP 800-53 rev5: [PT-2, PT-3, PT-4]
#     ISO/IEC 27001:2022: [A.5.34]
#     HIPAA: ['164.508']
#     GDPR: [Art. 5(1)(b), Art. 6, Art. 9]
#     EU AI Act: [Art. 10(2)]
#     NIST AI RMF: [GOVERN 1.1, MAP 4.1]
#     ISO/IEC 42001:2023: [A.7.3, A.7.5, A.5.4]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.clinical.cln_001

# Imported by name: regorus evaluates every rule of a package to read a rule through its alias.
import data.aiguard.lib.training.training_dataset_ids

# Sources with a recorded consent that does not cover AI training. Looked up per dataset: a set
# built once is far cheaper than a function that resolves every source of every dataset. A
# complete rule: OPA re-runs a partial set's body for every key looked up in it.
unconsented_sources := {source.id |
	some source in input.data_sources
	source.consent
	not "ai_training" in object.get(source.consent, "purposes", [])
}

# Cheapest, most selective tests first (regorus evaluates a body in order): a dataset without
# sources is skipped by one field test, the ids are sorted only for a finding's message, and
# training.used_for_training is inlined (its two definitions cost a call each per dataset).
deny contains finding if {
	some i, dataset in input.datasets
	dataset.sources[0]
	ids := [id | some id in dataset.sources; unconsented_sources[id]]
	ids[0]
	true in {"ai_training" in object.get(dataset, "purposes", []), dataset.id in training_dataset_ids}
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s is used for training, but the consent of its source(s) %s does not cover ai_training", [dataset.id, concat(", ", sort(ids))]),
		"path": ["datasets", i, "sources"],
	}
}
