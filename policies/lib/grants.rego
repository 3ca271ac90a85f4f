# METADATA
# title: Grants
# description: |
#   What a grant (or credential) reaches that needs protection, looked up through per-store indexes
#   so that a grant on a store holding thousands of assets costs one lookup; which partners hold grants
#   and where each partner record is; which partners reach a dataset; why a grant's review is overdue.
# schemas:
#   - input: schema.inventory
package aiguard.lib.grants

import data.aiguard.lib.classification.personal_data_ids
import data.aiguard.lib.classification.restricted_ids
import data.aiguard.lib.classification.sensitive_ids
import data.aiguard.lib.dates
import data.aiguard.lib.grouping
import data.aiguard.lib.inventory.controls
import data.aiguard.lib.parameters.params
import data.aiguard.lib.stores.personal_data_in
import data.aiguard.lib.stores.restricted_assets_in
import data.aiguard.lib.stores.sensitive_assets_in

# The partner id of a `partner:<id>` principal.
partner_of(grant) := substring(grant.principal, 8, -1) if startswith(grant.principal, "partner:")

# Partner grants: [index into input.access, grant, partner id]. An array, not a set: a set
# compares its members (each holding a whole grant) on every insertion.
partner_grants := [[i, grant, substring(grant.principal, 8, -1)] |
	some i, grant in input.access
	startswith(grant.principal, "partner:")
]

# Ids of the partners that hold at least one grant.
granted_partners contains partner_id if some [_, _, partner_id] in partner_grants

# Partner id -> its index in input.partners (findings point at the partner record).
partner_index := {partner.id: i | some i, partner in input.partners}

# Asset id -> [index into input.access, partner id] of every partner grant on that asset, built in
# one pass over the grants.
partner_grants_by_asset := grouping.group_pairs([[grant.asset, [i, partner_id]] | some [i, grant, partner_id] in partner_grants])

# Partner id -> index into input.access of its first grant that reaches the dataset, directly or
# through a grant on the dataset's store. One partner may reach a dataset through several grants;
# a (dataset, partner) finding is still reported once, pointing at the first.
partner_access(dataset) := {partner_id: min(indexes) |
	grants := object.get(partner_grants_by_asset, dataset.id, set()) | object.get(partner_grants_by_asset, object.get(dataset, "store", ""), set())
	some [_, partner_id] in grants
	indexes := {i | some [i, holder] in grants; holder == partner_id}
}

# What a grant (or credential) on `asset_id` reaches that needs protection: the restricted models
# and datasets; the sensitive ones; the datasets with personal data. `asset_id` is a store (what it
# holds, from the per-store indexes in stores.rego) or a model or dataset (itself); ids are unique
# across collections, so at most one side of each union is non-empty. The indexes are complete
# rules: policies look them up per grant, and OPA re-runs a partial rule's body for every key asked
# (measured: 71 s for one policy at 10k assets), while regorus leaves an empty partial rule undefined.
reached_restricted(asset_id) := object.get(restricted_assets_in, asset_id, set()) | ({asset_id} & restricted_ids)

reached_sensitive(asset_id) := object.get(sensitive_assets_in, asset_id, set()) | ({asset_id} & sensitive_ids)

reached_personal_data(asset_id) := object.get(personal_data_in, asset_id, set()) | ({asset_id} & personal_data_ids)

# The review interval: the inventory's own, else the parameter.
review_interval := object.get(controls, "access_review_interval_days", params.access_review_interval_days)

# Why a grant's access review is overdue (never reviewed, or longer ago than the review
# interval); undefined when it is not. An else chain (the cases exclude each other) with the cutoff
# computed once: it runs for every grant of ACC-002 and PRT-005, and the days are counted only
# for the message of a grant that is overdue.
review_overdue(grant) := "has never been reviewed" if {
	not grant.last_review
} else := sprintf(
	"was last reviewed on %s, %v days ago, over the %v-day review interval",
	[grant.last_review, dates.days_since(grant.last_review), review_interval],
) if {
	time.parse_ns("2006-01-02", grant.last_review) < review_cutoff_ns
}

review_cutoff_ns := dates.cutoff_ns(review_interval)
