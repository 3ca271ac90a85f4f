# METADATA
# title: Re-identification risk above the accepted maximum
# description: |
#   The assessed re-identification risk of the dataset is above the accepted maximum. Data that
#   can be re-identified is personal (health) data in law, whatever it is called; when the
#   pseudonymised clinical-trial data copied in the 2026 breach carries a high risk score, the
#   disclosure is one of identifiable patients.
# custom:
#   id: AIG-DAT-005
#   severity: medium
#   parameters: [reid_risk_max]
#   remediation: |
#     Reduce the re-identification risk below `reid_risk_max` (generalise or suppress
#     quasi-identifiers, aggregate, add k-anonymity or noise), re-assess, and record the new
#     `deidentification.risk_score`; until then treat and protect the data as identifiable.
#   example_fix: |
#     datasets:
#       - id: trial-imaging-2019-2024
#         deidentification: {status: pseudonymised, method: k_anonymity, last_risk_assessment: 2026-09-15, risk_score: 0.04}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-19, RA-3]
#     ISO/IEC 27001:2022: [A.8.11, A.5.34]
#     HIPAA: [164.514(b)(1)]
#     GDPR: [Art. 4(5), Recital 26]
#     NIST AI RMF: [MEASURE 2.10]
#     ISO/IEC 42001:2023: [A.7.6]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_005

import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

risk_max := params.reid_risk_max

# Rendered once, not per finding: messages.number_text evaluates three definitions on every call.
risk_max_text := messages.number_text(risk_max)

deny contains finding if {
	some i, dataset in input.datasets
	score := dataset.deidentification.risk_score
	score > risk_max
	finding := {
		"subject": dataset.id,
		"message": sprintf("dataset %s has an assessed re-identification risk of %v, above the accepted maximum of %v", [dataset.id, messages.number_text(score), risk_max_text]),
		"path": ["datasets", i, "deidentification", "risk_score"],
	}
}
