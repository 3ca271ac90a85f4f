# METADATA
# title: Partner without a BAA reaches HIPAA-covered data
# description: |
#   A partner that has signed no business associate agreement can reach a dataset derived from a
#   source subject to HIPAA. In the 2026 breach partners held standing access to the bucket with
#   pseudonymised US trial data; PHI disclosed to a business associate without a BAA is an
#   impermissible disclosure before anything is stolen, and leaves no contractual duty to
#   safeguard the data or report a breach.
# custom:
#   id: AIG-CLN-004
#   severity: high
#   remediation: |
#     Sign a business associate agreement with the partner (record it in `agreements.baa`) before
#     it can reach HIPAA-covered data, or remove its grant on the dataset and on the store that
#     holds it.
#   example_fix: |
#     partners:
#       - id: helix-ai
#         agreements:
#           baa: {signed: 2026-12-01, reference: BAA-HELIX-2026}
#   frameworks:
#     NIST SP 800-53 rev5: [SA-9, AC-21]
#     ISO/IEC 27001:2022: [A.5.19, A.5.20]
#     HIPAA: [164.308(b)(1), 164.502(e), 164.504(e)]
#     ISO/IEC 42001:2023: [A.10.2]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.clinical.cln_004

import data.aiguard.lib.grants
import data.aiguard.lib.inventory.partners

# Sources subject to HIPAA (a set built once, looked up per dataset). A complete rule: OPA re-runs
# a partial set's body for every key looked up in it.
hipaa_sources := {source.id | some source in input.data_sources; source.hipaa_applicable == true}

# Cheapest, most selective tests first (regorus evaluates a body in order): a dataset without
# sources is skipped by one field test, grants.partner_access runs only for a dataset derived from a
# HIPAA source, and the ids are sorted only for a finding's message.
deny contains finding if {
	some dataset in input.datasets
	dataset.sources[0]
	ids := [id | some id in dataset.sources; hipaa_sources[id]]
	ids[0]
	some partner_id, i in grants.partner_access(dataset)

	# A partner missing from the inventory has no agreement on record either.
	not partners[partner_id].agreements.baa
	finding := {
		"subject": dataset.id,
		"principal": concat("", ["partner:", partner_id]),
		"message": sprintf("partner %s has no business associate agreement but reaches dataset %s, derived from HIPAA-covered source(s) %s", [partner_id, dataset.id, concat(", ", sort(ids))]),
		# The partner's first grant that reaches the dataset.
		"path": ["access", i],
	}
}
