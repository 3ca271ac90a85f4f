# METADATA
# title: Partner grant without a bounded expiry
# description: |
#   A partner's access never expires, or runs longer than the allowed period. The breached
#   company had opened its AI work to external partners with standing access; a grant that never
#   ends outlives the project, the contract and the people who knew it existed.
# custom:
#   id: AIG-PRT-001
#   severity: high
#   parameters: [partner_grant_max_days]
#   remediation: |
#     Give every partner grant an `expires` date no more than `partner_grant_max_days` after
#     `granted`, tied to the contract; renew it explicitly when the work continues.
#   example_fix: |
#     access:
#       - principal: partner:helix-ai
#         asset: dragonfly-mm-v3
#         level: read
#         granted: 2026-03-01
#         expires: 2027-02-28
#   frameworks:
#     NIST SP 800-53 rev5: [AC-2(3), AC-6, SA-9]
#     ISO/IEC 27001:2022: [A.5.18, A.5.19, A.5.20]
#     HIPAA: [164.308(b)(1)]
#     GDPR: [Art. 28]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_001

import data.aiguard.lib.dates.day_ns
import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.parameters.params

deny contains finding if {
	some [i, grant, partner_id] in partner_grants
	not grant.expires
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s has %s access to %s that never expires", [partner_id, grant.level, grant.asset]),
		"path": ["access", i],
	}
}

# Per grant, dates.days_between written out and rules of other packages read once, before the loop:
# in regorus a function call, and a reference to another package's rule, each cost about as much
# as a date parse.
deny contains finding if {
	max_days := params.partner_grant_max_days
	ns_per_day := day_ns
	some [i, grant, partner_id] in partner_grants
	grant.expires
	grant.granted
	days := (time.parse_ns("2006-01-02", grant.expires) - time.parse_ns("2006-01-02", grant.granted)) / ns_per_day
	days > max_days
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("partner %s has access to %s for %d days, over the %d-day limit", [partner_id, grant.asset, days, max_days]),
		"path": ["access", i],
	}
}
