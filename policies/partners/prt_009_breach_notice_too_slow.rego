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
#     ISO/IEC 42001:2023: [A.10.2, A.8.4]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_009

import data.aiguard.lib.classification.personal_data_ids
import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.grouping
import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params
import data.aiguard.lib.stores.personal_data_in

# What is wrong with the partner's breach notice time; undefined when it is within the limit.
# One function, its second case tried only when the first fails, reading the partner's fields
# directly (no object.get per finding).
notice_gap(partner) := "its agreements set no breach notification time" if {
	not partner.agreements.breach_notice_hours
} else := sprintf("its agreements allow %v hours to report a breach, over the %v-hour limit", [messages.number_text(hours), limit_text]) if {
	hours := partner.agreements.breach_notice_hours
	hours > params.notification_max_hours
}

# The limit as message text, computed once (messages.number_text is several builtin calls).
limit_text := messages.number_text(params.notification_max_hours)

# Partner id -> index in input.partners, for the partners with a notice gap (the two cases of
# notice_gap, as field tests): a grant of any other partner is dropped by one lookup.
slow_notice := object.union(
	{partner.id: i | some i, partner in input.partners; not partner.agreements.breach_notice_hours},
	{partner.id: i |
		max_hours := params.notification_max_hours
		some i, partner in input.partners
		partner.agreements.breach_notice_hours > max_hours
	},
)

# Partner id -> the datasets with personal data its grants reach, for those partners only (the
# others need no grouping). What a grant reaches (grants.reached_personal_data) in its two cases,
# each a set lookup: a dataset with personal data itself, or those a store holds. Rules are read
# once, before each loop: in regorus a reference to another rule inside it costs several times a
# local lookup.
slow_personal_data := grouping.group_pairs(array.concat(
	[[partner_id, grant.asset] |
		slow := slow_notice
		personal := personal_data_ids
		some [_, grant, partner_id] in partner_grants
		slow[partner_id]
		personal[grant.asset]
	],
	[[partner_id, dataset_id] |
		slow := slow_notice
		held := personal_data_in
		some [_, grant, partner_id] in partner_grants
		slow[partner_id]
		some dataset_id in held[grant.asset]
	],
))

deny contains finding if {
	some partner_id, personal in slow_personal_data
	i := slow_notice[partner_id]
	partner := input.partners[i]
	gap := notice_gap(partner)
	finding := {
		"subject": partner.id,
		"message": sprintf("partner %s reaches personal data (%s), but %s", [partner.id, messages.listed_ids(personal), gap]),
		"path": ["partners", i, "agreements", "breach_notice_hours"],
	}
}
