package aiguard.policies.partners.prt_008_test

import data.aiguard.policies.partners.prt_008

estate := {
	"stores": [{"id": "s1"}],
	"models": [{"id": "m-internal", "classification": "internal", "weights": {"store": "s1"}}],
	"datasets": [
		{"id": "d-personal", "classification": "internal", "personal_data": ["pii"]},
		{"id": "d-confidential", "classification": "confidential"},
	],
}

findings(partner, asset) := result if {
	grants := [{"principal": "partner:p1", "asset": asset, "level": "read"}]
	result := prt_008.deny with input as object.union(estate, {"partners": [partner], "access": grants})
		with data.aiguard.as_of as "2026-11-25"
}

partner(attestations) := {"id": "p1", "attestations": attestations}

test_expired_attestation_fires if {
	result := findings(partner([{"type": "soc2_type2", "expires": "2025-09-30"}]), "d-confidential")
	{[f.subject, f.message] | some f in result} == {[
		"p1",
		"partner p1 reaches sensitive assets (d-confidential) but has no security attestation valid on 2026-11-25; the latest expired on 2025-09-30",
	]}
}

test_no_attestations_fires if count(findings({"id": "p1"}, "d-personal")) == 1

test_attestation_without_expiry_fires if count(findings(partner([{"type": "other"}]), "d-personal")) == 1

test_attestation_expiring_on_as_of_does_not_fire if {
	count(findings(partner([{"type": "iso27001", "expires": "2026-11-25"}]), "d-personal")) == 0
}

test_attestation_expired_the_day_before_fires if {
	count(findings(partner([{"type": "iso27001", "expires": "2026-11-24"}]), "d-personal")) == 1
}

test_one_current_among_expired_does_not_fire if {
	attestations := [{"type": "soc2_type2", "expires": "2025-01-01"}, {"type": "iso27001", "expires": "2027-01-01"}]
	count(findings(partner(attestations), "d-personal")) == 0
}

test_reaching_only_internal_assets_does_not_fire if count(findings({"id": "p1"}, "s1")) == 0

test_no_attestations_message if {
	result := findings({"id": "p1"}, "d-personal")
	{f.message | some f in result} == {"partner p1 reaches sensitive assets (d-personal) but has no security attestation valid on 2026-11-25; none with an expiry date is on record"}
}

test_store_grant_of_unattested_partner_lists_its_sensitive_assets if {
	inventory := {
		"stores": [{"id": "s1"}],
		"models": [{"id": "m1", "classification": "restricted", "weights": {"store": "s1"}}],
		"datasets": [{"id": "d1", "store": "s1", "personal_data": ["pii"]}, {"id": "d2", "store": "s1"}],
		"partners": [{"id": "p0", "attestations": [{"type": "iso27001", "expires": "2027-01-01"}]}, {"id": "p1"}],
		"access": [
			{"principal": "partner:p0", "asset": "s1", "level": "read"},
			{"principal": "partner:p1", "asset": "s1", "level": "read"},
			{"principal": "partner:p1", "asset": "d1", "level": "read"},
		],
	}
	result := prt_008.deny with input as inventory with data.aiguard.as_of as "2026-11-25"
	{[f.subject, f.path, f.message] | some f in result} == {[
		"p1", ["partners", 1, "attestations"],
		"partner p1 reaches sensitive assets (d1, m1) but has no security attestation valid on 2026-11-25; none with an expiry date is on record",
	]}
}
