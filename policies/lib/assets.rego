# Library helpers for the model, data and clinical policies (package annotations live in
# aiguard.rego: OPA allows one METADATA block per package).
package aiguard.lib

# Asset id -> [index into input.access, partner id] of every partner grant on that asset, built in
# one pass over the grants.
partner_grants_on[asset_id] contains [i, partner_id] if {
	some [i, grant, partner_id] in partner_grants
	asset_id := grant.asset
}

# The same, as a complete rule: OPA re-runs a partial rule's body for every key it is asked for
# (a scan of all grants per lookup); a complete rule is built once. A comprehension is also {}
# where regorus leaves an empty partial rule undefined.
partner_grants_by_asset := {asset_id: grants | some asset_id, grants in partner_grants_on}

# Partner id -> index into input.access of its first grant that reaches the dataset, directly or
# through a grant on the dataset's store. One partner may reach a dataset through several grants;
# a (dataset, partner) finding is still reported once, pointing at the first.
partner_access(dataset) := {partner_id: min(indexes) |
	grants := object.get(partner_grants_by_asset, dataset.id, set()) | object.get(partner_grants_by_asset, object.get(dataset, "store", ""), set())
	some [_, partner_id] in grants
	indexes := {i | some [i, holder] in grants; holder == partner_id}
}

# "classified <level>" or "not classified", for messages (an unclassified asset ranks as public).
classified_as(asset) := sprintf("classified %s", [asset.classification]) if asset.classification

classified_as(asset) := "not classified" if not asset.classification
