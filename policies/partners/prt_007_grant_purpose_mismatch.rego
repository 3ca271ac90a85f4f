# METADATA
# title: Partner grant purpose not among the dataset's purposes
# description: |
#   A partner was given a dataset for a purpose the dataset is not meant for. In the breach,
#   training data and pseudonymised clinical-trial data were reachable far beyond what they were
#   collected for; purpose limitation is what keeps a partner's "fine-tuning" grant from quietly
#   covering data that subjects consented to for research only.
# custom:
#   id: AIG-PRT-007
#   severity: medium
#   remediation: |
#     Either narrow the grant to a purpose the dataset already serves, or, where the new purpose
#     is lawful and consented, add it to the dataset's `purposes` after a documented
#     compatibility assessment; otherwise revoke the grant.
#   example_fix: |
#     access:
#       - principal: partner:meridian-cro
#         asset: trial-imaging-2019-2024
#         level: read
#         purpose: research
#     datasets:
#       - id: trial-imaging-2019-2024
#         purposes: [ai_training, research]
#   frameworks:
#     NIST SP 800-53 rev5: [PT-3, AC-6]
#     ISO/IEC 27001:2022: [A.5.34, A.5.19]
#     HIPAA: [164.502(b)]
#     GDPR: [Art. 5(1)(b), Art. 28(3)(a)]
#     EU AI Act: [Art. 10(2)]
#     ISO/IEC 42001:2023: [A.9.4, A.7.2]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.partners.prt_007

import data.aiguard.lib.grants.partner_grants
import data.aiguard.lib.inventory.datasets

# One rule per case of the dataset's purposes (some recorded, none), tested on the fields: no
# object.get per grant, and one message per finding instead of a two-definition function that
# counted the purposes twice. The index is read once, before the loop: in regorus a reference to
# another package's rule inside it costs several times a local lookup.
deny contains finding if {
	by_id := datasets
	some [i, grant, partner_id] in partner_grants
	dataset := by_id[grant.asset]
	grant.purpose
	dataset.purposes[0]
	not grant.purpose in dataset.purposes
	finding := mismatch(i, grant, partner_id, concat(", ", dataset.purposes))
}

deny contains finding if {
	by_id := datasets
	some [i, grant, partner_id] in partner_grants
	dataset := by_id[grant.asset]
	grant.purpose
	not dataset.purposes[0]
	finding := mismatch(i, grant, partner_id, "none recorded")
}

mismatch(i, grant, partner_id, listed_purposes) := {
	"subject": grant.asset,
	"principal": grant.principal,
	"message": sprintf("partner %s's grant on %s is for %s, which is not among the dataset's purposes (%s)", [partner_id, grant.asset, grant.purpose, listed_purposes]),
	"path": ["access", i, "purpose"],
}
