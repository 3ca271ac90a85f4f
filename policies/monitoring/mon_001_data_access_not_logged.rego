# METADATA
# title: Reads of a store holding sensitive assets are not logged
# description: |
#   A store that holds confidential or restricted models or datasets, or personal data, does not
#   log data access. In the breach an intruder with a leaked registry token and a personal access
#   token copied ~1.3 TB of models, training data, logs and pseudonymised clinical-trial data for
#   months; without read logs nobody could see it happen, and afterwards nobody could say what was
#   taken, which is what a GDPR Art. 33 notification has to state.
# custom:
#   id: AIG-MON-001
#   severity: high
#   remediation: |
#     Turn on data-access (read) logging for the store (S3 server access logs or CloudTrail data
#     events, Azure storage diagnostic logs, database audit logs), ship the logs to the SIEM, and
#     set `logging.data_access: true`.
#   example_fix: |
#     stores:
#       - id: s3-dragonfly-artifacts
#         logging: {data_access: true, retention_days: 365}
#   frameworks:
#     NIST SP 800-53 rev5: [AU-2, AU-12, AU-6]
#     ISO/IEC 27001:2022: [A.8.15, A.8.16]
#     HIPAA: [164.312(b)]
#     GDPR: [Art. 32(1)(b), Art. 33(3)]
#     EU AI Act: [Art. 15(5)]
#     MITRE ATLAS: [AML.T0025]
#     ISO/IEC 42001:2023: [A.6.2.8]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.monitoring.mon_001

import data.aiguard.lib.messages
import data.aiguard.lib.stores.sensitive_assets_in

deny contains finding if {
	some i, store in input.stores
	not store.logging.data_access == true
	held := sensitive_assets_in[store.id]
	finding := {
		"subject": store.id,
		"message": sprintf("store %s holds sensitive assets (%s) but does not log data access (logging.data_access is not true)", [store.id, messages.listed_ids(held)]),
		"path": ["stores", i, "logging", "data_access"],
	}
}
