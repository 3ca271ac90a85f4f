# METADATA
# title: No incident response plan covering AI assets
# description: |
#   There is no incident response plan, or it does not cover AI assets. Nothing flagged the
#   months-long bulk copy in the breach; when it surfaced, the plan had to say who handles stolen
#   models, datasets and clinical data, and how.
# custom:
#   id: AIG-IR-001
#   severity: high
#   remediation: |
#     Write or extend the incident response plan to cover models, training data, clinical data
#     and partner access, then set `controls.incident_response.plan` and `covers_ai_assets` to true.
#   example_fix: |
#     controls:
#       incident_response:
#         plan: true
#         covers_ai_assets: true
#   frameworks:
#     NIST SP 800-53 rev5: [IR-8, IR-4]
#     ISO/IEC 27001:2022: [A.5.24, A.5.26]
#     HIPAA: [164.308(a)(6)]
#     GDPR: [Art. 33]
#     NIST AI RMF: [MANAGE 4.3]
#     ISO/IEC 42001:2023: [A.8.4, A.3.3]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.resilience.ir_001

import data.aiguard.lib.inventory.controls

incident_response := object.get(controls, "incident_response", {})

gaps contains "there is no incident response plan" if not incident_response.plan == true

gaps contains "the incident response plan does not cover AI assets" if not incident_response.covers_ai_assets == true

deny contains finding if {
	count(gaps) > 0
	finding := {
		"subject": "controls",
		"message": concat("; ", sort(gaps)),
		"path": ["controls", "incident_response"],
	}
}
