# METADATA
# title: Personal data without a retention limit, or kept past it
# description: |
#   A dataset with personal data has no retention end date, or the date has passed and the data
#   is still held. Data that should have been deleted cannot be stolen: the ~1.3 TB copied in the
#   2026 breach included years of trial data and logs whose purpose had ended, and every record
#   kept past its time widened the disclosure.
# custom:
#   id: AIG-DAT-008
#   severity: medium
#   remediation: |
#     Set `retention.until` from the purpose and the legal basis (trial protocol, consent,
#     regulatory archiving duty) and delete or anonymise the data when it passes; if the data
#     must legitimately be kept longer, record the new date and why.
#   example_fix: |
#     datasets:
#       - id: dragonfly-training-logs
#         retention: {until: 2027-06-30}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-12, SI-12(3)]
#     ISO/IEC 27001:2022: [A.8.10, A.5.33, A.5.34]
#     GDPR: [Art. 5(1)(e), Art. 17]
#     EU AI Act: [Art. 10(5)]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_008

import data.aiguard.lib.dates.as_of

# Why the data is held without a valid limit; the cases exclude each other. (dates.before_as_of,
# inlined: ISO dates compare as strings.)
retention_gap(dataset) := "has no retention end date (retention.until)" if not dataset.retention.until

retention_gap(dataset) := sprintf("was due for deletion on %s and is still held", [dataset.retention.until]) if {
	dataset.retention.until < as_of
}

deny contains finding if {
	some i, dataset in input.datasets

	# classification.has_personal_data, inlined: a field test instead of a call per dataset.
	dataset.personal_data[0]
	gap := retention_gap(dataset)
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s with personal data (%s) %s", [dataset.id, concat(", ", dataset.personal_data), gap]),
		"path": ["datasets", i, "retention", "until"],
	}
}
