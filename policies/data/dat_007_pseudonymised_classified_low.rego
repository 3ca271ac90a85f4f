# METADATA
# title: Pseudonymised data classified public or internal
# description: |
#   A pseudonymised dataset is classified public or internal (or not classified at all). Under
#   GDPR pseudonymised data is still personal data, and health data stays special-category data;
#   classified low, it lands in broadly shared stores and grants, which is how pseudonymised
#   clinical-trial data ended up among the ~1.3 TB copied in the 2026 breach.
# custom:
#   id: AIG-DAT-007
#   severity: medium
#   remediation: |
#     Classify the dataset `confidential`, or `restricted` for special-category (health, genetic,
#     biometric) data, and let the stores, grants and partners that reach it follow from that.
#   example_fix: |
#     datasets:
#       - id: trial-imaging-2019-2024
#         classification: restricted
#         deidentification: {status: pseudonymised}
#   frameworks:
#     NIST SP 800-53 rev5: [RA-2, SI-19]
#     ISO/IEC 27001:2022: [A.5.12, A.5.34]
#     GDPR: [Art. 4(5), Recital 26, Art. 9]
#     ISO/IEC 42001:2023: [A.4.3]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_007

import data.aiguard.lib.classification

# classification.classification_rank(dataset) < 2 as one membership test instead of a call per dataset:
# public, internal, or unclassified (false stands for the absent field; an unclassified dataset
# ranks as public: nothing is assumed protected). `in`, not `low_classifications[...]`: that
# lookup yields the member itself, and the member false would fail the body.
low_classifications := {"public", "internal", false}

deny contains finding if {
	some i, dataset in input.datasets
	dataset.deidentification.status == "pseudonymised"
	object.get(dataset, "classification", false) in low_classifications
	finding := {
		"subject": dataset.id,
		"message": sprintf("pseudonymised dataset %s is %s, but pseudonymised data is still personal data", [dataset.id, classification.classified_as(dataset)]),
		"path": ["datasets", i, "classification"],
	}
}
