"""The config file (aiguard.toml or [tool.aiguard]) and AIGUARD_* variables, under the flags.

Each test writes real files in a temporary tree and runs the real CLI from a directory in it;
discovery walks up from there. Behaviour (exit codes, effective parameters) is asserted, and
`aiguard config show` must say where every value came from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import AS_OF, run_cli, write_files

# One medium finding (AIG-SRC-001) and one grant (AIG-PRT-001, high, parameterised).
INVENTORY = """\
    repositories:
      - id: repo-train
        visibility: private
        secret_scanning: false
        push_protection: true
    models:
      - id: m1
        classification: internal
    partners:
      - id: acme-cro
        kind: cro
    access:
      - principal: partner:acme-cro
        asset: m1
        level: read
        granted: 2026-01-01
        expires: 2026-06-30
    """
CONFIG = """\
    paths = ["inventory"]
    as_of = 2026-11-25
    only = ["AIG-SRC-001"]
    fail_on = "medium"
    """


@pytest.fixture
def project(inventory_dir) -> Path:
    """A project root holding inventory/ and aiguard.toml, with a nested work directory."""
    root = inventory_dir({"inventory.yaml": INVENTORY}).parent
    (root / "docs" / "deep").mkdir(parents=True)
    return root


def show(cwd: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, tuple[str, str]]:
    result = run_cli("config", "show", *args, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in result.stdout.splitlines()[1:]:
        name, value, source = line.split()[0], " ".join(line.split()[1:-1]), line.split()[-1]
        rows[name] = (value, source)
    return rows


def test_config_is_found_from_a_subdirectory_and_paths_resolve_against_it(project: Path) -> None:
    write_files(project, {"aiguard.toml": CONFIG})
    result = run_cli("check", cwd=project / "docs" / "deep")
    assert result.returncode == 1, result.stderr
    assert "AIG-SRC-001  repo-train" in result.stdout
    assert "1 policy on 1 file(s), as of 2026-11-25" in result.stdout
    rows = show(project / "docs" / "deep")
    config = project / "aiguard.toml"
    assert rows["paths"] == (json.dumps([str(Path("../../inventory"))]), f"file:{config}")
    assert rows["fail_on"] == ('"medium"', f"file:{config}")
    assert rows["format"] == ('"text"', "default")


def test_pyproject_tool_table_and_which_file_wins(project: Path) -> None:
    pyproject = '[project]\nname = "x"\n\n[tool.aiguard]\npaths = ["inventory"]\nas_of = "2026-11-25"\nonly = ["AIG-SRC-001"]\nfail_on = "high"\n'
    write_files(project, {"pyproject.toml": pyproject})
    # A pyproject.toml without [tool.aiguard] is not a config file: the search goes on upwards.
    write_files(project / "docs", {"pyproject.toml": '[project]\nname = "docs"\n'})
    assert run_cli("check", cwd=project / "docs" / "deep").returncode == 0  # medium finding, fail_on high
    assert show(project / "docs")["fail_on"] == ('"high"', f"file:{project / 'pyproject.toml'}")
    # In one directory aiguard.toml wins over pyproject.toml.
    write_files(project, {"aiguard.toml": CONFIG})
    assert run_cli("check", cwd=project).returncode == 1
    assert show(project)["fail_on"][1] == f"file:{project / 'aiguard.toml'}"


def test_precedence_flag_over_environment_over_file(project: Path) -> None:
    write_files(project, {"aiguard.toml": CONFIG})  # fail_on = medium: the medium finding fails
    assert run_cli("check", cwd=project).returncode == 1
    env = {"AIGUARD_FAIL_ON": "high"}
    assert run_cli("check", cwd=project, env=env).returncode == 0
    assert run_cli("check", "--fail-on", "medium", cwd=project, env=env).returncode == 1
    assert show(project, env=env)["fail_on"] == ('"high"', "env:AIGUARD_FAIL_ON")
    assert show(project, "--fail-on", "low", env=env)["fail_on"] == ('"low"', "flag")


def test_parameters_merge_per_name(project: Path) -> None:
    write_files(project, {"aiguard.toml": CONFIG.replace('only = ["AIG-SRC-001"]', 'only = ["AIG-PRT-001"]') + """\
        [params]
        partner_grant_max_days = 100
        access_review_interval_days = 45
        credential_rotation_max_days = 30
        """})
    env = {"AIGUARD_PARAMS": "access_review_interval_days=50;model_scan_max_age_days=10"}
    args = ("--format", "json", "--param", "credential_rotation_max_days=20")
    result = run_cli("check", *args, cwd=project, env=env)
    assert result.returncode == 1, result.stderr  # the 180-day grant is over the file's 100-day limit
    report = json.loads(result.stdout)
    assert report["findings"][0]["message"].endswith("over the 100-day limit")
    parameters = report["parameters"]
    assert (parameters["partner_grant_max_days"], parameters["access_review_interval_days"],
            parameters["credential_rotation_max_days"], parameters["model_scan_max_age_days"]) == (100, 50, 20, 10)
    rows = show(project, "--param", "credential_rotation_max_days=20", env=env)
    config = f"file:{project / 'aiguard.toml'}"
    assert rows["params.partner_grant_max_days"] == ("100", config)
    assert rows["params.access_review_interval_days"] == ("50", "env:AIGUARD_PARAMS")
    assert rows["params.credential_rotation_max_days"] == ("20", "flag")
    # A flag for one parameter does not drop the file's others.
    assert run_cli("check", "--param", "partner_grant_max_days=200", cwd=project).returncode == 0


def test_environment_lists_and_switches(project: Path) -> None:
    env = {"AIGUARD_PATHS": "inventory", "AIGUARD_ONLY": "AIG-SRC-001, AIG-PRT-001", "AIGUARD_AS_OF": AS_OF,
           "AIGUARD_FORMAT": "json", "AIGUARD_NO_EXCEPTIONS": "true"}
    result = run_cli("check", cwd=project, env=env)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["policy_set"]["policies"] == ["AIG-PRT-001", "AIG-SRC-001"]
    assert report["exceptions_ignored"] is True


@pytest.mark.parametrize(("text", "fragments"), [
    ('paths = ["inventory"]\n\nfail_onn = "high"\n', ["aiguard.toml:3: fail_onn: unknown key (did you mean 'fail_on'?)"]),
    ('paths = "inventory"\n', ["aiguard.toml:1: paths: expected a list"]),
    ('paths = ["inventory"]\nno_exceptions = "yes"\n', ["aiguard.toml:2: no_exceptions: expected true or false"]),
    ('fail_on = "urgent"\n', ["aiguard.toml:1: fail_on: expected one of critical, high, medium, low, got 'urgent'"]),
    ('format = "pdf"\n', ["aiguard.toml:1: format: expected one of"]),
    ('as_of = "25.11.2026"\n', ["aiguard.toml:1: as_of: expected a date"]),
    ('paths = ["inventory"]\n[params]\npartner_grant_max_days = "ninety"\n',
     ["aiguard.toml:3: params.partner_grant_max_days: parameter 'partner_grant_max_days' must be a non-negative integer"]),
    ('paths = ["inventory"]\n[params]\nno_such_parameter = 1\n',
     ["aiguard.toml:3: params.no_such_parameter: unknown parameter 'no_such_parameter'"]),
    ('paths = ["inventory"\nfail_on = "high"\n', ["aiguard.toml:2: invalid TOML"]),
])
def test_bad_config_is_exit_2_naming_file_key_and_line(project: Path, text: str, fragments: list[str]) -> None:
    write_files(project, {"aiguard.toml": text})
    result = run_cli("check", "--as-of", AS_OF, cwd=project / "docs")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert f"{project}/{fragment}" in result.stderr, result.stderr


def test_pyproject_unknown_key_names_the_table(project: Path) -> None:
    write_files(project, {"pyproject.toml": '[project]\nname = "x"\n\n[tool.aiguard]\npaths = ["inventory"]\nskipp = []\n'})
    result = run_cli("check", cwd=project)
    assert result.returncode == 2
    assert f"{project / 'pyproject.toml'}:6: tool.aiguard.skipp: unknown key (did you mean 'skip'?)" in result.stderr


def test_bad_environment_values_are_exit_2(project: Path) -> None:
    result = run_cli("check", "inventory", cwd=project,
                     env={"AIGUARD_FAIL_ON": "urgent", "AIGUARD_NO_EXCEPTIONS": "maybe", "AIGUARD_PARAMS": "oops"})
    assert result.returncode == 2
    assert "AIGUARD_FAIL_ON: expected one of critical, high, medium, low, got 'urgent'" in result.stderr
    assert "AIGUARD_NO_EXCEPTIONS: expected 1/true/yes/on or 0/false/no/off, got 'maybe'" in result.stderr
    assert "AIGUARD_PARAMS: 'oops': expected NAME=VALUE" in result.stderr


def test_a_broken_config_fails_the_check_but_not_help_or_other_commands(project: Path) -> None:
    write_files(project, {"aiguard.toml": 'fail_onn = "high"\n'})
    assert run_cli("check", "--help", cwd=project).returncode == 0
    assert run_cli("policies", "list", cwd=project).returncode == 0
    assert run_cli("check", "inventory", cwd=project).returncode == 2
    assert run_cli("config", "show", cwd=project).returncode == 2


def test_no_paths_anywhere_is_a_clear_error(project: Path) -> None:
    result = run_cli("check", cwd=project)
    assert result.returncode == 2
    assert "Missing argument 'PATHS...': give the inventory to check, or a `paths` setting" in result.stderr


def test_explicit_config_file_and_baseline_setting(project: Path, tmp_path: Path) -> None:
    write_files(tmp_path / "elsewhere", {"ci.toml": """\
        paths = ["../inventory/inventory.yaml"]
        as_of = "2026-11-25"
        only = ["AIG-SRC-001"]
        baseline = "gate/baseline.json"
        """})
    (tmp_path / "elsewhere" / "gate").mkdir()
    env = {"AIGUARD_CONFIG": str(tmp_path / "elsewhere" / "ci.toml")}
    # baseline create writes to the configured baseline; check then reads it: nothing new fails.
    assert "baseline file not found" in run_cli("check", cwd=project, env=env).stderr
    created = run_cli("baseline", "create", cwd=project, env=env)
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "elsewhere" / "gate" / "baseline.json").is_file()
    assert run_cli("check", cwd=project, env=env).returncode == 0
    missing = run_cli("check", cwd=project, env={"AIGUARD_CONFIG": str(tmp_path / "nope.toml")})
    assert missing.returncode == 2 and "nope.toml: AIGUARD_CONFIG: config file not found" in missing.stderr


def test_output_setting_writes_the_format_and_keeps_text_on_stdout(project: Path) -> None:
    write_files(project, {"aiguard.toml": CONFIG + 'format = "sarif"\noutput = "reports/aiguard.sarif"\n'})
    (project / "reports").mkdir()
    result = run_cli("check", cwd=project / "docs")
    assert result.returncode == 1
    assert result.stdout.startswith("MEDIUM (1)")
    sarif = json.loads((project / "reports" / "aiguard.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "AIG-SRC-001"
