"""Run the CLI in this process (``click.testing.CliRunner``): much faster than a subprocess.

``check`` ends the process with ``os._exit`` once its output is flushed (``cli.exit_now``); here
that becomes ``sys.exit`` so that the test process survives and the exit code is kept.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from unittest import mock

from click.testing import CliRunner


def invoke(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``aiguard ARGS...`` run from ``cwd`` with ``env`` added."""
    from aiguard.cli import check, main

    with contextlib.chdir(cwd or Path.cwd()), mock.patch.object(check, "exit_now", sys.exit, create=True):
        result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
