# Library helpers for the model, data and clinical policies (package annotations live in
# aiguard.rego: OPA allows one METADATA block per package).
package aiguard.lib

# [partner id, dataset id] -> indexes into input.access of the partner's grants that reach the
# dataset, directly or through a grant on the dataset's store. One partner can reach one dataset
# through several grants; findings about the pair must still be reported once.
partner_dataset_grants[pair] contains i if {
	some [i, grant, partner_id] in partner_grants
	some dataset_id in reached(grant.asset)
	datasets[dataset_id]
	# Bound in the body: regorus rejects an array literal in a rule head's key.
	pair := [partner_id, dataset_id]
}
