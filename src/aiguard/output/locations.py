"""Where findings point, the way CI systems want it.

Code scanning and workflow annotations match a path against the checked-out repository, so the
CI formats (SARIF, JUnit, GitHub) write inventory files relative to the working directory (run
aiguard from the repository root), with forward slashes on every platform. A file outside the
working directory keeps its absolute path: pointing somewhere wrong would be worse.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath


def relative_path(file: str, base: str | os.PathLike[str] | None = None) -> str | None:
    """``file`` relative to ``base`` (default: the working directory) in POSIX form, or None
    when it is not under ``base``."""
    root = Path(os.path.abspath(base if base is not None else os.getcwd()))
    try:
        relative = Path(os.path.abspath(file)).relative_to(root)
    except ValueError:
        return None
    return PurePath(relative).as_posix()


def display_path(file: str, base: str | os.PathLike[str] | None = None) -> str:
    """The relative POSIX path when there is one, else the absolute path."""
    return relative_path(file, base) or Path(os.path.abspath(file)).as_posix()
