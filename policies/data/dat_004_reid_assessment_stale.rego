# METADATA
# title: De-identified data without a current re-identification risk assessment
# description: |
#   A pseudonymised or anonymised dataset has no re-identification risk assessment on record, or
#   the last one is too old. The breach copied pseudonymised clinical-trial data; whether that
#   is a disclosure of health data about identifiable people depends on how easily it can be
#   re-identified, and linkable data, new public datasets and better models change the answer
#   over time.
# custom:
#   id: AIG-DAT-004
#   severity: high
#   parameters: [reid_assessment_max_age_days]
#   remediation: |
#     Have the re-identification risk assessed (expert determination, motivated-intruder test)
#     at least every `reid_assessment_max_age_days` days and whenever the data or its release
#     changes; record the date in `deidentification.last_risk_assessment` and the result in
#     `risk_score`.
#   example_fix: |
#     datasets:
#       - id: trial-imaging-2019-2024
#         deidentification:
#           status: pseudonymised
#           last_risk_assessment: 2026-09-15
#           risk_score: 0.04
#   frameworks:
#     NIST SP 800-53 rev5: [SI-19, RA-3]
#     ISO/IEC 27001:2022: [A.8.11, A.5.34]
#     HIPAA: [164.514(b)(1)]
#     GDPR: [Art. 4(5), Recital 26, Art. 35]
#     NIST AI RMF: [MEASURE 2.10]
#     ISO/IEC 42001:2023: [A.7.6, A.5.4]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_004

import data.aiguard.lib.dates
import data.aiguard.lib.parameters.params

deidentified := {"pseudonymised", "anonymised"}

max_age_days := params.reid_assessment_max_age_days

# Computed once: one date parse per assessed dataset (see dates.cutoff_ns).
stale_before_ns := dates.cutoff_ns(max_age_days)

# Why the assessment is not current; the cases exclude each other.
assessment_gap(deid) := "has no re-identification risk assessment on record" if not deid.last_risk_assessment

assessment_gap(deid) := msg if {
	date := deid.last_risk_assessment
	time.parse_ns("2006-01-02", date) < stale_before_ns
	msg := sprintf("was last assessed for re-identification risk on %s, %v days ago, over the %v-day limit", [date, dates.days_since(date), max_age_days])
}

deny contains finding if {
	some i, dataset in input.datasets
	dataset.deidentification.status in deidentified
	gap := assessment_gap(dataset.deidentification)
	finding := {
		"subject": dataset.id,
		"message": sprintf("%s dataset %s %s", [dataset.deidentification.status, dataset.id, gap]),
		"path": ["datasets", i, "deidentification", "last_risk_assessment"],
	}
}
