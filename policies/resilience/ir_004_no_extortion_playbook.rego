# METADATA
# title: No extortion playbook
# description: |
#   The incident response plan has no playbook for extortion. Data thieves who take ~1.3 TB of
#   proprietary models and pseudonymised clinical-trial data commonly follow up with a ransom or
#   leak-site threat; deciding then, under a deadline, who talks to the attacker, whether to pay,
#   and how to verify what was taken goes badly.
# custom:
#   id: AIG-IR-004
#   severity: low
#   remediation: |
#     Add an extortion playbook to the incident response plan: decision owners, legal and law
#     enforcement contacts, sanctions checks, how to verify stolen-data claims against access logs,
#     and communication to partners and data subjects; then set
#     `controls.incident_response.extortion_playbook: true`.
#   example_fix: |
#     controls:
#       incident_response:
#         extortion_playbook: true
#   frameworks:
#     NIST SP 800-53 rev5: [IR-8, IR-4]
#     ISO/IEC 27001:2022: [A.5.24, A.5.26]
#     HIPAA: [164.308(a)(6)(ii)]
#     ISO/IEC 42001:2023: [A.8.4]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.resilience.ir_004

import data.aiguard.lib.inventory.controls

deny contains finding if {
	not controls.incident_response.extortion_playbook == true
	finding := {
		"subject": "controls",
		"message": "the incident response plan has no extortion playbook (controls.incident_response.extortion_playbook is not true)",
		"path": ["controls", "incident_response", "extortion_playbook"],
	}
}
