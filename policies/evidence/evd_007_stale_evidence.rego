# METADATA
# title: Evidence is for another inventory or too old
# description: |
#   The evidence file was taken for an inventory whose content differs from the one checked (its
#   digest differs), or is older than evidence_max_age_days. Findings drawn from it may describe
#   artifacts or claims that have changed since.
# custom:
#   id: AIG-EVD-007
#   severity: medium
#   parameters: [evidence_max_age_days]
#   remediation: |
#     Run `aiguard verify` again on this inventory and the current artifacts, then check with the
#     new evidence file.
#   example_fix: |
#     # Nothing to change in the inventory: run `aiguard verify` again and check with the new file.
#   frameworks:
#     NIST SP 800-53 rev5: [CA-7, SI-7]
#     ISO/IEC 27001:2022: [A.5.36]
#     ISO/IEC 42001:2023: [A.6.2.6]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_007

import data.aiguard.lib.dates
import data.aiguard.lib.parameters

problems contains msg if {
	data.aiguard.evidence.inventory.digest != data.aiguard.inventory_digest
	msg := sprintf("it was taken for inventory %s, this inventory is %s", [data.aiguard.evidence.inventory.digest, data.aiguard.inventory_digest])
}

problems contains msg if {
	days := dates.days_since(data.aiguard.evidence.date)
	days > parameters.params.evidence_max_age_days
	msg := sprintf("it is %v days old (taken %s), more than %v", [days, data.aiguard.evidence.date, parameters.params.evidence_max_age_days])
}

deny contains finding if {
	found := sort([msg | some msg in problems])
	found[0]
	finding := {
		"subject": "evidence",
		"message": sprintf("evidence file: %s", [concat("; ", found)]),
	}
}
