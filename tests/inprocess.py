"""Run the CLI in this process: ``invoke`` is ``conftest.run_cli`` with a tuple result."""

from __future__ import annotations

from pathlib import Path


def invoke(*args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aiguard ARGS...`` run from ``cwd`` with ``env`` added."""
    from conftest import run_cli

    result = run_cli(*args, cwd=cwd, env=env)
    return result.returncode, result.stdout, result.stderr
