package aiguard.policies.data.dat_007_test

import data.aiguard.policies.data.dat_007

dataset(classification) := {"id": "d1", "classification": classification, "deidentification": {"status": "pseudonymised"}}

findings(d) := result if {
	result := dat_007.deny with input as {"datasets": [d]} with data.aiguard.as_of as "2026-11-25"
}

test_internal_fires if {
	result := findings(dataset("internal"))
	{f.path | some f in result} == {["datasets", 0, "classification"]}
	{f.subject | some f in result} == {"d1"}
}

test_public_fires if count(findings(dataset("public"))) == 1

test_unclassified_fires if count(findings({"id": "d1", "deidentification": {"status": "pseudonymised"}})) == 1

test_confidential_and_restricted_do_not_fire if {
	count(findings(dataset("confidential"))) == 0
	count(findings(dataset("restricted"))) == 0
}

test_not_pseudonymised_does_not_fire if {
	count(findings({"id": "d1", "classification": "public", "deidentification": {"status": "anonymised"}})) == 0
	count(findings({"id": "d1", "classification": "internal"})) == 0
}

test_messages_name_the_classification if {
	[f.message | some f in findings(dataset("internal"))] == ["pseudonymised dataset d1 is classified internal, but pseudonymised data is still personal data"]
	[f.message | some f in findings({"id": "d1", "deidentification": {"status": "pseudonymised"}})] == ["pseudonymised dataset d1 is not classified, but pseudonymised data is still personal data"]
}
