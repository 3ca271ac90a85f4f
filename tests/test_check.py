"""`aiguard check` end to end: exit codes, outputs, waivers, parameters, and failing closed on bad policies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import AS_OF, ENVELOPE, INVENTORIES, METADATA, REPO, run_cli, run_process

COMPLIANT = str(INVENTORIES / "compliant")
GAPS = str(INVENTORIES / "gaps")


def check_json(*args: str) -> tuple[int, dict]:
    result = run_cli("check", *args, "--as-of", AS_OF, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def keys(report: dict, section: str = "findings") -> set[tuple[str, str, str]]:
    return {(f["policy_id"], f["subject"], f["principal"] or "") for f in report[section]}


def test_compliant_inventory_passes() -> None:
    result = run_cli("check", COMPLIANT, "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("PASS - 0 finding(s)")


def test_gap_inventory_fails_with_every_policy() -> None:
    code, report = check_json(GAPS)
    assert code == 1
    fired = {f["policy_id"] for f in report["findings"] + report["waived"]}
    assert fired == set(report["policy_set"]["policies"]), "the gap inventory must trigger every policy"


def test_text_output_is_grouped_plain_and_summarised() -> None:
    result = run_cli("check", GAPS, "--as-of", AS_OF)
    assert result.returncode == 1
    out = result.stdout
    assert "\x1b[" not in out  # piped: no colour
    headers = [line for line in out.splitlines() if re.fullmatch(r"(CRITICAL|HIGH|MEDIUM|LOW|WAIVED) \(\d+\)", line)]
    assert [h.split()[0] for h in headers] == ["CRITICAL", "HIGH", "MEDIUM", "LOW", "WAIVED"]
    assert re.search(r"^FAIL: \d+ finding\(s\) at or above low - \d+ finding\(s\) \(.*\), 1 waived; \d+ policies",
                     out, re.MULTILINE)
    assert "inventories/gaps/assets.yaml:" in out


def test_fail_on_threshold(inventory_dir) -> None:
    # One low finding only (an expired grant still listed), everything else in order.
    root = inventory_dir({"a.yaml": """
        repositories:
          - id: r1
            visibility: private
            secret_scanning: true
            push_protection: true
        access:
          - principal: user:a@example.org
            asset: r1
            level: read
            granted: 2025-01-01
            expires: 2026-01-01
        controls:
          incident_response: {plan: true, covers_ai_assets: true, extortion_playbook: true,
                              last_exercise: 2026-06-01, notification_hours: 24}
    """})
    code, report = check_json(str(root))
    assert code == 1 and keys(report) == {("AIG-ACC-003", "r1", "user:a@example.org")}
    assert run_cli("check", str(root), "--as-of", AS_OF, "--fail-on", "medium").returncode == 0
    assert run_cli("check", str(root), "--as-of", AS_OF, "--fail-on", "low").returncode == 1


def test_json_report_is_complete_and_deterministic() -> None:
    first = run_cli("check", GAPS, "--as-of", AS_OF, "--format", "json").stdout
    second = run_cli("check", GAPS, "--as-of", AS_OF, "--format", "json").stdout
    assert first == second
    report = json.loads(first)
    assert set(report) >= {"schema_version", "tool", "engine", "policy_set", "as_of", "parameters", "inventory",
                           "summary", "findings", "waived"}
    assert report["as_of"] == AS_OF and report["engine"] == "regorus"
    assert report["parameters"]["partner_grant_max_days"] == 365
    listed = json.loads(run_cli("policies", "list", "--format", "json").stdout)
    assert report["policy_set"]["digest"] == listed["digest"]
    finding = report["findings"][0]
    assert set(finding) >= {"policy_id", "severity", "title", "subject", "principal", "message", "file", "line",
                            "remediation", "waived"}
    assert report["summary"]["findings"] == len(report["findings"])
    assert report["summary"]["waived"] == len(report["waived"]) == 1


def test_findings_point_at_the_record(inventory_dir) -> None:
    root = inventory_dir({"stores.yaml": """
        stores:
          - id: open-bucket
            encryption: {at_rest: false}
    """, "models.yaml": """
        models:
          - id: m1
            classification: restricted
            weights: {store: open-bucket}
    """})
    _, report = check_json(str(root), "--only", "AIG-MOD-001")
    [finding] = report["findings"]
    assert finding["file"].endswith("models.yaml") and finding["line"] == 5  # the "- id: m1" line


WAIVER_INVENTORY = """
    stores:
      - id: open-bucket
        encryption: {{at_rest: false}}
    models:
      - id: m1
        classification: restricted
        weights: {{store: open-bucket}}
    exceptions:
      - policy: AIG-MOD-001
        asset: {asset}
        reason: Re-encryption scheduled
        approved_by: ciso@example.org
        expires: {expires}
