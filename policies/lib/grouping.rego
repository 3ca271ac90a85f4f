# METADATA
# title: Grouping
# description: |
#   Grouping [key, value] pairs into {key: set of values} in O(n log n) on both engines.
# schemas:
#   - input: schema.inventory
package aiguard.lib.grouping

# [key, value] pairs -> {key: set of its values}, in O(n log n) on both engines. The obvious forms
# are quadratic on one of them: OPA evaluates a multi-value rule `p[key] contains value` in time
# quadratic in its size (measured at 10k / 20k assets: store_assets 1.3 s / 14 s), and regorus does
# not index group-by comprehensions. Sorted, equal keys form runs; each run is one slice.
group_pairs(pairs) := {keys[start]: {pair[1] | some pair in array.slice(sorted, start, ends[k])} |
	some k, start in starts
} if {
	sorted := sort(pairs)
	keys := [pair[0] | some pair in sorted]

	# A run starts where the key differs from the one before it (null before the first).
	previous := array.concat([null], keys)
	starts := [i | some i, key in keys; previous[i] != key]
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(sorted)])
}
