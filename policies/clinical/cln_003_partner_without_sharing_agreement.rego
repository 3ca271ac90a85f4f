# METADATA
# title: Partner reaches clinical data without a data sharing agreement
# description: |
#   A partner can reach a dataset derived from a clinical trial, EHR, registry or biobank whose
#   source has no data sharing agreement. In the 2026 breach partners held broad, long-lived
#   access to the bucket holding pseudonymised clinical-trial data; without an agreement nothing
#   binds the partner to the source's purpose limits, security duties or deletion, and nothing
#   shows the data was the company's to share.
# custom:
#   id: AIG-CLN-003
#   severity: high
#   remediation: |
#     Put a data sharing agreement in place for the source (record its reference in
#     `data_sharing_agreement`) before any partner can reach data derived from it, or remove the
#     partner's grant on the dataset and on the store that holds it.
#   example_fix: |
#     data_sources:
#       - id: nn-obesity-trial-7
#         kind: clinical_trial
#         data_sharing_agreement: DSA-2026-014
#   frameworks:
#     NIST SP 800-53 rev5: [AC-21, SA-9, PT-2]
#     ISO/IEC 27001:2022: [A.5.14, A.5.19, A.5.20]
#     HIPAA: [164.514(e), 164.308(b)(1)]
#     GDPR: [Art. 26, Art. 28]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.clinical.cln_003

import data.aiguard.lib.grants

# Kinds of source whose data must not leave without a data sharing agreement.
clinical_kinds := {"clinical_trial", "ehr", "registry", "biobank"}

# Clinical sources without a data sharing agreement (a set built once, looked up per dataset). A
# complete rule: OPA re-runs a partial set's body for every key looked up in it.
unshared_sources := {source.id |
	some source in input.data_sources
	source.kind in clinical_kinds
	not source.data_sharing_agreement
}

# Cheapest, most selective tests first (regorus evaluates a body in order): a dataset without
# sources is skipped by one field test, grants.partner_access runs only for a dataset derived from
# such a source, and the ids are sorted only for a finding's message.
deny contains finding if {
	some dataset in input.datasets
	dataset.sources[0]
	ids := [id | some id in dataset.sources; unshared_sources[id]]
	ids[0]
	some partner_id, i in grants.partner_access(dataset)
	finding := {
		"subject": dataset.id,
		"principal": concat("", ["partner:", partner_id]),
		"message": sprintf("partner %s reaches dataset %s, derived from clinical source(s) %s without a data sharing agreement", [partner_id, dataset.id, concat(", ", sort(ids))]),
		# The partner's first grant that reaches the dataset.
		"path": ["access", i],
	}
}
