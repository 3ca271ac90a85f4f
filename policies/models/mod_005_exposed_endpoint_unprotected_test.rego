package aiguard.policies.models.mod_005_test

import data.aiguard.policies.models.mod_005

deployment(exposure, authentication, rate_limited) := {
	"endpoint": sprintf("https://%s.example", [exposure]), "exposure": exposure,
	"authentication": authentication, "rate_limited": rate_limited,
}

findings(deployments) := result if {
	result := mod_005.deny with input as {"models": [{"id": "m1", "deployments": deployments}]}
		with data.aiguard.as_of as "2026-11-25"
}

test_partner_endpoint_without_rate_limit_fires if {
	result := findings([deployment("partner", true, false)])
	{f.subject | some f in result} == {"m1"}
	some f in result
	f.path == ["models", 0, "deployments", 0]
	contains(f.message, "lacks rate_limited")
}

test_public_endpoint_without_authentication_fires if {
	count(findings([deployment("public", false, true)])) == 1
}

test_absent_flags_fire if {
	result := findings([{"endpoint": "https://p.example", "exposure": "public"}])
	some f in result
	contains(f.message, "lacks authentication and rate_limited")
}

test_protected_endpoints_do_not_fire if {
	count(findings([deployment("partner", true, true), deployment("public", true, true)])) == 0
}

test_internal_endpoint_does_not_fire if {
	count(findings([deployment("internal", false, false)])) == 0
}

test_no_deployments_does_not_fire if {
	result := mod_005.deny with input as {"models": [{"id": "m1"}]}
	count(result) == 0
}

test_several_unprotected_endpoints_give_one_finding if {
	result := findings([
		deployment("internal", false, false),
		deployment("partner", true, false),
		deployment("public", false, false),
	])
	count(result) == 1
	some f in result
	f.path == ["models", 0, "deployments", 1]
	contains(f.message, "partner endpoint https://partner.example lacks rate_limited; public endpoint https://public.example lacks authentication and rate_limited")
}

test_empty_deployment_list_does_not_fire if count(findings([])) == 0
