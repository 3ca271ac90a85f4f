"""The OPA CLI backend (`--engine opa`): same findings as in process, OPA's errors as exit 2."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import AS_OF, INVENTORIES, STORE, finding_keys, run_cli, write_files

pytestmark = pytest.mark.opa

POLICY_HEAD = """\
# METADATA
# title: Test policy
# custom:
#   id: TST-OPA-001
#   severity: high
package acme.test_policy

"""


def opa_env(opa: str) -> dict[str, str]:
    return {"AIGUARD_OPA": opa}


def test_same_findings_as_regorus_with_parameters_and_date(opa_binary: str) -> None:
    args = ["check", str(INVENTORIES / "gaps"), "--format", "json", "--param", "partner_grant_max_days=30"]
    for as_of in (AS_OF, "2028-02-29"):
        in_process = run_cli(*args, "--as-of", as_of)
        opa = run_cli(*args, "--as-of", as_of, "--engine", "opa", env=opa_env(opa_binary))
        assert in_process.returncode == opa.returncode == 1, opa.stderr
        assert finding_keys(opa.stdout) == finding_keys(in_process.stdout)
        assert json.loads(opa.stdout)["engine"] == "opa"


def test_only_evaluates_the_selected_policies(opa_binary: str) -> None:
    result = run_cli("check", str(INVENTORIES / "gaps"), "--as-of", AS_OF, "--format", "json", "--engine", "opa",
                     "--only", "AIG-CRD-*", env=opa_env(opa_binary))
    keys = finding_keys(result.stdout)
    assert keys and {k[0] for k in keys} <= {"AIG-CRD-001", "AIG-CRD-002", "AIG-CRD-003", "AIG-CRD-004"}


@pytest.fixture
def custom_policy(tmp_path: Path):
    """Factory: a policy directory holding one policy with this body."""

    def make(body: str) -> Path:
        return write_files(tmp_path / "custom", {"acme/test_policy.rego": POLICY_HEAD + body})

    return make




def check_custom(policy_dir: Path, inventory: Path, *extra: str, opa: str | None = None):
    engine = ["--engine", "opa"] if opa else []
    return run_cli("check", str(inventory), "--as-of", AS_OF, "--no-builtin-policies",
                   "--policy-dir", str(policy_dir), *engine, *extra, env=opa_env(opa) if opa else None)


def test_parse_error_names_the_file_and_line(opa_binary: str, custom_policy, inventory_dir) -> None:
    policy_dir = custom_policy("deny contains finding if {\n\tfinding := \n}\n")
    result = check_custom(policy_dir, inventory_dir({"a.yaml": STORE}), opa=opa_binary)
    assert result.returncode == 2, result.stdout
    assert f"{policy_dir / 'acme' / 'test_policy.rego'}:10" in result.stderr  # the stray }
    assert "rego_parse_error" in result.stderr
    assert "Traceback" not in result.stderr


def test_builtin_error_fails_the_check_like_regorus(opa_binary: str, custom_policy, inventory_dir) -> None:
    # OPA's default would make to_number("ten") undefined and silently drop the finding.
    policy_dir = custom_policy(
        'deny contains {"subject": s.id, "message": "too big"} if {\n'
        '\tsome s in input.stores\n\tto_number("ten") > 1\n}\n'
    )
    inventory = inventory_dir({"a.yaml": STORE})
    result = check_custom(policy_dir, inventory, opa=opa_binary)
    assert result.returncode == 2, result.stdout
    assert f"{policy_dir / 'acme' / 'test_policy.rego'}:10" in result.stderr
    assert "eval_builtin_error" in result.stderr and "to_number" in result.stderr
    assert check_custom(policy_dir, inventory).returncode == 2  # regorus: the same verdict


def test_conflicting_values_are_an_error(opa_binary: str, custom_policy, inventory_dir) -> None:
    policy_dir = custom_policy(
        'level := 1 if input.stores\n\nlevel := 2 if input.stores\n\n'
        'deny contains {"subject": "controls", "message": sprintf("level %d", [level])} if level\n'
    )
    result = check_custom(policy_dir, inventory_dir({"a.yaml": STORE}), opa=opa_binary)
    assert result.returncode == 2
    assert "eval_conflict_error" in result.stderr and "test_policy.rego" in result.stderr


def test_missing_binary_says_how_to_get_it(tmp_path: Path) -> None:
    result = run_cli("check", str(INVENTORIES / "gaps"), "--as-of", AS_OF, "--engine", "opa",
                     env={"AIGUARD_OPA": str(tmp_path / "no-opa")})
    assert result.returncode == 2
    assert "AIGUARD_OPA" in result.stderr and "scripts/install-opa" in result.stderr

    result = run_cli("check", str(INVENTORIES / "gaps"), "--engine", "opa",
                     env={"AIGUARD_OPA": None, "PATH": os.path.dirname(os.sys.executable),
                          "AIGUARD_TOOLS_DIR": str(tmp_path / "empty")})
    assert result.returncode == 2
    assert "OPA not found" in result.stderr and "go install github.com/open-policy-agent/opa@v1.22.3" in result.stderr


def test_opa_binary_option(opa_binary: str, tmp_path: Path) -> None:
    result = run_cli("check", str(INVENTORIES / "compliant"), "--as-of", AS_OF, "--engine", "opa",
                     "--opa-binary", opa_binary, env={"AIGUARD_OPA": str(tmp_path / "ignored")})
    assert result.returncode == 0, result.stderr
    misuse = run_cli("check", str(INVENTORIES / "compliant"), "--opa-binary", opa_binary)
    assert misuse.returncode == 2 and "--engine opa" in misuse.stderr


def test_policy_unit_tests_through_opa(opa_binary: str, tmp_path: Path) -> None:
    result = run_cli("policies", "test", "--engine", "opa", env=opa_env(opa_binary))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 failed" in result.stdout

    policy_dir = write_files(tmp_path / "tested", {
        "acme/test_policy.rego": POLICY_HEAD + 'deny contains {"subject": "controls", "message": "m"} if input.x\n',
        "acme/test_policy_test.rego": """\
            package acme.test_policy_test

            import data.acme.test_policy

            test_denies if count(test_policy.deny) == 1 with input as {"x": true}

            test_wrong if count(test_policy.deny) == 2 with input as {"x": true}
            """,
    })
    result = run_cli("policies", "test", str(policy_dir), "--engine", "opa", env=opa_env(opa_binary))
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "test_wrong" in result.stdout and "1 passed, 1 failed" in result.stdout