"""


@pytest.mark.parametrize("asset", ["m1", "'*'"])
def test_valid_exception_waives_but_keeps_the_finding_visible(inventory_dir, asset: str) -> None:
    root = inventory_dir({"a.yaml": WAIVER_INVENTORY.format(asset=asset, expires=AS_OF)})  # expires today: valid
    code, report = check_json(str(root), "--only", "AIG-MOD-001", "--only", "AIG-EXC-001")
    assert code == 0
    assert not report["findings"]
    [waived] = report["waived"]
    assert waived["policy_id"] == "AIG-MOD-001" and waived["waived"] is True
    assert waived["waiver"]["approved_by"] == "ciso@example.org" and waived["waiver"]["reason"]


def test_expired_exception_waives_nothing_and_is_reported(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": WAIVER_INVENTORY.format(asset="m1", expires="2026-11-24")})
    code, report = check_json(str(root), "--only", "AIG-MOD-001", "--only", "AIG-EXC-001")
    assert code == 1
    assert keys(report) == {("AIG-MOD-001", "m1", ""), ("AIG-EXC-001", "m1", "")}
    assert not report["waived"]


GRANT = """
    partners:
      - id: p1
    stores:
      - id: s1
    access:
      - principal: partner:p1
        asset: s1
        level: read
        granted: 2026-01-01
        expires: 2026-04-01
"""


def test_parameter_override_by_flag_and_data_file(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"a.yaml": GRANT})
    only = ("--only", "AIG-PRT-001")
    assert not check_json(str(root), *only)[1]["findings"]  # 90 days <= 365
    code, report = check_json(str(root), *only, "--param", "partner_grant_max_days=30")
    assert code == 1 and keys(report) == {("AIG-PRT-001", "s1", "partner:p1")}
    assert report["parameters"]["partner_grant_max_days"] == 30
    data = tmp_path / "params.yaml"
    data.write_text("partner_grant_max_days: 89\n")
    assert keys(check_json(str(root), *only, "--data", str(data))[1]) == {("AIG-PRT-001", "s1", "partner:p1")}
    data.write_text("partner_grant_max_days: 90\n")
    assert not check_json(str(root), *only, "--data", str(data))[1]["findings"]  # boundary: equal passes
    # a flag beats a data file
    assert keys(check_json(str(root), *only, "--data", str(data), "--param", "partner_grant_max_days=10")[1])


def test_bad_data_file_names_file_and_line(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"a.yaml": GRANT})
    data = tmp_path / "params.yaml"
    data.write_text("reid_risk_max: 0.1\npartner_grant_max_days: lots\n")
    result = run_cli("check", str(root), "--data", str(data))
    assert result.returncode == 2
    assert f"{data}:2: partner_grant_max_days:" in result.stderr


def test_list_parameter_override(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": """
        stores:
          - id: s1
        datasets:
          - id: d1
            store: s1
            personal_data: [pii]
        access:
          - principal: group:staff
            asset: d1
            level: read
            last_review: 2026-11-01
    """})
    only = ("--only", "AIG-ACC-001")
    assert not check_json(str(root), *only)[1]["findings"]
    report = check_json(str(root), *only, "--param", "broad_groups=staff,everyone")[1]
    assert keys(report) == {("AIG-ACC-001", "d1", "group:staff")}


def test_only_and_skip_by_id_pattern_and_area() -> None:
    def ids(*args: str) -> set[str]:
        return {f["policy_id"] for f in check_json(GAPS, *args)[1]["findings"]}

    assert ids("--only", "AIG-MOD-001") == {"AIG-MOD-001"}
    assert ids("--only", "aig-mon-*") == {"AIG-MON-001", "AIG-MON-002", "AIG-MON-004"}  # MON-003 is waived
    assert all(i.startswith("AIG-PRT") for i in ids("--only", "partners"))
    assert not any(i.startswith("AIG-PRT") for i in ids("--skip", "partners"))


def test_as_of_changes_date_findings(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": """
        credentials:
          - id: c1
            expires: 2027-01-01
            stored_in: vault
            last_rotated: 2026-09-01
    """})
    only = ("--only", "AIG-CRD-003")
    assert not check_json(str(root), *only)[1]["findings"]  # 85 days
    result = run_cli("check", str(root), *only, "--as-of", "2026-12-01", "--format", "json")
    assert result.returncode == 1  # 91 days


# --- custom policies, and failing closed on broken ones -------------------------------------------

CUSTOM_META = """# METADATA
# title: Stores must have an owner
# custom:
#   id: ACME-STO-001
#   severity: {severity}
package acme.owner
"""


def custom_policy(tmp_path: Path, body: str, severity: str = "medium", meta: str | None = None) -> Path:
    directory = tmp_path / "custom"
    directory.mkdir(exist_ok=True)
    header = CUSTOM_META.format(severity=severity) if meta is None else meta
    (directory / "owner.rego").write_text(header + body)
    return directory


OWNER_RULE = """
deny contains {"subject": s.id, "message": sprintf("store %s has no owner", [s.id]), "path": ["stores", i]} if {
	some i, s in input.stores
	not s.owner
}
"""


def test_custom_policy_directory(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"a.yaml": "stores:\n  - id: s1\n"})
    directory = custom_policy(tmp_path, OWNER_RULE)
    code, report = check_json(str(root), "--policy-dir", str(directory), "--only", "ACME-STO-001")
    assert code == 1
    [finding] = report["findings"]
    assert finding["policy_id"] == "ACME-STO-001" and finding["area"] == "custom" and finding["line"] == 7
    listed = run_cli("policies", "list", "--policy-dir", str(directory)).stdout
    assert "ACME-STO-001" in listed and "AIG-MOD-001" in listed


@pytest.mark.parametrize("meta,body,fragment", [
    ("package acme.owner\n", OWNER_RULE, "policy has a deny rule but no '# METADATA' block"),
    ("# METADATA\n# title: x\n# custom:\n#   severity: high\npackage acme.owner\n", OWNER_RULE, "custom.id: missing"),
    (CUSTOM_META.format(severity="urgent"), OWNER_RULE, "custom.severity: 'urgent' is not one of"),
    (None, "deny contains x if {\n", "owner.rego:"),  # parse error
    (None, 'deny contains {"subject": "s", "message": "m"} if { x := 1 / count([]) }\n', "owner.rego:7"),  # runtime
    (None, 'deny contains "just a string" if { true }\n', "ACME-STO-001 returned a malformed finding"),
    (None, 'deny contains {"message": "no subject"} if { true }\n', "finding without a string 'subject'"),
    (None, 'deny contains {"subject": "s", "message": "m", "severity": "low"} if { true }\n', "unexpected keys"),
    (None, 'deny contains {"subject": "s", "message": "m", "path": ["stores", 0.5]} if { true }\n',
     "'path' must be a list of keys and indexes"),
    (None, 'deny contains {"subject": "s", "message": "m", "principal": 7} if { true }\n', "'principal' must be a string"),
])
def test_broken_policies_fail_closed(inventory_dir, tmp_path: Path, meta: str | None, body: str, fragment: str) -> None:
    root = inventory_dir({"a.yaml": "stores:\n  - id: s1\n"})
    directory = custom_policy(tmp_path, body, meta=meta)
    result = run_cli("check", str(root), "--policy-dir", str(directory), "--as-of", AS_OF)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "policy error" in result.stderr and "Traceback" not in result.stderr
    assert fragment in result.stderr, result.stderr
    assert "owner.rego" in result.stderr


def test_one_finding_per_policy_subject_principal(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"a.yaml": "stores:\n  - id: s1\n"})
    directory = custom_policy(tmp_path, """
