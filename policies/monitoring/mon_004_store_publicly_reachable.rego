# METADATA
# title: Store holding sensitive assets is publicly reachable
# description: |
#   A store that holds confidential or restricted models or datasets, or personal data, allows
#   public access or has a public network endpoint. The breach needed only a leaked token: a
#   store reachable from the internet lets such a token be used from anywhere, so ~1.3 TB of
#   weights, training data and pseudonymised clinical-trial data could be copied from the
#   intruder's own machines without ever touching the corporate network.
# custom:
#   id: AIG-MON-004
#   severity: critical
#   remediation: |
#     Block public access on the store (S3 Block Public Access, `allowBlobPublicAccess: false`,
#     no anonymous reads) and reach it only through a private endpoint or VPC/VNet service
#     endpoint; then set `public_access: false` and `network.private: true`.
#   example_fix: |
#     stores:
#       - id: s3-dragonfly-artifacts
#         public_access: false
#         network: {private: true}
#   frameworks:
#     NIST SP 800-53 rev5: [SC-7, SC-7(4), AC-3, AC-22]
#     ISO/IEC 27001:2022: [A.8.20, A.8.22, A.5.15]
#     HIPAA: [164.312(a)(1), 164.312(e)(1)]
#     GDPR: [Art. 32(1)(b), Art. 25(2)]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0048.004]
#     NIST AI 600-1: [Information Security, Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.monitoring.mon_004

import data.aiguard.lib.messages
import data.aiguard.lib.stores.sensitive_assets_in

deny contains finding if {
	some i, store in input.stores

	# How the store is reachable from outside, in sorted order.
	reasons := array.concat(
		["it allows public access (public_access: true)" | store.public_access == true],
		["it has a public endpoint (network.private is not true)" | not store.network.private == true],
	)
	reasons != []
	held := sensitive_assets_in[store.id]
	finding := {
		"subject": store.id,
		"message": sprintf("store %s holds sensitive assets (%s) and is reachable from the internet: %s", [store.id, messages.listed_ids(held), concat("; ", reasons)]),
		"path": ["stores", i],
	}
}
