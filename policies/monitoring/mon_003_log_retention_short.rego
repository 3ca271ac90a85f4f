# METADATA
# title: Data-access logs kept too briefly, or for an unstated time
# description: |
#   A store logs data access but keeps the logs for fewer than `log_retention_min_days` days, or
#   the inventory does not say how long. The breach went unnoticed for months; by the time it
#   surfaced, logs kept for weeks could no longer show when copying started, which credentials
#   were used, or which models and clinical-trial data left.
# custom:
#   id: AIG-MON-003
#   severity: low
#   parameters: [log_retention_min_days]
#   remediation: |
#     Keep the store's data-access logs (in the SIEM or an immutable archive) for at least
#     `log_retention_min_days` days and record it as `logging.retention_days`.
#   example_fix: |
#     stores:
#       - id: acr-dragonfly
#         logging: {data_access: true, retention_days: 365}
#   frameworks:
#     NIST SP 800-53 rev5: [AU-11, AU-6]
#     ISO/IEC 27001:2022: [A.8.15]
#     HIPAA: [164.312(b)]
#     GDPR: [Art. 33(5)]
#     ISO/IEC 42001:2023: [A.6.2.8]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.monitoring.mon_003

import data.aiguard.lib.messages
import data.aiguard.lib.parameters.params

deny contains finding if {
	some i, store in input.stores
	store.logging.data_access == true
	problem := retention_problem(store.logging)
	finding := {
		"subject": store.id,
		"message": sprintf("store %s logs data access but %s", [store.id, problem]),
		"path": ["stores", i, "logging", "retention_days"],
	}
}

min_text := messages.number_text(params.log_retention_min_days)

# The cases exclude each other; an else chain stops at the first that holds.
retention_problem(logging) := "does not say how long it keeps the logs (logging.retention_days is absent)" if {
	not logging.retention_days
} else := msg if {
	logging.retention_days < params.log_retention_min_days
	msg := sprintf("keeps the logs for %v days, fewer than the %v-day minimum", [messages.number_text(logging.retention_days), min_text])
}
