# METADATA
# title: Classification and sensitivity
# description: |
#   Classification ranks, what counts as restricted, sensitive or personal data, and the ids of
#   such assets, each computed once.
# schemas:
#   - input: schema.inventory
package aiguard.lib.classification

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

# "classified <level>" or "not classified", for messages (an unclassified asset ranks as public).
classified_as(asset) := sprintf("classified %s", [asset.classification]) if asset.classification

else := "not classified"
