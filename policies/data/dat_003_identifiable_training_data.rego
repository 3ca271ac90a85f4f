# METADATA
# title: Identifiable personal data used for training
# description: |
#   A dataset holds personal data that has not been de-identified at all, and it is used to train
#   models. Training copies the data into pipelines, logs, checkpoints and the weights themselves;
#   in the 2026 breach training data and training logs were among the ~1.3 TB copied out, and
#   everything identifiable in them became a reportable disclosure.
# custom:
#   id: AIG-DAT-003
#   severity: high
#   remediation: |
#     Pseudonymise or anonymise the dataset before it enters training (record the method in
#     `deidentification`), or stop using it for training: remove `ai_training` from its
#     `purposes` and the dataset from every model's `training.datasets`.
#   example_fix: |
#     datasets:
#       - id: dragonfly-training-logs
#         deidentification: {status: pseudonymised, method: tokenisation, key_store: pg-trial-keys}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-19, PM-5(1)]
#     ISO/IEC 27001:2022: [A.8.11, A.5.34]
#     HIPAA: [164.514(b), 164.502(b)]
#     GDPR: [Art. 5(1)(c), Art. 25, Art. 89(1)]
#     EU AI Act: [Art. 10(2), Art. 10(5)]
#     NIST AI RMF: [MEASURE 2.10]
#     ISO/IEC 42001:2023: [A.7.2, A.7.6]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_003

import data.aiguard.lib.training

deny contains finding if {
	some i, dataset in input.datasets

	# classification.has_personal_data, inlined: a field test instead of a call per dataset. The call to
	# training.used_for_training comes last, for the few datasets left.
	dataset.personal_data[0]
	object.get(dataset, ["deidentification", "status"], "none") == "none"
	training.used_for_training(dataset)
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s holds personal data (%s) that is not de-identified, and it is used for training", [dataset.id, concat(", ", dataset.personal_data)]),
		"path": ["datasets", i, "deidentification"],
	}
}
