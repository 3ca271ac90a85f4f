# METADATA
# title: Credential not rotated within the rotation period
# description: |
#   A token or key has never been rotated, or not within the allowed period. The personal access
#   token used in the breach had been issued long before and stayed valid while it was abused for
#   months; regular rotation turns a leaked copy into a dead one without anyone having to notice
#   the leak first.
# custom:
#   id: AIG-CRD-003
#   severity: medium
#   parameters: [credential_rotation_max_days]
#   remediation: |
#     Rotate the credential now (issue a new one, move its users over, revoke the old one), record
#     the date in `last_rotated`, and automate rotation within `credential_rotation_max_days`.
#   example_fix: |
#     credentials:
#       - id: gh-pat-dev-7
#         last_rotated: 2026-11-01
#         expires: 2027-01-31
#   frameworks:
#     NIST SP 800-53 rev5: [IA-5, IA-5(1)]
#     ISO/IEC 27001:2022: [A.5.17]
#     HIPAA: [164.308(a)(5)(ii)(D)]
#     MITRE ATLAS: [AML.T0012]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.credentials.crd_003

# Imported by name: regorus evaluates every rule of a package to read a rule through its alias.
import data.aiguard.lib.dates
import data.aiguard.lib.parameters.params

# Computed once: one date parse per rotated credential (see dates.cutoff_ns).
rotation_cutoff_ns := dates.cutoff_ns(params.credential_rotation_max_days)

# Why the credential is overdue for rotation; undefined when it is not. An else chain, not two
# definitions: regorus evaluates every definition of a function on each call.
rotation_gap(credential) := "has never been rotated" if {
	not credential.last_rotated
} else := sprintf("was last rotated on %s, %v days ago, over the %v-day limit", [
	credential.last_rotated,
	dates.days_since(credential.last_rotated),
	params.credential_rotation_max_days,
]) if {
	time.parse_ns("2006-01-02", credential.last_rotated) < rotation_cutoff_ns
}

deny contains finding if {
	some i, credential in input.credentials
	gap := rotation_gap(credential)
	finding := {
		"subject": credential.id,
		"message": sprintf("credential %s %s", [credential.id, gap]),
		"path": ["credentials", i, "last_rotated"],
	}
}
