# Library helpers for the model, data and clinical policies (package annotations live in
# aiguard.rego: OPA allows one METADATA block per package).
package aiguard.lib

# Asset id -> [index into input.access, partner id] of every partner grant on that asset, built in
# one pass over the grants.
partner_grants_by_asset := group_pairs([[grant.asset, [i, partner_id]] | some [i, grant, partner_id] in partner_grants])

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

else := "not classified"
