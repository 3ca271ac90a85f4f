# METADATA
# title: The inventory indexed by id
# description: |
#   Each collection as an object keyed by id, so that policies look records up instead of scanning
#   collections inside loops (which keeps every policy linear in the size of the inventory).
# schemas:
#   - input: schema.inventory
package aiguard.lib.inventory

stores := {s.id: s | some s in input.stores}

models := {m.id: m | some m in input.models}

datasets := {d.id: d | some d in input.datasets}

sources := {s.id: s | some s in input.data_sources}

partners := {p.id: p | some p in input.partners}

repositories := {r.id: r | some r in input.repositories}

controls := object.get(input, "controls", {})

# Models and datasets by id (what can sit in a store).
assets := object.union(models, datasets)

# The store that holds a model's weights or a dataset.
store_of(asset) := stores[asset.weights.store]

store_of(asset) := stores[asset.store]
