"""Shared fixtures: real files, the real CLI in a subprocess, and the real OPA binary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INVENTORIES = REPO / "inventories"
AS_OF = "2026-11-25"
ENVELOPE = "apiVersion: aiguard/v1\nkind: Inventory\n"
METADATA = "metadata:\n  organization: Test Org\n  owner: gov@example.org\n"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the installed ``aiguard`` command as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "aiguard", *args], cwd=cwd, env=full_env, input=input,
        capture_output=True, text=True, timeout=timeout,
    )


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``root`` (text is dedented) and return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


@pytest.fixture
def inventory_dir(tmp_path: Path):
    """Factory: ``inventory_dir({"a.yaml": body})`` writes files whose body follows the envelope.

    The first file also gets ``metadata`` unless it already has one.
    """

    def make(files: dict[str, str], envelope: bool = True) -> Path:
        root = tmp_path / "inventory"
        for index, (name, body) in enumerate(files.items()):
            body = textwrap.dedent(body)
            if envelope:
                head = ENVELOPE + (METADATA if index == 0 and "metadata:" not in body else "")
                body = head + body
            write_files(root, {name: body})
        return root

    return make


def find_opa() -> str | None:
    """The OPA binary: $AIGUARD_OPA, then the project's tools dir, then PATH."""
    candidates = [os.environ.get("AIGUARD_OPA"), str(REPO / ".tools" / "bin" / "opa"), shutil.which("opa")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def opa_binary() -> str:
    """The real OPA; required on CI (CI=true), skipped with a hint elsewhere."""
    found = find_opa()
    if found:
        return found
    message = "OPA not found: run scripts/install-opa (needs Go) or set AIGUARD_OPA"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
