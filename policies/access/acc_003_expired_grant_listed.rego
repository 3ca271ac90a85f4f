# METADATA
# title: Expired grant still listed
# description: |
#   A grant's `expires` date has passed but the grant is still in the inventory, so either the
#   access was never actually removed or the inventory no longer matches the estate. In the
#   breach, access outlived its purpose; an expiry that nobody enforces is no limit at all.
# custom:
#   id: AIG-ACC-003
#   severity: low
#   remediation: |
#     Revoke the access in the system that grants it and delete the entry from `access`, or, if
#     the access is still needed, renew it with a new `expires` date after a review.
#   example_fix: |
#     access:
#       - principal: partner:meridian-cro
#         asset: trial-imaging-2019-2024
#         level: read
#         granted: 2026-01-10
#         expires: 2027-01-10
#         last_review: 2026-11-20
#   frameworks:
#     NIST SP 800-53 rev5: [AC-2(3), AC-2]
#     ISO/IEC 27001:2022: [A.5.18]
#     HIPAA: [164.308(a)(3)(ii)(C)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.access.acc_003

# Imported by name: regorus evaluates every rule of a package to read a rule through its alias.
import data.aiguard.lib.dates.as_of

# dates.before_as_of inlined (ISO dates compare as strings): a call per grant costs more than the test.
deny contains finding if {
	some i, grant in input.access
	grant.expires < as_of
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("the grant of %s to %s expired on %s and is still listed", [grant.asset, grant.principal, grant.expires]),
		"path": ["access", i, "expires"],
	}
}
