# METADATA
# title: A principal reaches a sensitive asset only through a credential
# description: |
#   A partner, group, user or service reaches a confidential or restricted model or dataset, or
#   personal data, that none of its own grants covers: the way runs through a credential whose
#   secret lies somewhere it can read (a repository, a store, logs, an image). Nobody approved
#   this access and no access review sees it. In the breach a personal access token printed into
#   training logs readable by every employee opened the bucket with the models and trial data.
# custom:
#   id: AIG-EXP-002
#   severity: high
#   remediation: |
#     Remove the secret from the place the principal can read and rotate the credential (record
#     the new one in a vault, clear `found_in`), or narrow what the credential `reaches`. If the
#     principal needs the asset, grant it explicitly so that access reviews cover it. Run
#     `aiguard exposure PATH --from PRINCIPAL` for the path.
#   example_fix: |
#     credentials:
#       - id: gh-pat-dev-7
#         stored_in: vault
#         found_in: []
#         last_rotated: 2026-11-26
#   frameworks:
#     GDPR: [Art. 5(1)(f), Art. 25(2), Art. 32(1)(b)]
#     HIPAA: [164.308(a)(4)(ii)(B), 164.312(a)(1)]
#     NIST SP 800-53 rev5: [AC-3, AC-6, IA-5(7), SC-28]
#     ISO/IEC 27001:2022: [A.5.15, A.5.18, A.8.2, A.8.12]
#     ISO/IEC 42001:2023: [A.4.3, A.7.2]
#     EU AI Act: [Art. 15(5)]
#     NIST AI 600-1: [Information Security, Data Privacy]
#     MITRE ATLAS: [AML.T0012]
# schemas:
#   - input: schema.inventory
package aiguard.policies.exposure.exp_002

import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.exposure.access_principals
import data.aiguard.lib.exposure.adjacency
import data.aiguard.lib.exposure.asset_path
import data.aiguard.lib.exposure.reach_of
import data.aiguard.lib.stores.reached

# Other packages' rules are bound before the loop (see AIG-EXP-001).
deny contains finding if {
	sensitive := sensitive_ids
	opens := adjacency
	paths := asset_path
	some principal in access_principals
	reaches := [asset_id | some asset_id in reach_of(principal); sensitive[asset_id]]
	count(reaches) > 0

	# Its direct reach: what its unexpired grants reach (a grant on a store: the store and its assets).
	direct := {asset_id |
		some target in object.get(opens, principal, set())
		some asset_id in reached(target)
	}
	some asset_id in reaches
	not direct[asset_id]
	finding := {
		"subject": asset_id,
		"principal": principal,
		"message": sprintf("%s reaches %s although none of its grants does: the way runs through a credential whose secret it can read; run `aiguard exposure --from %s` for the path", [principal, asset_id, principal]),
		"path": paths[asset_id],
	}
}
