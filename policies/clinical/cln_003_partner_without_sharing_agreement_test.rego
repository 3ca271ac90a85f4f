package aiguard.policies.clinical.cln_003_test

import data.aiguard.policies.clinical.cln_003

sources := [
	{"id": "trial", "kind": "clinical_trial"},
	{"id": "ehr", "kind": "ehr"},
	{"id": "registry", "kind": "registry"},
	{"id": "biobank", "kind": "biobank"},
	{"id": "trial-with-dsa", "kind": "clinical_trial", "data_sharing_agreement": "DSA-1"},
	{"id": "synthetic", "kind": "synthetic"},
	{"id": "public", "kind": "public"},
]

inventory(dataset_sources, access) := {
	"stores": [{"id": "s1"}],
	"datasets": [{"id": "d1", "store": "s1", "sources": dataset_sources}],
	"data_sources": sources,
	"access": access,
}

grant(principal, asset) := {"principal": principal, "asset": asset, "level": "read"}

findings(x) := result if {
	result := cln_003.deny with input as x with data.aiguard.as_of as "2026-11-25"
}

test_partner_grant_on_dataset_fires if {
	result := findings(inventory(["trial"], [grant("partner:p1", "d1")]))
	{[f.subject, f.principal] | some f in result} == {["d1", "partner:p1"]}
}

test_partner_grant_on_store_fires if {
	result := findings(inventory(["ehr"], [grant("group:eng", "d1"), grant("partner:p2", "s1")]))
	{[f.subject, f.principal, f.path] | some f in result} == {["d1", "partner:p2", ["access", 1]]}
}

test_every_clinical_kind_fires if {
	every kind in ["trial", "ehr", "registry", "biobank"] {
		count(findings(inventory([kind], [grant("partner:p1", "d1")]))) == 1
	}
}

test_one_finding_per_partner_reaching_twice if {
	result := findings(inventory(["trial", "registry"], [grant("partner:p1", "s1"), grant("partner:p1", "d1")]))
	count(result) == 1
	some f in result
	f.path == ["access", 0]
	contains(f.message, "registry, trial without")
}

test_each_partner_gets_its_finding if {
	result := findings(inventory(["trial"], [grant("partner:p1", "s1"), grant("partner:p2", "d1")]))
	{f.principal | some f in result} == {"partner:p1", "partner:p2"}
}

test_source_with_agreement_does_not_fire if {
	count(findings(inventory(["trial-with-dsa"], [grant("partner:p1", "d1")]))) == 0
}

test_non_clinical_sources_do_not_fire if {
	count(findings(inventory(["synthetic", "public"], [grant("partner:p1", "d1")]))) == 0
	count(findings(inventory([], [grant("partner:p1", "d1")]))) == 0
}

test_non_partner_grants_do_not_fire if {
	count(findings(inventory(["trial"], [grant("group:all-employees", "d1"), grant("user:a@example.org", "s1")]))) == 0
}

test_grant_on_another_asset_does_not_fire if {
	x := object.union(inventory(["trial"], [grant("partner:p1", "s2")]), {"stores": [{"id": "s1"}, {"id": "s2"}]})
	count(findings(x)) == 0
}

test_dataset_without_sources_does_not_fire if {
	count(findings(inventory([], [grant("partner:p1", "d1")]))) == 0
	x := object.union(inventory(["trial"], [grant("partner:p1", "d1")]), {"datasets": [{"id": "d1", "store": "s1"}]})
	count(findings(x)) == 0
}

test_dataset_without_store_reached_directly_fires if {
	x := object.union(inventory(["trial"], [grant("partner:p1", "d1")]), {"datasets": [{"id": "d1", "sources": ["trial"]}]})
	count(findings(x)) == 1
}
