# METADATA
# title: Personal data stored unencrypted
# description: |
#   A dataset holding personal data (PHI, PII, genetic, biometric or health data) sits in a store
#   that does not encrypt at rest. The breach copied pseudonymised clinical-trial data, which is
#   still personal data under GDPR; unencrypted, every copy is a reportable disclosure.
# custom:
#   id: AIG-DAT-001
#   severity: critical
#   remediation: |
#     Encrypt the dataset's store at rest (`encryption.at_rest: true`, with a customer-managed
#     key for special-category data), or move the dataset to an encrypted store.
#   example_fix: |
#     stores:
#       - id: s3-clinical
#         encryption:
#           at_rest: true
#           key: customer_managed
#   frameworks:
#     NIST SP 800-53 rev5: [SC-28(1)]
#     ISO/IEC 27001:2022: [A.8.24, A.5.34]
#     HIPAA: [164.312(a)(2)(iv)]
#     GDPR: [Art. 32(1)(a), Art. 9]
#     EU AI Act: [Art. 10(5)]
#     NIST AI 600-1: [Data Privacy, Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_001

# Ids of the stores that do not encrypt at rest (no `encryption` block counts as not), computed
# once: a set lookup per dataset is a third of the cost of calling inventory.store_of and reading fields.
unencrypted_store_ids := {store.id | some store in input.stores; not store.encryption.at_rest == true}

deny contains finding if {
	some i, dataset in input.datasets

	# classification.has_personal_data, inlined: a field test instead of a call per dataset.
	dataset.personal_data[0]
	unencrypted_store_ids[dataset.store]
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s holds personal data (%s) in store %s, which is not encrypted at rest", [dataset.id, concat(", ", dataset.personal_data), dataset.store]),
		"path": ["datasets", i],
	}
}
