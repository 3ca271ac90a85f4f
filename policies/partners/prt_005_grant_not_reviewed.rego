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
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_005

import data.aiguard.lib.grants
import data.aiguard.lib.grants.partner_grants

deny contains finding if {
	some [i, grant, partner_id] in partner_grants
	reason := grants.review_overdue(grant)
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s's access to %s %s", [partner_id, grant.asset, reason]),
		"path": ["access", i, "last_review"],
	}
}
