# METADATA
# title: Clinical trial source without a current ethics approval
# description: |
#   A clinical-trial data source has no ethics approval on record, or its approval has expired.
#   The trial data copied in the 2026 breach was still being used for model training years
#   after collection; processing trial data outside an approved protocol leaves no committee
#   oversight of the new use, and no basis to defend it to regulators or participants.
# custom:
#   id: AIG-CLN-002
#   severity: medium
#   remediation: |
#     Obtain or renew the ethics committee (IRB) approval covering the current use of the trial
#     data and record it in `ethics_approval` with its `reference` and `expires`; stop the use
#     while it is not covered.
#   example_fix: |
#     data_sources:
#       - id: nn-obesity-trial-7
#         kind: clinical_trial
#         ethics_approval: {reference: EC-2026-0112, expires: 2029-12-31}
#   frameworks:
#     NIST SP 800-53 rev5: [PT-2]
#     ISO/IEC 27001:2022: [A.5.31, A.5.34]
#     HIPAA: [164.512(i)]
#     GDPR: [Art. 89(1)]
#     NIST AI RMF: [GOVERN 1.1]
#     ISO/IEC 42001:2023: [A.5.4, A.7.3]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.clinical.cln_002

# Imported by name: regorus evaluates every rule of a package to read a rule through its alias.
import data.aiguard.lib.dates.as_of

# Why the approval is not current; the cases exclude each other. An else chain, not two
# definitions (regorus evaluates every definition on each call), with dates.before_as_of inlined
# (ISO dates compare as strings).
approval_gap(source) := "has no ethics approval on record" if {
	not source.ethics_approval
} else := sprintf("has an ethics approval (%v) that expired on %s", [object.get(source.ethics_approval, "reference", "no reference"), source.ethics_approval.expires]) if {
	source.ethics_approval.expires < as_of
}

deny contains finding if {
	some i, source in input.data_sources
	source.kind == "clinical_trial"
	gap := approval_gap(source)
	finding := {
		"subject": source.id,
		"message": sprintf("clinical trial source %s %s", [source.id, gap]),
		"path": ["data_sources", i, "ethics_approval"],
	}
}
