# Helpers for store policies (the package's METADATA is in aiguard.rego; OPA allows one).
# Which sensitive and restricted assets each store holds, and a short rendering of id lists for
# finding messages: monitoring, segmentation and backup findings name the assets that put a store
# in scope.
package aiguard.lib

# Store id -> ids of the sensitive models and datasets in it (stores holding none are absent).
# Membership as in store_assets (weights.store, store), read straight from the collections: going
# through store_assets and the id indexes doubled the cost in regorus, which caches nothing
# between policies.
sensitive_assets_in := assets_in(sensitive_ids)

# Store id -> ids of the restricted models and datasets in it.
restricted_assets_in := assets_in(restricted_ids)

# Store id -> ids of the datasets with personal data in it.
personal_data_in := assets_in(personal_data_ids)

# Store id -> those of `ids` (models and datasets) that it holds.
assets_in(ids) := group_pairs(array.concat(
	[[model.weights.store, model.id] | some model in input.models; ids[model.id]],
	[[dataset.store, dataset.id] | some dataset in input.datasets; ids[dataset.id]],
))

# At most this many ids are spelled out in a message; a store may hold thousands of assets.
listed_ids_max := 3

# Sorted ids joined by commas, the tail summarised as "and N more". An else chain: regorus
# evaluates every definition of a function on each call, and this one runs per finding.
listed_ids(ids) := concat(", ", sort(ids)) if count(ids) <= listed_ids_max

else := sprintf("%s and %d more", [concat(", ", array.slice(sort(ids), 0, listed_ids_max)), count(ids) - listed_ids_max])
