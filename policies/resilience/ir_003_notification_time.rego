# METADATA
# title: Breach notification time unset or too long
# description: |
#   The incident response plan sets no time to notify the supervisory authority, or a time above
#   `notification_max_hours` (GDPR Art. 33: 72 hours). The breach exposed pseudonymised
#   clinical-trial data, which is personal health data under GDPR; a plan that allows 96 hours,
#   or says nothing, guarantees a late notification on top of the breach itself.
# custom:
#   id: AIG-IR-003
#   severity: medium
#   parameters: [notification_max_hours]
#   remediation: |
#     Commit in the incident response plan to notifying the supervisory authority within
#     `notification_max_hours` hours of becoming aware of a personal-data breach (GDPR Art. 33:
#     72), with named owners and templates, and record it as
#     `controls.incident_response.notification_hours`.
#   example_fix: |
#     controls:
#       incident_response:
#         notification_hours: 72
#   frameworks:
#     NIST SP 800-53 rev5: [IR-6, IR-8]
#     ISO/IEC 27001:2022: [A.5.24, A.5.26, A.6.8]
#     HIPAA: ["164.404", "164.408"]
#     GDPR: [Art. 33(1), Art. 34]
#     EU AI Act: [Art. 73]
#     ISO/IEC 42001:2023: [A.8.4]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.resilience.ir_003

import data.aiguard.lib.inventory.controls
import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

incident_response := object.get(controls, "incident_response", {})

max_hours := params.notification_max_hours

problem := "the incident response plan sets no time to notify the supervisory authority (controls.incident_response.notification_hours is absent)" if {
	not incident_response.notification_hours
}

problem := msg if {
	incident_response.notification_hours > max_hours
	msg := sprintf("the incident response plan allows %v hours to notify the supervisory authority, more than the %v-hour maximum", [messages.number_text(incident_response.notification_hours), messages.number_text(max_hours)])
}

deny contains {
	"subject": "controls",
	"message": problem,
	"path": ["controls", "incident_response", "notification_hours"],
}