deny contains {"subject": s.id, "message": m} if {
	some s in input.stores
	some m in ["reason b", "reason a"]
}
""")
    _, report = check_json(str(root), "--policy-dir", str(directory), "--only", "ACME-STO-001")
    assert [f["message"] for f in report["findings"]] == ["reason a"]


# --- policies commands -----------------------------------------------------------------------------


def test_policies_list_and_show() -> None:
    listed = json.loads(run_cli("policies", "list", "--format", "json").stdout)
    ids = [p["id"] for p in listed["policies"]]
    assert ids == sorted(ids) and len(ids) >= 49
    for policy in listed["policies"]:
        assert policy["title"] and policy["description"] and policy["remediation"] and policy["frameworks"]
    shown = run_cli("policies", "show", "AIG-PRT-001")
    assert shown.returncode == 0
    assert "partner_grant_max_days = 365" in shown.stdout and "package aiguard.policies.partners.prt_001" in shown.stdout
    missing = run_cli("policies", "show", "AIG-NOPE-001")
    assert missing.returncode == 2 and "unknown policy id" in missing.stderr


def test_policies_test_reports_failures(tmp_path: Path) -> None:
    directory = custom_policy(tmp_path, OWNER_RULE)
    (directory / "owner_test.rego").write_text("""package acme.owner_test

import data.acme.owner

test_fires if {
	r := owner.deny with input as {"stores": [{"id": "s1"}]}
	count(r) == 1
}

