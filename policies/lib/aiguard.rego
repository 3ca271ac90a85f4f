# METADATA
# title: aiguard policy library helpers
# description: |
#   Shared definitions for every aiguard policy: parameters, the evaluation date, indexes of the
#   inventory keyed by id, classification ranks, what a grant reaches and what is used for
#   training. Policies look things up here instead of scanning collections inside loops, which
#   keeps every policy linear in the size of the inventory. This file depends on no other: an OPA
#   server compiles each pushed module against those already there, so the other lib files
#   (assets, grants, stores) build on it and never the other way round.
package aiguard.lib

# --- parameters and the evaluation date ---------------------------------------------------------

# Declared defaults (policies/data.yaml) with the user's overrides on top.
params := object.union({name: spec.default | some name, spec in data.aiguard.parameters}, overrides)

# Only data.aiguard.params itself is read: data.aiguard also holds the policies' own packages.
default overrides := {}

overrides := data.aiguard.params

# The evaluation date (--as-of). No policy reads the clock.
as_of := data.aiguard.as_of

day_ns := ((24 * 60) * 60) * 1000000000

as_of_ns := time.parse_ns("2006-01-02", as_of)

date_ns(date) := time.parse_ns("2006-01-02", date)

# Whole days from `date` to the evaluation date (negative when `date` is later).
days_since(date) := (as_of_ns - date_ns(date)) / day_ns

# Whole days from `start` to `end`.
days_between(start, end) := (date_ns(end) - date_ns(start)) / day_ns

# The instant before which a date is more than `days` days old. Policies that test many dates
# against one limit compute it once and compare each date's time.parse_ns with it (as older_than
# does, without its two calls per date).
cutoff_ns(days) := as_of_ns - (days * day_ns)

# "Older than N days" means as_of - date > N: exactly N days old is not older.
older_than(date, days) if date_ns(date) < cutoff_ns(days)

# ISO dates compare as strings.
before_as_of(date) if date < as_of

# --- the inventory, indexed by id ---------------------------------------------------------------

stores := {s.id: s | some s in input.stores}

models := {m.id: m | some m in input.models}

datasets := {d.id: d | some d in input.datasets}

sources := {s.id: s | some s in input.data_sources}

partners := {p.id: p | some p in input.partners}

repositories := {r.id: r | some r in input.repositories}

controls := object.get(input, "controls", {})

# --- classification and sensitivity -------------------------------------------------------------

rank := {"public": 0, "internal": 1, "confidential": 2, "restricted": 3}

# An asset without a classification ranks lowest: nothing is assumed protected.
classification_rank(asset) := rank[asset.classification]

classification_rank(asset) := 0 if not asset.classification

restricted(asset) if asset.classification == "restricted"

# A non-empty personal_data list (an element at 0): a field test, where count(object.get(...)) cost
# regorus two builtin calls per asset.
has_personal_data(dataset) if dataset.personal_data[0]

# A model or dataset classified confidential or restricted, or a dataset with personal data.
# (Written out rather than through classification_rank/has_personal_data: it is evaluated for
# every asset by several indexes, and the extra calls cost 40% of it.)
sensitive(asset) if rank[asset.classification] >= 2

sensitive(asset) if asset.personal_data[0]

# The ids of the sensitive, restricted and personal-data assets, each computed once: lookups in
# these sets replace a function call per asset in the indexes below and per grant in grants.rego
# (regorus spends about 3 microseconds on a call, a tenth of that on a set lookup).
sensitive_ids := ({m.id | some m in input.models; rank[m.classification] >= 2} | {d.id |
	some d in input.datasets
	rank[d.classification] >= 2
}) | personal_data_ids

restricted_ids := {m.id | some m in input.models; m.classification == "restricted"} | {d.id |
	some d in input.datasets
	d.classification == "restricted"
}

personal_data_ids := {d.id | some d in input.datasets; d.personal_data[0]}

# --- grouping ----------------------------------------------------------------------------------

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

# --- stores and what they hold ------------------------------------------------------------------

# Store id -> ids of the models (by weights.store) and datasets (by store) in it. Built with
# group_pairs, linear on both engines: OPA evaluates a multi-value rule
# `p[key] contains value` in quadratic time, and regorus leaves an empty one undefined.
store_assets := group_pairs(array.concat(
	[[model.weights.store, model.id] | some model in input.models; model.weights.store],
	[[dataset.store, dataset.id] | some dataset in input.datasets; dataset.store],
))

# Models and datasets by id (what can sit in a store).
assets := object.union(models, datasets)

# The store that holds a model's weights or a dataset.
store_of(asset) := stores[asset.weights.store]

store_of(asset) := stores[asset.store]

# A grant or credential on an asset reaches it; one on a store reaches the store and everything in it.
reached(asset_id) := {asset_id} | object.get(store_assets, asset_id, set())

# --- grants -------------------------------------------------------------------------------------

# The partner id of a `partner:<id>` principal.
partner_of(grant) := substring(grant.principal, 8, -1) if startswith(grant.principal, "partner:")

# Partner grants: [index into input.access, grant, partner id]. An array, not a set: a set
# compares its members (each holding a whole grant) on every insertion.
partner_grants := [[i, grant, substring(grant.principal, 8, -1)] |
	some i, grant in input.access
	startswith(grant.principal, "partner:")
]

# The review interval: the inventory's own, else the parameter.
review_interval := object.get(controls, "access_review_interval_days", params.access_review_interval_days)

# --- training -----------------------------------------------------------------------------------

training_dataset_ids contains dataset_id if {
	some model in input.models
	some dataset_id in model.training.datasets
}

# A dataset whose purposes include ai_training, or that a model was trained on.
used_for_training(dataset) if "ai_training" in object.get(dataset, "purposes", [])

used_for_training(dataset) if dataset.id in training_dataset_ids

# --- messages -----------------------------------------------------------------------------------

# A number from the inventory or a parameter as text that OPA and regorus print alike: their
# sprintf("%v") differs for floats of 1e6 or more (OPA: 2.5e+06) and below 1e-4 (OPA: 5e-05).
# Integral values print as integers, large ones rounded, small fractions to four places.
number_text(x) := format_int(round(x), 10) if abs(x) >= 1000000

else := format_int(x, 10) if x == floor(x)

else := sprintf("%v", [round(x * 10000) / 10000])
