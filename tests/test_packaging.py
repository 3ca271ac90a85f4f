"""A wheel built from the repository ships the policies and the schema, and works when installed."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import AS_OF, INVENTORIES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True, text=True)
    [built] = out.glob("aiguard-*.whl")
    return built


def test_wheel_contains_policies_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    policies = sorted((REPO / "policies").rglob("*.rego"))
    assert len(policies) > 90
    for path in policies:
        assert f"aiguard/policies/{path.relative_to(REPO / 'policies')}" in names
    assert "aiguard/policies/data.yaml" in names
    assert "aiguard/schema/inventory.schema.json" in names


@pytest.mark.slow
def test_installed_wheel_checks_an_inventory(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    result = subprocess.run([str(env_dir / "bin" / "aiguard"), "check", str(INVENTORIES / "gaps"), "--as-of", AS_OF,
                             "--format", "json"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    import json

    report = json.loads(result.stdout)
    assert len(report["policy_set"]["policies"]) >= 49
    listed = subprocess.run([str(env_dir / "bin" / "aiguard"), "policies", "list", "--format", "json"],
                            capture_output=True, text=True, cwd=tmp_path)
    files = [p["file"] for p in json.loads(listed.stdout)["policies"]]
    assert all(f.startswith("policies/") for f in files)  # from site-packages/aiguard/policies
