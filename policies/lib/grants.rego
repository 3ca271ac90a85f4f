# Helpers for access, partner and credential policies (the package's METADATA is in aiguard.rego).
# What a single grant reaches that needs protection, looked up through per-store indexes so that a
# grant on a store holding thousands of assets costs one lookup; which partners hold grants and
# where each partner record is; and why a grant's review is overdue.
package aiguard.lib

# Ids of the partners that hold at least one grant.
granted_partners contains partner_id if some [_, _, partner_id] in partner_grants

# Partner id -> its index in input.partners (findings point at the partner record).
partner_index := {partner.id: i | some i, partner in input.partners}

# What a grant (or credential) on `asset_id` reaches that needs protection: the restricted models
# and datasets; the sensitive ones; the datasets with personal data. `asset_id` is a store (what it
# holds, from the per-store indexes in stores.rego) or a model or dataset (itself); ids are unique
# across collections, so at most one side of each union is non-empty. The indexes are complete
# rules: policies look them up per grant, and OPA re-runs a partial rule's body for every key asked
# (measured: 71 s for one policy at 10k assets), while regorus leaves an empty partial rule undefined.
reached_restricted(asset_id) := object.get(restricted_assets_in, asset_id, set()) | ({asset_id} & restricted_ids)

reached_sensitive(asset_id) := object.get(sensitive_assets_in, asset_id, set()) | ({asset_id} & sensitive_ids)

reached_personal_data(asset_id) := object.get(personal_data_in, asset_id, set()) | ({asset_id} & personal_data_ids)

# Why a grant's access review is overdue (never reviewed, or longer ago than the review
# interval); undefined when it is not. An else chain (the cases exclude each other) with the cutoff
# computed once: it runs for every grant of ACC-002 and PRT-005, and the days are counted only
# for the message of a grant that is overdue.
review_overdue(grant) := "has never been reviewed" if {
	not grant.last_review
} else := sprintf(
	"was last reviewed on %s, %v days ago, over the %v-day review interval",
	[grant.last_review, days_since(grant.last_review), review_interval],
) if {
	time.parse_ns("2006-01-02", grant.last_review) < review_cutoff_ns
}

review_cutoff_ns := cutoff_ns(review_interval)
