"""Which files make up an inventory."""

from __future__ import annotations

import os
from pathlib import Path

from aiguard.errors import InputError, Problem

INVENTORY_SUFFIXES = (".yaml", ".yml", ".json")


def _hidden(name: str) -> bool:
    # The spec: files and folders whose names begin with a dot (.github/, .pre-commit-config.yaml)
    # are not part of the inventory.
    return name.startswith(".")


def discover(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories (recursively) into a sorted, de-duplicated list of files.

    A path given explicitly is always read, whatever its suffix; inside directories only
    ``*.yaml``, ``*.yml`` and ``*.json`` are. A missing path or a directory that holds no
    inventory file is an error, never an empty (passing) inventory.
    """
    if not paths:
        raise InputError("no inventory path given")
    found: dict[Path, None] = {}
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            before = len(found)
            for root, dirs, files in os.walk(path, onerror=lambda e: problems.append(_walk_problem(e))):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in sorted(files):
                    if not _hidden(name) and name.endswith(INVENTORY_SUFFIXES):
                        found[Path(root) / name] = None
            if len(found) == before:
                problems.append(
                    Problem(str(path), None, None, "directory holds no inventory files (*.yaml, *.yml, *.json)")
                )
        elif path.exists() or path.is_symlink():
            found[path] = None
        else:
            problems.append(Problem(str(path), None, None, "no such file or directory"))
    if problems:
        raise InputError(problems)
    return list(found)


def _walk_problem(error: OSError) -> Problem:
    return Problem(str(error.filename), None, None, f"cannot read directory: {error.strerror}")
