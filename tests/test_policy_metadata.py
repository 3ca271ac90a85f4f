"""The policies' METADATA: example fixes that validate, schema annotations OPA checks, framework references."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from aiguard.errors import InputError
from aiguard.evaluate.policyset import Policy, load_policy_set, parse_metadata
from aiguard.load.documents import read_document
from aiguard.validate.model import json_schema
from aiguard.validate.schema import validate_documents

POLICIES = load_policy_set().policies
SCHEMA = REPO / "src" / "aiguard" / "schema" / "inventory.schema.json"


#: credentials.found_in, which EVD-005/006's fixes use, lands in the schema with the exposure work.
FOUND_IN = "found_in" in json_schema()["$defs"]["Credential"]["properties"]
AWAITING_FOUND_IN = pytest.mark.xfail(not FOUND_IN, strict=True, reason="credentials.found_in is not in the schema yet")


@pytest.mark.parametrize("policy", [pytest.param(p, marks=AWAITING_FOUND_IN) if "found_in" in p.example_fix else p
                                    for p in POLICIES], ids=lambda p: p.id)
def test_example_fix_is_a_valid_inventory_fragment(policy: Policy, tmp_path: Path) -> None:
    assert policy.example_fix, f"{policy.id} has no custom.example_fix"
    path = tmp_path / "fix.yaml"
    path.write_text("apiVersion: aiguard/v1\nkind: Inventory\n" + policy.example_fix + "\n")
    try:
        validate_documents([read_document(path)])
    except InputError as error:
        pytest.fail(f"{policy.id}'s example_fix does not validate against the inventory schema:\n{error}")


def test_an_example_fix_missing_a_required_field_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "fix.yaml"
    path.write_text("apiVersion: aiguard/v1\nkind: Inventory\naccess:\n  - principal: partner:p1\n    asset: d1\n")
    with pytest.raises(InputError, match="level"):
        validate_documents([read_document(path)])


def rego_modules() -> list[Path]:
    return sorted(p for p in (REPO / "policies").rglob("*.rego") if not p.name.endswith("_test.rego"))


@pytest.mark.parametrize("path", rego_modules(), ids=lambda p: str(p.relative_to(REPO / "policies")))
def test_every_module_declares_the_inventory_schema_for_input(path: Path) -> None:
    # `opa check --strict -s` (scripts/opa-checks) type-checks input against the schema only where
    # the package's METADATA names it.
    blocks = parse_metadata(path.read_text())
    assert blocks and "schemas:\n  - input: schema.inventory" in blocks[0][1], path


def test_opa_check_with_the_schema_catches_a_field_typo(opa_binary: str, tmp_path: Path) -> None:
    schema_dir = tmp_path / "schemas"
    schema_dir.mkdir()
    shutil.copy(SCHEMA, schema_dir / "inventory.json")
    policies = tmp_path / "policies"
    shutil.copytree(REPO / "policies", policies)
    check = [opa_binary, "check", "--strict", "-s", str(schema_dir), str(policies)]
    clean = subprocess.run(check, capture_output=True, text=True, timeout=120, check=False)
    assert clean.returncode == 0, clean.stderr
    policy = next(policies.glob("access/acc_003_expired_grant_listed.rego"))
    policy.write_text(policy.read_text().replace("grant.expires < as_of", "grant.expries < as_of"))
    plain = subprocess.run([opa_binary, "check", "--strict", str(policies)], capture_output=True, text=True, timeout=120, check=False)
    assert plain.returncode == 0  # --strict alone passes the typo
    typo = subprocess.run(check, capture_output=True, text=True, timeout=120, check=False)
    assert typo.returncode != 0 and "undefined ref: grant.expries" in typo.stderr


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.id)
def test_rego_tests_assert_the_finding_path(policy: Policy) -> None:
    # The path is what the report turns into file:line; a test that ignores it lets a finding point
    # at the wrong field unnoticed.
    test_file = policy.module.path.with_name(policy.module.path.stem + "_test.rego")
    assert re.search(r"\.path ==|\bf\.path\b|object\.get\(f, \"path\"", test_file.read_text()), f"{test_file.name} never checks a finding's path"


#: ISO/IEC 42001:2023 Annex A reference controls (A.2 to A.10, 38 in all).
ISO_42001_ANNEX_A = {
    "A.2.2", "A.2.3", "A.2.4", "A.3.2", "A.3.3", "A.4.2", "A.4.3", "A.4.4", "A.4.5", "A.4.6",
    "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.6.1.2", "A.6.1.3", "A.6.2.2", "A.6.2.3", "A.6.2.4", "A.6.2.5",
    "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.7.2", "A.7.3", "A.7.4", "A.7.5", "A.7.6", "A.8.2", "A.8.3",
    "A.8.4", "A.8.5", "A.9.2", "A.9.3", "A.9.4", "A.10.2", "A.10.3", "A.10.4",
}
#: NIST AI 600-1 (Generative AI Profile) risks, section 2.
NIST_AI_600_1_RISKS = {
    "CBRN Information or Capabilities", "Confabulation", "Dangerous, Violent, or Hateful Content", "Data Privacy",
    "Environmental Impacts", "Harmful Bias and Homogenization", "Human-AI Configuration", "Information Integrity",
    "Information Security", "Intellectual Property", "Obscene, Degrading, and/or Abusive Content",
    "Value Chain and Component Integration",
}


def test_ai_framework_references_are_real_controls() -> None:
    assert len(ISO_42001_ANNEX_A) == 38 and len(NIST_AI_600_1_RISKS) == 12
    iso = {p.id: p.frameworks.get("ISO/IEC 42001:2023", []) for p in POLICIES}
    nist = {p.id: p.frameworks.get("NIST AI 600-1", []) for p in POLICIES}
    assert sum(bool(refs) for refs in iso.values()) >= 25
    assert sum(bool(refs) for refs in nist.values()) >= 50
    assert {r for refs in iso.values() for r in refs} <= ISO_42001_ANNEX_A
    # One style for the compliance matrix: the profile's risk names (section 2), a closed list of
    # twelve, never AI RMF subcategory or action codes (MS-2.7, MS-2.7-001), which would split one
    # risk over rows of another axis.
    assert [r for refs in nist.values() for r in refs if r not in NIST_AI_600_1_RISKS] == []


def test_the_compliance_matrix_lists_the_ai_frameworks(tmp_path: Path) -> None:
    from conftest import AS_OF, INVENTORIES, run_cli

    out = tmp_path / "audit.md"
    result = run_cli("report", str(INVENTORIES / "gaps"), "--as-of", AS_OF, "--format", "markdown", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    iso = text[text.index("### ISO/IEC 42001:2023"):]
    assert "| A.10.2 | " in iso.split("###")[1] and "**`AIG-PRT-004`**" in iso.split("###")[1]
    nist = text[text.index("### NIST AI 600-1"):].split("###")[1]
    assert "| Value Chain and Component Integration | " in nist


def test_port_script_turns_the_former_single_library_package_into_the_new_ones(tmp_path: Path) -> None:
    policy = tmp_path / "p.rego"
    policy.write_text("""package acme.p

import data.aiguard.lib
import data.aiguard.lib.as_of
import data.aiguard.lib.stores

deny contains msg if {
	some s in stores
	lib.older_than(s.since, data.aiguard.lib.params.max_days)
	lib.reached(s.id)
	msg := lib.listed_ids({s.id, as_of, lib.custom_rule})
}
""")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "port-lib-imports"), str(tmp_path)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1  # lib.custom_rule is not the library's: listed for a person
    assert "lib.custom_rule is not in the library packages" in result.stderr
    assert policy.read_text() == """package acme.p

import data.aiguard.lib
import data.aiguard.lib.dates
import data.aiguard.lib.dates.as_of
import data.aiguard.lib.inventory.stores
import data.aiguard.lib.messages

deny contains msg if {
	some s in stores
	dates.older_than(s.since, data.aiguard.lib.parameters.params.max_days)
	data.aiguard.lib.stores.reached(s.id)
	msg := messages.listed_ids({s.id, as_of, lib.custom_rule})
}
"""
