"""The CI gate: --fail-on, baselines (only new findings fail) and --no-exceptions (audits).

Real CLI, real files: a baseline is created, a new gap is added to the inventory, and the exit
code must change for the new gap only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import AS_OF, run_cli

ONLY = ["--only", "AIG-MOD-001", "--only", "AIG-PRT-001"]
INVENTORY = {
    "assets.yaml": """\
        stores:
          - id: s-plain
            encryption:
              at_rest: false
        models:
          - id: m-old
            classification: restricted
            weights:
              store: s-plain
          - id: m-waived
            classification: confidential
            weights:
              store: s-plain
        partners:
          - id: acme-cro
            kind: cro
        access:
          - principal: partner:acme-cro
            asset: m-old
            level: read
            granted: 2026-01-01
        exceptions:
          - policy: AIG-MOD-001
            asset: m-waived
            reason: Migration to KMS, ticket SEC-12
            approved_by: ciso@example.org
            expires: 2027-01-31
        """,
}
ENVELOPE = "apiVersion: aiguard/v1\nkind: Inventory\n"
NEW_GAP = ENVELOPE + "models:\n  - id: m-new\n    classification: confidential\n    weights:\n      store: s-plain\n"
NEW_GRANT = ENVELOPE + "access:\n  - principal: partner:acme-cro\n    asset: s-plain\n    level: read\n"


@pytest.fixture
def root(inventory_dir) -> Path:
    return inventory_dir(INVENTORY).parent


def run(root: Path, *args: str):
    command, rest = args[0], args[1:]
    if command == "baseline":
        return run_cli("baseline", "create", "inventory", "--as-of", AS_OF, *ONLY, *rest, cwd=root)
    return run_cli(command, "inventory", "--as-of", AS_OF, *ONLY, *rest, cwd=root)


def as_json(result) -> dict:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_baseline_create_is_sorted_and_deterministic(root: Path) -> None:
    created = run(root, "baseline", "-o", "baseline.json")
    assert created.returncode == 0, created.stderr
    assert "wrote baseline.json: 2 finding(s)" in created.stderr
    first = (root / "baseline.json").read_text()
    assert run(root, "baseline", "-o", "again.json").returncode == 0
    assert (root / "again.json").read_text() == first
    data = json.loads(first)
    assert data["schema_version"] == 1 and data["kind"] == "aiguard-baseline"
    assert data["tool"]["name"] == "aiguard" and data["tool"]["version"]
    assert data["as_of"] == AS_OF
    # Unwaived findings only, sorted by key; the principal only where there is one.
    assert data["findings"] == [
        {"policy": "AIG-MOD-001", "subject": "m-old"},
        {"policy": "AIG-PRT-001", "subject": "m-old", "principal": "partner:acme-cro"},
    ]


def test_only_findings_absent_from_the_baseline_fail(root: Path) -> None:
    assert run(root, "check").returncode == 1
    assert run(root, "baseline", "-o", "baseline.json").returncode == 0

    gated = run(root, "check", "--baseline", "baseline.json")
    assert gated.returncode == 0, gated.stdout
    line = next(n for n, text in enumerate((root / "inventory/assets.yaml").read_text().splitlines(), 1) if "id: m-old" in text)
    assert f"AIG-MOD-001  m-old  inventory/assets.yaml:{line}  (in baseline)" in gated.stdout
    report = as_json(run(root, "check", "--baseline", "baseline.json", "--format", "json"))
    assert report["summary"]["baselined"] == 2 and report["summary"]["failing"] == 0
    assert report["summary"]["findings"] == 2  # still listed
    assert report["baseline"] == {"file": "baseline.json", "absent": 0}
    assert all(finding["baselined"] for finding in report["findings"])

    (root / "inventory" / "new.yaml").write_text(NEW_GAP)
    gated = run(root, "check", "--baseline", "baseline.json")
    assert gated.returncode == 1
    assert "FAIL: 1 new finding(s) at or above low" in gated.stdout
    report = as_json(run(root, "check", "--baseline", "baseline.json", "--format", "json"))
    failing = [f for f in report["findings"] if not f["baselined"]]
    assert [(f["policy_id"], f["subject"]) for f in failing] == [("AIG-MOD-001", "m-new")]
    # The threshold still applies to new findings.
    (root / "inventory" / "new.yaml").write_text(NEW_GRANT)
    assert run(root, "check", "--baseline", "baseline.json").returncode == 1  # a new high finding
    assert run(root, "check", "--baseline", "baseline.json", "--fail-on", "critical").returncode == 0


def test_baseline_entries_that_match_nothing_are_counted(root: Path) -> None:
    assert run(root, "baseline", "-o", "baseline.json").returncode == 0
    assets = root / "inventory" / "assets.yaml"
    assets.write_text(assets.read_text().replace("at_rest: false", "at_rest: true"))
    report = as_json(run(root, "check", "--baseline", "baseline.json", "--format", "json"))
    assert report["baseline"]["absent"] == 1  # m-old's encryption gap is fixed
    assert report["summary"]["baselined"] == 1


def test_sarif_marks_baseline_state(root: Path) -> None:
    assert run(root, "baseline", "-o", "baseline.json").returncode == 0
    (root / "inventory" / "new.yaml").write_text(NEW_GAP)
    sarif = as_json(run(root, "check", "--baseline", "baseline.json", "--format", "sarif"))
    states = {(r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r.get("baselineState")
              for r in sarif["runs"][0]["results"]}
    assert states == {("AIG-MOD-001", "m-old"): "unchanged", ("AIG-PRT-001", "m-old"): "unchanged",
                      ("AIG-MOD-001", "m-new"): "new", ("AIG-MOD-001", "m-waived"): "new"}


def test_no_exceptions_makes_waived_findings_fail_again(root: Path) -> None:
    assert run(root, "baseline", "-o", "baseline.json").returncode == 0
    assert run(root, "check", "--baseline", "baseline.json").returncode == 0
    audit = run(root, "check", "--baseline", "baseline.json", "--no-exceptions")
    assert audit.returncode == 1
    assert "exceptions ignored (--no-exceptions)" in audit.stdout
    report = as_json(run(root, "check", "--no-exceptions", "--format", "json"))
    assert report["exceptions_ignored"] is True
    assert report["summary"]["waived"] == 0 and report["waived"] == []
    assert ("AIG-MOD-001", "m-waived") in {(f["policy_id"], f["subject"]) for f in report["findings"]}
    # --with-exceptions turns it back off (e.g. over a config file's no_exceptions = true).
    assert run(root, "check", "--baseline", "baseline.json", "--no-exceptions", "--with-exceptions").returncode == 0


@pytest.mark.parametrize(("content", "fragment"), [
    (None, "missing.json: baseline file not found"),
    ('{"kind": "aiguard-baseline",\n "schema_version": 1,\n "findings": [}', "missing.json:3: invalid JSON"),
    ('{"kind": "something-else", "schema_version": 1, "findings": []}', "missing.json: kind: expected 'aiguard-baseline'"),
    ('{"kind": "aiguard-baseline", "schema_version": 9, "findings": []}', "missing.json: schema_version: expected 1, got 9"),
    ('{"kind": "aiguard-baseline", "schema_version": 1, "findings": [{"policy": "X"}]}',
     "missing.json: findings[0].subject: must be a non-empty string"),
])
def test_a_bad_baseline_is_exit_2_naming_file_and_reason(root: Path, content: str | None, fragment: str) -> None:
    if content is not None:
        (root / "missing.json").write_text(content)
    result = run(root, "check", "--baseline", "missing.json")
    assert result.returncode == 2, result.stdout
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_baseline_create_needs_a_destination(root: Path) -> None:
    result = run(root, "baseline")
    assert result.returncode == 2
    assert "give -o FILE" in result.stderr


def test_api_check_takes_the_gate_switches(root: Path) -> None:
    import aiguard

    assert run(root, "baseline", "-o", "baseline.json").returncode == 0
    paths = [root / "inventory"]
    report = aiguard.check(paths, as_of=AS_OF, only=["AIG-MOD-001", "AIG-PRT-001"], baseline=root / "baseline.json")
    assert report.failing() == [] and len(report.waived) == 1
    report = aiguard.check(paths, as_of=AS_OF, only=["AIG-MOD-001", "AIG-PRT-001"], baseline=root / "baseline.json",
                           no_exceptions=True)
    assert [(f.policy_id, f.subject) for f in report.failing()] == [("AIG-MOD-001", "m-waived")]

