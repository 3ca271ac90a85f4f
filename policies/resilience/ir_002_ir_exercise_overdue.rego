# METADATA
# title: Incident response not exercised recently
# description: |
#   No incident-response exercise is recorded, or the last one is older than
#   `ir_exercise_max_age_days`. When the months-long copying of models, training data and
#   clinical-trial data surfaced, the response had to work the first time: revoke a leaked
#   registry token and PAT, scope what partners could reach, and notify authorities within 72
#   hours. An untested plan fails at exactly those hand-offs.
# custom:
#   id: AIG-IR-002
#   severity: medium
#   parameters: [ir_exercise_max_age_days]
#   remediation: |
#     Run a tabletop or live exercise of the incident response plan, with a scenario of stolen
#     model weights or clinical data through a leaked credential, fix what it finds, and record
#     the date as `controls.incident_response.last_exercise`.
#   example_fix: |
#     controls:
#       incident_response:
#         last_exercise: 2026-09-15
#   frameworks:
#     NIST SP 800-53 rev5: [IR-3, IR-2]
#     ISO/IEC 27001:2022: [A.5.24, A.5.27]
#     HIPAA: [164.308(a)(6), 164.308(a)(7)(ii)(D)]
#     GDPR: [Art. 32(1)(d)]
#     NIST AI RMF: [MANAGE 4.3]
#     ISO/IEC 42001:2023: [A.8.4]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.resilience.ir_002

import data.aiguard.lib.dates
import data.aiguard.lib.inventory.controls
import data.aiguard.lib.parameters.params

incident_response := object.get(controls, "incident_response", {})

max_age := params.ir_exercise_max_age_days

problem := "no incident-response exercise is recorded (controls.incident_response.last_exercise is absent)" if {
	not incident_response.last_exercise
}

problem := msg if {
	dates.older_than(incident_response.last_exercise, max_age)
	msg := sprintf("the last incident-response exercise was on %s, %v days ago, more than the %v-day maximum", [incident_response.last_exercise, dates.days_since(incident_response.last_exercise), max_age])
}

deny contains {
	"subject": "controls",
	"message": problem,
	"path": ["controls", "incident_response", "last_exercise"],
}