test_wrong_expectation if {
	r := owner.deny with input as {"stores": [{"id": "s1"}]}
	count(r) == 0
}
""")
    result = run_cli("policies", "test", str(directory), "-v")
    assert result.returncode == 1
    assert "PASS" in result.stdout and "FAIL" in result.stdout and "test_wrong_expectation" in result.stdout
    assert result.stdout.rstrip().endswith("1 passed, 1 failed")


def test_builtin_rego_tests_pass_and_cover_every_policy() -> None:
    result = run_cli("policies", "test", "-v")
    assert result.returncode == 0, result.stdout
    tested = {line.split()[1].rsplit("_test.rego", 1)[0] for line in result.stdout.splitlines() if line.startswith("PASS")}
    listed = json.loads(run_cli("policies", "list", "--format", "json").stdout)["policies"]
    for policy in listed:
        assert policy["file"].rsplit(".rego", 1)[0] in tested, f"{policy['id']} has no passing Rego test"


def test_policy_reference_is_up_to_date() -> None:
    generated = run_cli("policies", "doc").stdout
    assert generated == (REPO / "docs" / "policies.md").read_text(), "stale: run `aiguard policies doc -o docs/policies.md`"


# --- library API --------------------------------------------------------------------------------


def test_library_api() -> None:
    import aiguard

    report = aiguard.check([GAPS], as_of=AS_OF, params={"partner_grant_max_days": 100})
    assert isinstance(report, aiguard.Report)
    assert report.failing("critical") and report.parameters["partner_grant_max_days"] == 100
    assert all(isinstance(f, aiguard.Finding) and f.line >= 1 for f in report.findings)
    assert aiguard.check([COMPLIANT], as_of=AS_OF).findings == []
    model = aiguard.load_inventory([COMPLIANT]).to_model()
    assert isinstance(model, aiguard.Inventory) and model.models[0].id == "aster-radiology-v2"
    with pytest.raises(aiguard.AiguardError):
        aiguard.check([GAPS], as_of="tomorrow")


def test_unexpected_errors_exit_2_without_traceback(inventory_dir, tmp_path: Path) -> None:
    root = inventory_dir({"a.yaml": ""}, envelope=False)
    result = run_cli("check", str(root))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_example_header_has_envelope() -> None:
    assert ENVELOPE.startswith("apiVersion") and METADATA.startswith("metadata")


def test_colour_on_a_terminal_only() -> None:
    """On a TTY severities are coloured; NO_COLOR and pipes (the other tests) get plain text."""
    import os
    import pty
    import subprocess
    import sys

    def run_on_tty(env: dict[str, str]) -> str:
        master, slave = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "aiguard", "check", GAPS, "--as-of", AS_OF],
                                   stdout=slave, stderr=subprocess.DEVNULL, env=env)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
        os.close(master)
        return b"".join(chunks).decode()

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in run_on_tty(env)
    assert "\x1b[" not in run_on_tty({**env, "NO_COLOR": "1"})


@pytest.mark.parametrize("inventory,code", [("gaps", 1), ("compliant", 0)])
def test_exit_code_holds_with_stderr_closed(inventory: str, code: int) -> None:
    """A hook runner may start aiguard without a stderr: the verdict must not turn into exit 2."""
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "aiguard", "check", str(REPO / "inventories" / inventory), "--as-of", AS_OF],
        stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(2), timeout=120,
    )
    assert result.returncode == code


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_full_disk_under_stdout_is_exit_2_with_the_reason(fmt: str) -> None:
    """A report that could not be written is no pass, even for a compliant inventory."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "aiguard", "check", str(REPO / "inventories" / "compliant"), "--as-of", AS_OF,
             "--format", fmt], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )
    assert result.returncode == 2
    assert "cannot complete the output: No space left on device" in result.stderr
    assert "internal error" not in result.stderr


# --- the console entry point, end to end (the tests above run the same command in process) ----------


@pytest.mark.parametrize("inventory,code", [("compliant", 0), ("gaps", 1), ("missing", 2)])
def test_console_entry_point_exit_codes(inventory: str, code: int) -> None:
    result = run_process("check", str(INVENTORIES / inventory), "--as-of", AS_OF)
    assert result.returncode == code, result.stderr
    assert (result.stdout.startswith("PASS") if code == 0 else True) and "Traceback" not in result.stderr


def test_a_reader_that_goes_away_is_no_pass() -> None:
    """`aiguard check ... | head -1`: the report was not read in full, so the exit code is 2."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "aiguard", "check", COMPLIANT, "--as-of", AS_OF,
                                "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()  # before aiguard writes anything
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2 and b"Traceback" not in stderr


def test_in_process_main_returns_and_leaves_the_collector_alone() -> None:
    """``aiguard.cli.main`` is safe to call in process: it neither ends the process nor leaves the
    garbage collector off (only the console script ``aiguard.cli.run`` does both)."""
    import gc

    from aiguard.cli import main

    with pytest.raises(SystemExit) as ended:
        main.main(["check", GAPS, "--as-of", AS_OF, "--format", "json"], prog_name="aiguard")
    assert ended.value.code == 1 and gc.isenabled()
