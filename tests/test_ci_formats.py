"""The CI output formats, parsed the way their consumers parse them.

SARIF is validated against the official SARIF 2.1.0 JSON schema (tests/data), JUnit is read with
xml.etree, GitHub workflow commands are compared line for line. Everything runs the real CLI on
real files; policies are picked with --only so that a growing library does not change the counts.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import AS_OF, REPO, run_cli, write_files

SARIF_SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"

# Four policies of the catalog, one per severity, plus one that finds nothing here.
ONLY = ["--only", "AIG-MOD-001", "--only", "AIG-PRT-001", "--only", "AIG-SRC-001", "--only", "AIG-IR-004",
        "--only", "AIG-DAT-001"]

ASSETS = """\
stores:
  - id: s-plain
    encryption:
      at_rest: false
models:
  - id: m-secret
    classification: restricted
    weights:
      store: s-plain
  - id: m-waived
    classification: confidential
    weights:
      store: s-plain
repositories:
  - id: repo-train
    visibility: private
    secret_scanning: false
    push_protection: true
controls:
  incident_response:
    plan: true
    covers_ai_assets: true
    extortion_playbook: false
"""
PARTNERS = """\
partners:
  - id: acme-cro
    kind: cro
access:
  - principal: partner:acme-cro
    asset: m-secret
    level: read
    granted: 2026-01-01
exceptions:
  - policy: AIG-MOD-001
    asset: m-waived
    reason: "Migration to KMS, ticket SEC-12"
    approved_by: ciso@example.org
    expires: 2027-01-31
