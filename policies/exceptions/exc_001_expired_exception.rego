# METADATA
# title: Expired exception still listed
# description: |
#   An exception (waiver) has passed its `expires` date and waives nothing, yet is still in the
#   inventory. Waivers that outlive their plan are how known gaps (pickle weights never scanned,
#   partner grants never reviewed) stay open for months, as they did before the breach; a
#   lapsed waiver means either the fix is late or the risk was re-accepted without a record.
# custom:
#   id: AIG-EXC-001
#   severity: low
#   remediation: |
#     Fix the waived finding and delete the exception, or have the risk owner re-approve it with a
#     new `expires` date and an updated `reason`.
#   example_fix: |
#     exceptions:
#       - policy: AIG-MOD-003
#         asset: dragonfly-mm-v3
#         reason: Safetensors conversion slipped to Q1; weights scanned clean weekly meanwhile
#         approved_by: ciso@northwind.example
#         expires: 2027-03-31
#   frameworks:
#     NIST SP 800-53 rev5: [CA-5, CA-7, PM-4]
#     ISO/IEC 27001:2022: [A.5.36]
#     NIST AI RMF: [GOVERN 1.5]
# schemas:
#   - input: schema.inventory
package aiguard.policies.exceptions.exc_001

import data.aiguard.lib.dates.as_of
import data.aiguard.lib.grouping

# Asset (or "*") -> indexes of its expired exceptions. One finding per asset, naming all of them.
# Grouped with grouping.group_pairs: a multi-value rule `expired[asset] contains i` is quadratic in OPA
# (measured: 7.3 s against 0.7 s for 20k exceptions on 7k assets). (dates.before_as_of, inlined:
# ISO dates compare as strings.)
expired := grouping.group_pairs([[exception.asset, i] |
	some i, exception in input.exceptions
	exception.expires < as_of
])

deny contains finding if {
	some asset, indexes in expired
	lapsed := sort([sprintf("%s (expired %s)", [input.exceptions[i].policy, input.exceptions[i].expires]) | some i in indexes])
	finding := {
		"subject": asset,
		"message": sprintf("expired exceptions on %s still listed; they waive nothing: %s", [asset, concat(", ", lapsed)]),
		"path": ["exceptions", min(indexes)],
	}
}
