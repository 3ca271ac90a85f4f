# METADATA
# title: Store holding restricted assets lacks an immutable, separate-account backup
# description: |
#   A store that holds restricted models or datasets has no backup that is enabled, immutable and
#   kept in a separate account. The intruder in the breach held admin-level access to the
#   artifact bucket for months; with that access, backups in the same account or that can be
#   overwritten can be deleted or encrypted too, and an extortion demand then threatens the only
#   copy of the models and clinical data.
# custom:
#   id: AIG-IR-005
#   severity: medium
#   remediation: |
#     Back the store up to a separate account or subscription, with immutability (S3 Object Lock
#     in compliance mode, Azure immutable blob storage, WORM backup vault), test a restore, and
#     record `backup.enabled`, `immutable` and `separate_account` as true.
#   example_fix: |
#     stores:
#       - id: s3-dragonfly-artifacts
#         backup: {enabled: true, immutable: true, separate_account: true, last_restore_test: 2026-10-01}
#   frameworks:
#     NIST SP 800-53 rev5: [CP-9, CP-9(8), CP-6]
#     ISO/IEC 27001:2022: [A.8.13]
#     HIPAA: [164.308(a)(7)(ii)(A)]
#     GDPR: [Art. 32(1)(c)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.resilience.ir_005

import data.aiguard.lib.messages
import data.aiguard.lib.stores.restricted_assets_in

# What a backup must be to survive an intruder with admin access to the store's account.
required := ["enabled", "immutable", "separate_account"]

deny contains finding if {
	some i, store in input.stores
	missing := [property | some property in required; not store.backup[property] == true]
	missing != []
	held := restricted_assets_in[store.id]
	finding := {
		"subject": store.id,
		# concat with ", backup." prefixes every property but the first, which the format prefixes.
		"message": sprintf("store %s holds restricted assets (%s) but lacks a backup that is enabled, immutable and in a separate account (not true: backup.%s)", [store.id, messages.listed_ids(held), concat(", backup.", missing)]),
		"path": ["stores", i, "backup"],
	}
}
