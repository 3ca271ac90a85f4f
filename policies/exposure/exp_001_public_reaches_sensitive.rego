# METADATA
# title: The public reaches a sensitive asset
# description: |
#   Anybody on the internet can open a chain that ends at a confidential or restricted model or
#   dataset, or at personal data: a public store or repository, or a credential shipped in a client
#   bundle, opens the way, directly or through further credentials found on the way. In the breach
#   a registry token in a public JavaScript bundle opened a container registry holding the weights
#   of a restricted model. Each record on its own looked acceptable; the chain did not.
# custom:
#   id: AIG-EXP-001
#   severity: critical
#   remediation: |
#     Break the chain at its public end: make the store or repository private, or revoke the
#     credential found in the client bundle or public place and issue a new one into a vault;
#     then remove the secret from where it was found (`found_in`). Run
#     `aiguard exposure PATH --from anyone` to see every hop with its file and line.
#   example_fix: |
#     credentials:
#       - id: acr-pull-token-web
#         stored_in: vault
#         found_in: []
#   frameworks:
#     GDPR: [Art. 5(1)(f), Art. 25, Art. 32(1)(b)]
#     HIPAA: [164.312(a)(1), 164.308(a)(4)]
#     NIST SP 800-53 rev5: [AC-3, AC-6, AC-21, SC-7, IA-5(7)]
#     ISO/IEC 27001:2022: [A.5.15, A.8.3, A.8.4, A.8.12]
#     ISO/IEC 42001:2023: [A.4.3, A.7.2, A.6.2.6]
#     EU AI Act: [Art. 15(5)]
#     NIST AI 600-1: [Information Security, Data Privacy]
#     MITRE ATLAS: [AML.T0012, AML.T0044]
# schemas:
#   - input: schema.inventory
package aiguard.policies.exposure.exp_001

import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.exposure.asset_path
import data.aiguard.lib.exposure.reach_of

# Other packages' rules are bound before the loop: in regorus a reference to another package's
# rule inside it costs several times a local lookup (1.5 s over 110,000 nodes at 100,000 assets).
deny contains finding if {
	sensitive := sensitive_ids
	paths := asset_path
	some asset_id in reach_of("anyone")
	sensitive[asset_id]
	finding := {
		"subject": asset_id,
		"principal": "anyone",
		"message": sprintf("%s is reachable by anyone (the public) through a chain of public places and credentials; run `aiguard exposure --from anyone` for the path", [asset_id]),
		"path": paths[asset_id],
	}
}