"""


@pytest.fixture
def gaps(inventory_dir) -> Path:
    """An inventory with one finding per severity and one waived finding."""
    return inventory_dir({"assets.yaml": ASSETS, "partners.yaml": PARTNERS})


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def check(root: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("check", "inventory", "--as-of", AS_OF, *ONLY, *args, cwd=root.parent, env=env)


# -- SARIF ------------------------------------------------------------------------------------------


def sarif_errors(document: dict) -> list[str]:
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_sarif_is_valid_against_the_official_schema_and_points_at_file_and_line(gaps: Path) -> None:
    result = check(gaps, "--format", "sarif", "-o", "aiguard.sarif")
    assert result.returncode == 1, result.stderr
    # -o writes the format to the file; stdout keeps the human text report.
    assert "FAIL: 4 finding(s) at or above low" in result.stdout
    sarif = json.loads((gaps.parent / "aiguard.sarif").read_text())
    assert sarif_errors(sarif) == []
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]

    driver = run["tool"]["driver"]
    assert driver["name"] == "aiguard" and driver["version"]
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert sorted(rules) == ["AIG-DAT-001", "AIG-IR-004", "AIG-MOD-001", "AIG-PRT-001", "AIG-SRC-001"]
    mod = rules["AIG-MOD-001"]
    assert mod["shortDescription"]["text"] == "Sensitive model weights stored unencrypted"
    assert mod["fullDescription"]["text"]
    assert "encryption at rest" in mod["help"]["text"] and "**Remediation.**" in mod["help"]["markdown"]
    assert {"security", "critical", "models", "NIST SP 800-53 rev5/SC-28"} <= set(mod["properties"]["tags"])
    expected = {"AIG-MOD-001": ("9.5", "error"), "AIG-PRT-001": ("8.0", "error"),
                "AIG-SRC-001": ("5.5", "warning"), "AIG-IR-004": ("3.0", "note")}
    for rule_id, (score, level) in expected.items():
        assert rules[rule_id]["properties"]["security-severity"] == score
        assert rules[rule_id]["defaultConfiguration"]["level"] == level

    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == gaps.parent.as_uri() + "/"
    results = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r for r in run["results"]}
    assert len(run["results"]) == 5
    secret = results[("AIG-MOD-001", "m-secret")]
    physical = secret["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "inventory/assets.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == line_of(gaps / "assets.yaml", "id: m-secret")
    assert secret["level"] == "error" and "suppressions" not in secret
    assert driver["rules"][secret["ruleIndex"]]["id"] == "AIG-MOD-001"
    grant = results[("AIG-PRT-001", "m-secret")]
    assert grant["locations"][0]["physicalLocation"]["region"]["startLine"] == line_of(gaps / "partners.yaml", "principal: partner:acme-cro")
    assert grant["properties"]["principal"] == "partner:acme-cro"
    assert results[("AIG-SRC-001", "repo-train")]["level"] == "warning"
    assert results[("AIG-IR-004", "controls")]["level"] == "note"

    (suppression,) = results[("AIG-MOD-001", "m-waived")]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("Migration to KMS, ticket SEC-12")
    assert suppression["location"]["physicalLocation"]["region"]["startLine"] == line_of(gaps / "partners.yaml", "policy: AIG-MOD-001")

    assert run["invocations"][0]["executionSuccessful"] is True
    properties = run["properties"]
    assert properties["as_of"] == AS_OF and properties["policy_digest"].startswith("sha256:")
    assert properties["parameters"]["partner_grant_max_days"] == 365


def test_the_official_schema_rejects_what_it_should(gaps: Path) -> None:
    """The validation above means something: a wrong level or a missing message is caught."""
    sarif = json.loads(check(gaps, "--format", "sarif").stdout)
    assert sarif_errors(sarif) == []
    sarif["runs"][0]["results"][0]["level"] = "fatal"
    del sarif["runs"][0]["results"][1]["message"]
    errors = sarif_errors(sarif)
    assert len(errors) == 2, errors


def test_sarif_fingerprints_survive_moved_lines_and_output_is_deterministic(gaps: Path) -> None:
    first = check(gaps, "--format", "sarif").stdout
    assert check(gaps, "--format", "sarif").stdout == first
    assets = gaps / "assets.yaml"
    text = assets.read_text()
    assets.write_text(text.replace("stores:\n", "# a comment\n# another\nstores:\n", 1))
    moved = json.loads(check(gaps, "--format", "sarif").stdout)["runs"][0]["results"]
    before = json.loads(first)["runs"][0]["results"]

    def by_key(results: list[dict]) -> dict:
        return {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r for r in results}

    for key, result in by_key(before).items():
        after = by_key(moved)[key]
        assert after["partialFingerprints"] == result["partialFingerprints"]
        if key[0] != "AIG-PRT-001":  # the grant is in the other file
            old = result["locations"][0]["physicalLocation"]["region"]["startLine"]
            assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == old + 2
    assert len({r["partialFingerprints"]["aiguardFindingKey/v1"] for r in before}) == len(before)


# -- JUnit ------------------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_policy_and_a_failure_per_failing_finding(gaps: Path) -> None:
    result = check(gaps, "--format", "junit")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    (suite,) = root.findall("testsuite")
    cases = {case.get("name").split()[0]: case for case in suite.findall("testcase")}
    assert sorted(cases) == ["AIG-DAT-001", "AIG-IR-004", "AIG-MOD-001", "AIG-PRT-001", "AIG-SRC-001"]
    assert suite.get("tests") == "5" and suite.get("failures") == "4" and suite.get("errors") == "0"
    assert cases["AIG-MOD-001"].get("name") == "AIG-MOD-001 Sensitive model weights stored unencrypted"
    assert cases["AIG-MOD-001"].get("classname") == "models"
    assert cases["AIG-DAT-001"].findall("failure") == []  # a clean policy is a passing test
    (failure,) = cases["AIG-MOD-001"].findall("failure")
    assert failure.get("type") == "critical"
    assert failure.get("message").startswith("restricted model m-secret")
    assert f"location: inventory/assets.yaml:{line_of(gaps / 'assets.yaml', 'id: m-secret')}" in failure.text
    assert "remediation: Turn on encryption at rest" in failure.text
    # The waived finding is visible, but not a failure.
    assert "waived: AIG-MOD-001" in cases["AIG-MOD-001"].find("system-out").text
    assert "Migration to KMS" in cases["AIG-MOD-001"].find("system-out").text
    assert sorted(f.get("type") for f in suite.iter("failure")) == ["critical", "high", "low", "medium"]


def test_junit_failures_follow_the_gate(gaps: Path) -> None:
    """With --fail-on high, medium and low findings are reported but do not fail: exit 1 and the
    failures count agree."""
    result = check(gaps, "--format", "junit", "--fail-on", "high")
    assert result.returncode == 1
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite.get("failures") == "2"
    assert sorted(f.get("type") for f in suite.iter("failure")) == ["critical", "high"]
    src = next(case for case in suite.iter("testcase") if case.get("name").startswith("AIG-SRC-001"))
    assert src.find("system-out").text.startswith("below --fail-on high: AIG-SRC-001")


# -- GitHub -----------------------------------------------------------------------------------------

# A policy of our own, so that the test controls every character the annotations must escape.
ESCAPING_POLICY = '''\
# METADATA
# title: "Odd: a title, with 100% of the specials"
# custom:
#   id: TEST-ESC-001
#   severity: medium
#   remediation: "Fix it: now, please. Then the rest."
package custom.escaping

deny contains finding if {
	some i, model in input.models
	finding := {
		"subject": model.id,
		"message": concat("", ["100% of ", model.id, ": bad,\\nreally\\r"]),
		"path": ["models", i],
	}
}
'''
SEVERITY_POLICY = '''\
# METADATA
# title: Model {severity}
# custom:
#   id: TEST-{upper}-001
#   severity: {severity}
#   remediation: Do the {severity} thing.
package custom.{severity}

deny contains finding if {{
	some i, model in input.models
	model.classification == "{classification}"
	finding := {{"subject": model.id, "message": concat(" ", [model.id, "is {severity}"]), "path": ["models", i]}}
}}
'''


def test_github_annotations_line_for_line(inventory_dir, tmp_path: Path) -> None:
    policies = {"policies/escaping/escaping.rego": ESCAPING_POLICY}
    for severity, classification in (("critical", "restricted"), ("high", "confidential"), ("low", "internal")):
        policies[f"policies/levels/{severity}.rego"] = SEVERITY_POLICY.format(
            severity=severity, upper=severity.upper(), classification=classification)
    write_files(tmp_path, policies)
    root = inventory_dir({"models.yaml": """\
        models:
          - id: m1
            classification: restricted
          - id: m2
            classification: confidential
          - id: m3
            classification: internal
        exceptions:
          - policy: TEST-ESC-001
            asset: m3
            reason: "Known: fixed in Q1, see ticket"
            approved_by: ciso@example.org
            expires: 2027-01-31
        """})
    result = run_cli("check", "inventory", "--as-of", AS_OF, "--no-builtin-policies", "--policy-dir", "policies",
                     "--format", "github", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    line = {model: line_of(root / "models.yaml", f"id: {model}") for model in ("m1", "m2", "m3")}
    file = "inventory/models.yaml"
    escaping_title = "title=TEST-ESC-001 (medium)%3A Odd%3A a title%2C with 100%25 of the specials"
    assert result.stdout.splitlines() == [
        f"::error file={file},line={line['m1']},title=TEST-CRITICAL-001 (critical)%3A Model critical::"
        "m1 is critical%0AFix: Do the critical thing.",
        f"::error file={file},line={line['m2']},title=TEST-HIGH-001 (high)%3A Model high::"
        "m2 is high%0AFix: Do the high thing.",
        f"::warning file={file},line={line['m1']},{escaping_title}::"
        "100%25 of m1: bad,%0Areally%0D%0AFix: Fix it: now, please.",
        f"::warning file={file},line={line['m2']},{escaping_title}::"
        "100%25 of m2: bad,%0Areally%0D%0AFix: Fix it: now, please.",
        f"::notice file={file},line={line['m3']},{escaping_title}::"
        "100%25 of m3: bad,%0Areally%0D%0AWaived until 2027-01-31 by ciso@example.org: Known: fixed in Q1, see ticket",
        f"::notice file={file},line={line['m3']},title=TEST-LOW-001 (low)%3A Model low::"
        "m3 is low%0AFix: Do the low thing.",
    ]


# -- --output ---------------------------------------------------------------------------------------


def test_output_file_gets_the_format_and_stdout_the_text(gaps: Path) -> None:
    text = check(gaps).stdout
    for fmt in ("json", "junit", "github", "text"):
        piped = check(gaps, "--format", fmt)
        to_file = check(gaps, "--format", fmt, "-o", f"report.{fmt}")
        assert to_file.returncode == piped.returncode == 1
        assert (gaps.parent / f"report.{fmt}").read_text() == piped.stdout  # plain, no colour
        assert "\x1b[" not in piped.stdout
        assert to_file.stdout == text  # the human report


def test_unwritable_output_is_an_error(gaps: Path) -> None:
    result = check(gaps, "--format", "sarif", "-o", "no/such/dir/aiguard.sarif")
    assert result.returncode == 2
    assert "--output no/such/dir/aiguard.sarif: No such file or directory" in result.stderr
