"""Shared fixtures: real files, the real CLI (in process, or in a subprocess end to end), and the real OPA binary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
INVENTORIES = REPO / "inventories"
AS_OF = "2026-11-25"
ENVELOPE = "apiVersion: aiguard/v1\nkind: Inventory\n"
#: One store, for tests of custom policies on several engines.
STORE = """\
stores:
  - id: s1
    name: Store
    owner: data@example.org
    kind: object_storage
"""
METADATA = "metadata:\n  organization: Test Org\n  owner: gov@example.org\n"


@dataclass(frozen=True)
class CliResult:
    """What a run of the CLI gave, shaped like ``subprocess.CompletedProcess``."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None,
            input: str | None = None, timeout: float = 120) -> CliResult:
    """Run ``aiguard ARGS`` in this process (click's CliRunner on ``aiguard.cli.main``): the same
    command a user runs, without a Python start-up per test. ``env`` adds to the environment for
    the run (None removes a variable), ``cwd`` is the working directory during it. ``run_process`` runs the real console
    entry point in a subprocess, for the end-to-end tests."""
    from click.testing import CliRunner

    from aiguard.cli import main

    previous = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), input=input, env={"NO_COLOR": "1", **(env or {})},
                                    prog_name="aiguard", catch_exceptions=False)
    finally:
        os.chdir(previous)
    return CliResult(args, result.exit_code, result.stdout, result.stderr)


def run_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the installed ``aiguard`` command as a user would, in its own process."""
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
    """The OPA binary: $AIGUARD_OPA, the project's tools dir, PATH, then scripts/install-opa's cache."""
    from aiguard.evaluate.opa_cli import tools_dir

    candidates = [os.environ.get("AIGUARD_OPA"), str(REPO / ".tools" / "bin" / "opa"), shutil.which("opa"),
                  str(tools_dir() / "opa")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


def require_tool(found: str | None, message: str) -> str:
    """A tool the tests run for real: required on CI (CI=true), skipped with a hint elsewhere."""
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def opa_binary() -> str:
    """The real OPA."""
    return require_tool(find_opa(), "OPA not found: run scripts/install-opa (needs Go) or set AIGUARD_OPA")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OpaServer:
    """A real ``opa run --server`` on 127.0.0.1 and a free port; ``stop()`` ends it."""

    def __init__(self, opa: str, *args: str, scheme: str = "http", health_headers: dict[str, str] | None = None,
                 cwd: Path | None = None) -> None:
        import time
        import urllib.request

        for _attempt in range(3):  # the free port may be taken between choosing and binding it
            self.port = free_port()
            self.url = f"{scheme}://127.0.0.1:{self.port}"
            self.process = subprocess.Popen(
                [opa, "run", "--server", "--addr", f"127.0.0.1:{self.port}", "--log-level", "error",
                 "--skip-version-check", *args],
                cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # little: log level error
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.process.poll() is None:
                try:  # plain HTTP health probe; TLS servers are probed by the port accepting
                    if scheme == "https":
                        import socket

                        socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                        return
                    request = urllib.request.Request(f"{self.url}/health?bundles", headers=health_headers or {})
                    with urllib.request.urlopen(request, timeout=1) as response:
                        if response.status == 200:
                            return
                except OSError:
                    time.sleep(0.05)
            errors = self.stop()
        raise RuntimeError(f"opa run --server {' '.join(args)} did not become healthy: {errors}")

    def stop(self) -> str:
        """End the server; return what it wrote."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        errors = ""
        if self.process.stdout and not self.process.stdout.closed:
            errors = self.process.stdout.read()
            self.process.stdout.close()
        return errors


@pytest.fixture(scope="session")
def opa_server(opa_binary: str):
    """One plain OPA server for the session (push mode tests share it)."""
    server = OpaServer(opa_binary)
    yield server
    server.stop()


def finding_keys(report_json: str) -> list[tuple]:
    """What must agree between engines: each finding's identity, message and location (+ waived)."""
    import json

    report = json.loads(report_json)
    return sorted((f["policy_id"], f["subject"], f["principal"], f["message"], f["file"], f["line"], f["waived"])
                  for f in report["findings"] + report.get("waived", []))


@pytest.fixture(scope="session")
def aiguard_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`aiguard bundle build` of the built-in policies."""
    path = tmp_path_factory.mktemp("bundle") / "bundle.tar.gz"
    result = run_cli("bundle", "build", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path
