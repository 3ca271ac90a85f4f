# METADATA
# title: Grant to an organization-wide group reaches sensitive assets
# description: |
#   A group that means "everybody" (all employees, all users, the whole domain) can reach a
#   confidential or restricted model or dataset, or personal data. In the breach, one leaked
#   personal access token was enough to copy models, training data, logs and pseudonymised
#   clinical-trial data for months; when everyone has access, every employee's token is such a
#   key, and nobody's access looks unusual.
# custom:
#   id: AIG-ACC-001
#   severity: high
#   parameters: [broad_groups]
#   remediation: |
#     Remove the grant to the broad group and grant the asset to a named team group whose
#     members need it; put what everybody may read into a separate, non-sensitive asset.
#   example_fix: |
#     access:
#       - principal: group:dragonfly-ml-ops
#         asset: dragonfly-training-logs
#         level: read
#         download: false
#   frameworks:
#     NIST SP 800-53 rev5: [AC-6, AC-3, AC-2]
#     ISO/IEC 27001:2022: [A.5.15, A.8.3]
#     HIPAA: [164.308(a)(4), 164.502(b)]
#     GDPR: [Art. 5(1)(f), Art. 25(2), Art. 32(4)]
#     OWASP LLM Top 10 2025: [LLM02]
#     NIST AI 600-1: [Information Security, Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.access.acc_001

import data.aiguard.lib.grants
import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

# The `group:<name>` principals of the broad groups, built once: a set lookup per grant replaces a
# call, a startswith and a substring (a principal is in this set exactly when it starts with
# `group:` and names a broad group).
broad_principals := {concat("", ["group:", group]) | some group in params.broad_groups}

deny contains finding if {
	some i, grant in input.access
	broad_principals[grant.principal]
	sensitive := grants.reached_sensitive(grant.asset)
	count(sensitive) > 0
	finding := {
		"subject": grant.asset,
		"principal": grant.principal,
		"message": sprintf("everybody in group %s can reach sensitive assets (%s) through the grant on %s", [substring(grant.principal, 6, -1), messages.listed_ids(sensitive), grant.asset]),
		"path": ["access", i, "principal"],
	}
}
