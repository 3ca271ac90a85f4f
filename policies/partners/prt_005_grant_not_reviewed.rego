# METADATA
# title: Partner grant not reviewed within the review interval
# description: |
#   Nobody has confirmed, within the access review interval, that a partner still needs its
#   grant. In the breach, partner access granted for a project stayed broad and unexamined while
#   an intruder copied models, training data and clinical-trial data for months; a periodic
#   review is where stale or excessive partner access is noticed and cut.
# custom:
#   id: AIG-PRT-005
#   severity: medium
#   parameters: [access_review_interval_days]
#   remediation: |
#     Review the grant with the partner's business owner: confirm the asset, level, download right
#     and purpose are still needed, reduce or revoke what is not, and record the date in
#     `last_review`. The interval is `controls.access_review_interval_days`, else the parameter.
#   example_fix: |
#     access:
#       - principal: partner:helix-ai
#         asset: dragonfly-mm-v3
#         level: read
#         last_review: 2026-10-01
#   frameworks:
#     NIST SP 800-53 rev5: [AC-2, AC-6(7), SA-9]
#     ISO/IEC 27001:2022: [A.5.18, A.5.22]
#     HIPAA: [164.308(a)(4)(ii)(C), 164.308(b)(1)]
#     GDPR: [Art. 28, Art. 32(1)(d)]
#     NIST AI RMF: [GOVERN 6.1]
package aiguard.policies.partners.prt_005

import data.aiguard.lib.as_of_ns
import data.aiguard.lib.day_ns
import data.aiguard.lib.partner_grants
import data.aiguard.lib.review_interval

# lib.review_overdue written out as two rules, one per reason: it runs for every grant, and its
# calls (review_overdue with both its definitions, older_than, days_since, date_ns) cost regorus
# several times the date parse. Rules of other packages are read once, before the loop.
deny contains finding if {
	some [i, grant, partner_id] in partner_grants
	not grant.last_review
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s's access to %s has never been reviewed", [partner_id, grant.asset]),
		"path": ["access", i, "last_review"],
	}
}

deny contains finding if {
	interval := review_interval
	today_ns := as_of_ns
	ns_per_day := day_ns
	some [i, grant, partner_id] in partner_grants
	grant.last_review
	days := (today_ns - time.parse_ns("2006-01-02", grant.last_review)) / ns_per_day
	days > interval
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s's access to %s was last reviewed on %s, %v days ago, over the %v-day review interval", [partner_id, grant.asset, grant.last_review, days, interval]),
		"path": ["access", i, "last_review"],
	}
}
