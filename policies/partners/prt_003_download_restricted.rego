# METADATA
# title: Partner may download restricted assets
# description: |
#   A partner grant allows bulk download (`download: true`) and reaches a restricted model or
#   dataset, directly or through a grant on the store that holds it. The breach was months of
#   bulk copying of ~1.3 TB of models and training data; a partner allowed to export restricted
#   assets makes that copy look like ordinary business, and its compromise hands the copy over.
# custom:
#   id: AIG-PRT-003
#   severity: high
#   remediation: |
#     Set `download: false` on the grant and give the partner read access through a controlled
#     interface (an inference endpoint, a clean room), or hand over a specific, approved
#     extract that is not restricted.
#   example_fix: |
#     access:
#       - principal: partner:helix-ai
#         asset: dragonfly-mm-v3
#         level: read
#         download: false
#   frameworks:
#     NIST SP 800-53 rev5: [AC-6, AC-21, SC-7(10), SA-9]
#     ISO/IEC 27001:2022: [A.5.14, A.5.19, A.8.12]
#     HIPAA: [164.308(b)(1), 164.502(b)]
#     GDPR: [Art. 5(1)(c), Art. 28]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0025, AML.T0048.004]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_003

import data.aiguard.lib.classification.restricted_ids
import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.messages
import data.aiguard.lib.stores.restricted_assets_in

# What a grant reaches (grants.reached_restricted) in its two cases, each a set lookup instead of a
# function call and set operations per grant: a restricted model or dataset (reaching itself), or
# a store holding restricted assets. The indexes are read once, before the loop: in regorus a
# reference to another package's rule inside it costs about as much as a function call.
deny contains finding if {
	restricted := restricted_ids
	held := restricted_assets_in
	some [i, grant, partner_id] in partner_grants
	grant.download == true
	restricted[grant.asset]
	not held[grant.asset]
	finding := download_finding(i, grant, partner_id, grant.asset)
}

deny contains finding if {
	held := restricted_assets_in
	some [i, grant, partner_id] in partner_grants
	grant.download == true
	reached := held[grant.asset] | ({grant.asset} & restricted_ids)
	count(reached) > 0
	finding := download_finding(i, grant, partner_id, messages.listed_ids(reached))
}

download_finding(i, grant, partner_id, listed) := {
	"subject": grant.asset,
	"principal": grant.principal,
	"message": sprintf("partner %s may download %s, which reaches restricted assets (%s)", [partner_id, grant.asset, listed]),
	"path": ["access", i, "download"],
}
