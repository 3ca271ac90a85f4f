# METADATA
# title: Store holding AI assets leaves its protection undeclared
# description: |
#   A store that holds a model or dataset does not state whether it is encrypted at rest
#   (`encryption.at_rest`), open to the public (`public_access`) or logs data access
#   (`logging.data_access`). Those three facts decide whether a leak is possible and whether it
#   can be seen; left out, the encryption, exposure and monitoring policies cannot judge the store.
# custom:
#   id: AIG-INV-003
#   severity: medium
#   remediation: |
#     Look the settings up in the platform (bucket encryption and public-access block, access
#     logging) and record each of the three facts, true or false.
#   example_fix: |
#     stores:
#       - id: nas-scratch
#         encryption: {at_rest: true}
#         public_access: false
#         logging: {data_access: true, retention_days: 365}
#   frameworks:
#     ISO/IEC 27001:2022: [A.5.9, A.8.12, A.8.15, A.8.24]
#     ISO/IEC 42001:2023: [A.4.5, A.4.3]
#     NIST SP 800-53 rev5: [CM-8, SC-28, AU-2, AC-3]
#     GDPR: [Art. 30(1)(g), Art. 32(1)]
#     HIPAA: [164.312(a)(2)(iv), 164.312(b)]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.inventory.inv_003

import data.aiguard.lib.messages
import data.aiguard.lib.stores.store_assets

# The three facts, as [path under the store, name shown].
facts := [[["encryption", "at_rest"], "encryption.at_rest"], [["public_access"], "public_access"], [["logging", "data_access"], "logging.data_access"]]

# store_assets is bound before the loop: in regorus a reference to another package's rule inside
# it costs several times a local lookup.
deny contains finding if {
	holding := store_assets
	some i, store in input.stores
	held := holding[store.id]
	missing := [name | some [field, name] in facts; object.get(store, field, null) == null]
	count(missing) > 0
	finding := {
		"subject": store.id,
		"message": sprintf("store %s holds %s but does not declare %s", [store.id, messages.listed_ids(held), concat(", ", missing)]),
		"path": ["stores", i],
	}
}
