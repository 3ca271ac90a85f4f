# Helpers for access, partner and credential policies (the package's METADATA is in aiguard.rego).
# What a single grant reaches that needs protection, looked up through per-store indexes so that a
# grant on a store holding thousands of assets costs one lookup, and why a grant's review is overdue.
package aiguard.lib

# Ids of the partners that hold at least one grant.
granted_partners contains partner_id if some [_, _, partner_id] in partner_grants

# Store id -> ids of the datasets with personal data in it (stores holding none are absent).
personal_data_datasets_in[store_id] contains dataset_id if {
	some store_id, ids in store_assets
	some dataset_id in ids
	has_personal_data(datasets[dataset_id])
}

# Of what a grant (or credential) on `asset_id` reaches: the restricted models and datasets.
# A grant is on a store, a model or dataset, or something else (ids are unique across
# collections). The store case tests membership in the body: regorus leaves a partial rule with no
# members undefined where OPA has {} (measured), so `object.get(restricted_assets_in, ...)` would
# be undefined in an inventory without restricted assets, and a head value that is undefined does
# not fall through to `else` there.
reached_restricted(asset_id) := held if {
	held := restricted_assets_in[asset_id]
} else := {asset_id} if {
	restricted(assets[asset_id])
} else := set()

# Of what a grant on `asset_id` reaches: the sensitive models and datasets.
reached_sensitive(asset_id) := held if {
	held := sensitive_assets_in[asset_id]
} else := {asset_id} if {
	sensitive(assets[asset_id])
} else := set()

# Of what a grant on `asset_id` reaches: the datasets with personal data.
reached_personal_data(asset_id) := held if {
	held := personal_data_datasets_in[asset_id]
} else := {asset_id} if {
	has_personal_data(datasets[asset_id])
} else := set()

# Why a grant's access review is overdue (never reviewed, or longer ago than the review
# interval); undefined when it is not. The two cases exclude each other, so a grant gets one reason.
review_overdue(grant) := "has never been reviewed" if not grant.last_review

review_overdue(grant) := sprintf(
	"was last reviewed on %s, %v days ago, over the %v-day review interval",
	[grant.last_review, days_since(grant.last_review), review_interval],
) if {
	grant.last_review
	older_than(grant.last_review, review_interval)
}
