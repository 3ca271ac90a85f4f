# METADATA
# title: Internal access to restricted or personal data not reviewed
# description: |
#   A person, group or service can reach a restricted model or dataset, or personal data, and
#   nobody has confirmed within the access review interval that it still should. In the breach,
#   access to proprietary models, logs and pseudonymised clinical-trial data had accumulated
#   unexamined while a leaked token was used for months; a review is where forgotten access is
#   found and removed before someone else uses it.
# custom:
#   id: AIG-ACC-002
#   severity: medium
#   parameters: [access_review_interval_days]
#   remediation: |
#     Have the asset owner review the grant: confirm who is in the group or holds the role, that
#     the level and download right are still needed, revoke what is not, and record the date in
#     `last_review`. The interval is `controls.access_review_interval_days`, else the parameter.
#   example_fix: |
#     access:
#       - principal: group:dragonfly-core
#         asset: dragonfly-mm-v3
#         level: read
#         last_review: 2026-10-15
#   frameworks:
#     NIST SP 800-53 rev5: [AC-2, AC-6(7)]
#     ISO/IEC 27001:2022: [A.5.18]
#     HIPAA: [164.308(a)(4)(ii)(C)]
#     GDPR: [Art. 32(1)(d)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.access.acc_002

import data.aiguard.lib.grants
import data.aiguard.lib.messages

deny contains finding if {
	some i, grant in input.access
	not startswith(grant.principal, "partner:")
	protected := grants.reached_restricted(grant.asset) | grants.reached_personal_data(grant.asset)
	count(protected) > 0
	reason := grants.review_overdue(grant)
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("the grant of %s to %s, which reaches restricted or personal data (%s), %s", [grant.asset, grant.principal, messages.listed_ids(protected), reason]),
		"path": ["access", i, "last_review"],
	}
}
