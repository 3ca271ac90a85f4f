# METADATA
# title: Partner reaching personal data has no prompt breach notification duty
# description: |
#   A partner reaches a dataset with personal data, but its agreements set no breach notification
#   time, or one longer than the organization can afford. The breach went undetected for months;
#   when the data involved includes pseudonymised clinical-trial data, the controller has 72
#   hours from awareness to notify the supervisory authority, and cannot meet that if a partner
#   may wait a week before telling it.
# custom:
#   id: AIG-PRT-009
#   severity: medium
#   parameters: [notification_max_hours]
#   remediation: |
#     Amend the partner's agreement to require notice of a breach within `notification_max_hours`
#     (72 by default, less is better) and record it as `agreements.breach_notice_hours`.
#   example_fix: |
#     partners:
#       - id: helix-ai
#         agreements:
#           breach_notice_hours: 24
#   frameworks:
#     NIST SP 800-53 rev5: [SR-8, IR-6(3), SA-9]
#     ISO/IEC 27001:2022: [A.5.20, A.5.24]
#     HIPAA: ["164.410", 164.314(a)(2)(i)(C)]
#     GDPR: [Art. 28(3)(f), Art. 33(2)]
package aiguard.policies.partners.prt_009

import data.aiguard.lib
import data.aiguard.lib.params
import data.aiguard.lib.partner_index
import data.aiguard.lib.partner_personal_data

# What is wrong with the partner's breach notice time; undefined when it is within the limit.
notice_gap(agreements) := "its agreements set no breach notification time" if not agreements.breach_notice_hours

notice_gap(agreements) := sprintf("its agreements allow %v hours to report a breach, over the %v-hour limit", [lib.number_text(hours), lib.number_text(params.notification_max_hours)]) if {
	hours := agreements.breach_notice_hours
	hours > params.notification_max_hours
}

deny contains finding if {
	some partner_id, personal in partner_personal_data
	i := partner_index[partner_id]
	partner := input.partners[i]
	gap := notice_gap(object.get(partner, "agreements", {}))
	finding := {
		"subject": partner.id,
		"message": sprintf("partner %s reaches personal data (%s), but %s", [partner.id, lib.listed_ids(personal), gap]),
		"path": ["partners", i, "agreements", "breach_notice_hours"],
	}
}
