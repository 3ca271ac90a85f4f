# METADATA
# title: Personal data in a store without enforced TLS
# description: |
#   A dataset holding personal data sits in a store that does not enforce encryption in transit.
#   The 2026 breach moved ~1.3 TB, including pseudonymised clinical-trial data, off the estate
#   over the network; a store that accepts plaintext connections exposes that data, and the
#   credentials used to read it, to anyone on the path.
# custom:
#   id: AIG-DAT-002
#   severity: high
#   remediation: |
#     Enforce TLS on the dataset's store (deny plaintext connections by policy, e.g. an S3
#     bucket policy on `aws:SecureTransport`) and set `encryption.in_transit: true`, or move the
#     dataset to a store that enforces it.
#   example_fix: |
#     stores:
#       - id: s3-clinical-data
#         encryption: {at_rest: true, key: customer_managed, in_transit: true}
#   frameworks:
#     NIST SP 800-53 rev5: [SC-8, SC-8(1)]
#     ISO/IEC 27001:2022: [A.8.24, A.5.14]
#     HIPAA: [164.312(e)(1), 164.312(e)(2)(ii)]
#     GDPR: [Art. 32(1)(a)]
#     NIST AI 600-1: [Data Privacy, Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_002

# Ids of the stores that do not enforce TLS (no `encryption` block counts as not), computed once:
# a set lookup per dataset is a third of the cost of calling inventory.store_of and reading fields.
plaintext_store_ids := {store.id | some store in input.stores; not store.encryption.in_transit == true}

deny contains finding if {
	some i, dataset in input.datasets

	# classification.has_personal_data, inlined: a field test instead of a call per dataset.
	dataset.personal_data[0]
	plaintext_store_ids[dataset.store]
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s holds personal data (%s) in store %s, which does not enforce encryption in transit", [dataset.id, concat(", ", dataset.personal_data), dataset.store]),
		"path": ["datasets", i],
	}
}
