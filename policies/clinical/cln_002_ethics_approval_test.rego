package aiguard.policies.clinical.cln_002_test

import data.aiguard.policies.clinical.cln_002

source(approval) := {"id": "t1", "kind": "clinical_trial", "ethics_approval": approval}

findings(s) := result if {
	result := cln_002.deny with input as {"data_sources": [s]} with data.aiguard.as_of as "2026-11-25"
}

test_no_approval_fires if {
	result := findings({"id": "t1", "kind": "clinical_trial"})
	{f.path | some f in result} == {["data_sources", 0, "ethics_approval"]}
	{f.subject | some f in result} == {"t1"}
}

test_expired_approval_fires if {
	result := findings(source({"reference": "EC-1", "expires": "2025-12-31"}))
	some f in result
	f.message == "clinical trial source t1 has an ethics approval (EC-1) that expired on 2025-12-31"
}

test_approval_expiring_on_as_of_does_not_fire if count(findings(source({"reference": "EC-1", "expires": "2026-11-25"}))) == 0

test_approval_expired_the_day_before_fires if count(findings(source({"expires": "2026-11-24"}))) == 1

test_current_approval_does_not_fire if count(findings(source({"reference": "EC-1", "expires": "2028-01-01"}))) == 0

test_approval_without_expiry_does_not_fire if count(findings(source({"reference": "EC-1"}))) == 0

test_other_kinds_do_not_fire if {
	count(findings({"id": "t1", "kind": "ehr"})) == 0
	count(findings({"id": "t1"})) == 0
}
