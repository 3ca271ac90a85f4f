package aiguard.policies.clinical.cln_004_test

import data.aiguard.policies.clinical.cln_004

baa := {"baa": {"signed": "2024-01-01", "reference": "BAA-1"}}

inventory(hipaa, agreements, access) := {
	"stores": [{"id": "s1"}],
	"datasets": [{"id": "d1", "store": "s1", "sources": ["src"]}],
	"data_sources": [{"id": "src", "kind": "clinical_trial", "hipaa_applicable": hipaa}],
	"partners": [{"id": "p1", "agreements": agreements}],
	"access": access,
}

grant(principal, asset) := {"principal": principal, "asset": asset, "level": "read"}

findings(x) := result if {
	result := cln_004.deny with input as x with data.aiguard.as_of as "2026-11-25"
}

test_partner_without_baa_on_store_fires if {
	result := findings(inventory(true, {"dpa": {"signed": "2024-01-01"}}, [grant("partner:p1", "s1")]))
	{[f.subject, f.principal, f.path] | some f in result} == {["d1", "partner:p1", ["access", 0]]}
}

test_partner_without_agreements_on_dataset_fires if {
	x := object.union(inventory(true, {}, [grant("partner:p1", "d1")]), {"partners": [{"id": "p1"}]})
	count(findings(x)) == 1
}

test_partner_with_baa_does_not_fire if {
	count(findings(inventory(true, baa, [grant("partner:p1", "s1"), grant("partner:p1", "d1")]))) == 0
}

test_one_finding_per_partner_reaching_twice if {
	count(findings(inventory(true, {}, [grant("partner:p1", "s1"), grant("partner:p1", "d1")]))) == 1
}

test_source_not_under_hipaa_does_not_fire if {
	count(findings(inventory(false, {}, [grant("partner:p1", "d1")]))) == 0
	x := object.union(inventory(true, {}, [grant("partner:p1", "d1")]), {"data_sources": [{"id": "src"}]})
	count(findings(x)) == 0
}

test_non_partner_grant_does_not_fire if {
	count(findings(inventory(true, {}, [grant("group:eng", "d1")]))) == 0
}

test_dataset_without_sources_does_not_fire if {
	x := object.union(inventory(true, {}, [grant("partner:p1", "d1")]), {"datasets": [{"id": "d1", "store": "s1", "sources": []}]})
	count(findings(x)) == 0
}
