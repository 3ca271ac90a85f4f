# METADATA
# title: Stores and what they hold
# description: |
#   Which models and datasets each store holds, and which of them are sensitive, restricted or
#   hold personal data: monitoring, segmentation and backup findings name the assets that put a store
#   in scope.
# schemas:
#   - input: schema.inventory
package aiguard.lib.stores

import data.aiguard.lib.classification.personal_data_ids
import data.aiguard.lib.classification.restricted_ids
import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.grouping

# Store id -> ids of the models (by weights.store) and datasets (by store) in it. Built with
# group_pairs, linear on both engines: OPA evaluates a multi-value rule
# `p[key] contains value` in quadratic time, and regorus leaves an empty one undefined.
store_assets := grouping.group_pairs(array.concat(
	[[model.weights.store, model.id] | some model in input.models; model.weights.store],
	[[dataset.store, dataset.id] | some dataset in input.datasets; dataset.store],
))

# A grant or credential on an asset reaches it; one on a store reaches the store and everything in it.
reached(asset_id) := {asset_id} | object.get(store_assets, asset_id, set())

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
assets_in(ids) := grouping.group_pairs(array.concat(
	[[model.weights.store, model.id] | some model in input.models; ids[model.id]],
	[[dataset.store, dataset.id] | some dataset in input.datasets; ids[dataset.id]],
))
