# METADATA
# title: Pseudonymisation key stored with the data, or not recorded
# description: |
#   A pseudonymised dataset names no store for its re-identification key, or keeps the key in the
#   same store as the data. Pseudonymisation only protects people while the key is kept apart:
#   in the 2026 breach the intruder copied whole buckets, and a key sitting next to the
#   pseudonymised clinical-trial data turns the copy back into named patients' health records.
# custom:
#   id: AIG-DAT-006
#   severity: high
#   remediation: |
#     Keep the re-identification key in a separate store with its own access control, ideally
#     another account (a key table or HSM reachable only by the data custodians), and record it
#     in `deidentification.key_store`.
#   example_fix: |
#     datasets:
#       - id: trial-imaging-2019-2024
#         store: s3-dragonfly-artifacts
#         deidentification: {status: pseudonymised, method: tokenisation, key_store: pg-trial-keys}
#   frameworks:
#     NIST SP 800-53 rev5: [SI-19, SC-12, AC-6]
#     ISO/IEC 27001:2022: [A.8.11, A.8.24]
#     HIPAA: [164.514(c)]
#     GDPR: [Art. 4(5), Art. 32(1)(a)]
#     ISO/IEC 42001:2023: [A.7.6]
#     NIST AI 600-1: [Data Privacy]
# schemas:
#   - input: schema.inventory
package aiguard.policies.data.dat_006

# Why the key is not kept apart; the cases exclude each other.
key_gap(dataset) := "names no store for its re-identification key" if not dataset.deidentification.key_store

key_gap(dataset) := sprintf("keeps its re-identification key in its own store %s", [dataset.store]) if {
	dataset.deidentification.key_store == dataset.store
}

deny contains finding if {
	some i, dataset in input.datasets
	dataset.deidentification.status == "pseudonymised"
	gap := key_gap(dataset)
	finding := {
		"subject": dataset.id,
		"message": sprintf("pseudonymised dataset %s %s", [dataset.id, gap]),
		"path": ["datasets", i, "deidentification", "key_store"],
	}
}
