# METADATA
# title: No bulk-download alert on a store holding sensitive assets
# description: |
#   A store that holds confidential or restricted models or datasets, or personal data, has no
#   egress (bulk-download) alert, or one whose threshold is too high to trip. The breach moved
#   ~1.3 TB of model weights, training data and pseudonymised clinical-trial data out over months;
#   an alert at a few tens of GB a day would have fired on the first night.
# custom:
#   id: AIG-MON-002
#   severity: high
#   parameters: [egress_alert_max_gb_per_day]
#   remediation: |
#     Alert on bulk reads or downloads from the store (e.g. CloudWatch/GuardDuty on S3 data
#     events, Defender for Storage, a SIEM rule on bytes read per principal) at or below
#     `egress_alert_max_gb_per_day`, route it to someone on call, and record it as
#     `egress_alert.enabled: true` with its `threshold_gb_per_day`.
#   example_fix: |
#     stores:
#       - id: s3-dragonfly-artifacts
#         egress_alert: {enabled: true, threshold_gb_per_day: 20}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-4(18), SC-7(10), SI-4(4)]
#     ISO/IEC 27001:2022: [A.8.16, A.8.12]
#     HIPAA: [164.308(a)(1)(ii)(D)]
#     GDPR: [Art. 32(1)(b)]
#     EU AI Act: [Art. 15(5)]
#     OWASP LLM Top 10 2025: [LLM10]
#     MITRE ATLAS: [AML.T0025, AML.T0048.004]
#     ISO/IEC 42001:2023: [A.6.2.6]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.monitoring.mon_002

import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params
import data.aiguard.lib.stores.sensitive_assets_in

max_text := messages.number_text(params.egress_alert_max_gb_per_day)

deny contains finding if {
	some i, store in input.stores

	# Why the store's egress alerting falls short, in sorted order.
	reasons := array.concat(
		["egress alerting is not enabled (egress_alert.enabled is not true)" | not store.egress_alert.enabled == true],
		[sprintf("its egress alert threshold of %v GB/day is above the %v GB/day maximum", [messages.number_text(threshold), max_text]) |
			threshold := store.egress_alert.threshold_gb_per_day
			threshold > params.egress_alert_max_gb_per_day
		],
	)
	reasons != []
	held := sensitive_assets_in[store.id]
	finding := {
		"subject": store.id,
		"message": sprintf("store %s holds sensitive assets (%s): %s", [store.id, messages.listed_ids(held), concat("; ", reasons)]),
		"path": ["stores", i, "egress_alert"],
	}
}
