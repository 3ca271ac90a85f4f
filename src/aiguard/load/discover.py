"""Which files make up an inventory.

**The tree** is the set of paths given on the command line (or in the config file), each resolved
(symbolic links followed). Inside a directory, every ``*.yaml``, ``*.yml`` and ``*.json`` file is
read, whatever the case of its suffix (``creds.YAML`` too), and symbolic links are followed as long
as they stay in the tree: a link to a file or directory outside it, a dangling link and a link loop
are errors, never silently skipped and never read (a link to ``~/.aws/credentials`` must not have
its values echoed in a message). A path given explicitly is its own tree and is read whatever its
suffix. Names beginning with a dot are not part of the inventory (the spec: ``.github/``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from aiguard.errors import InputError, Problem

INVENTORY_SUFFIXES = (".yaml", ".yml", ".json")


def _hidden(name: str) -> bool:
    # The spec: files and folders whose names begin with a dot (.github/, .pre-commit-config.yaml)
    # are not part of the inventory.
    return name.startswith(".")


def is_inventory_name(name: str) -> bool:
    return not _hidden(name) and name.lower().endswith(INVENTORY_SUFFIXES)


def discover(paths: list[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and directories (recursively) into a sorted, de-duplicated list of files.

    A path given explicitly is always read, whatever its suffix; inside directories only
    ``*.yaml``, ``*.yml`` and ``*.json`` are. A missing path, a directory that holds no inventory
    file, or a link leaving the tree is an error, never an empty (passing) inventory.
    """
    if not paths:
        raise InputError("no inventory path given")
    problems: list[Problem] = []
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            reason = "dangling symbolic link" if path.is_symlink() else "no such file or directory"
            problems.append(Problem(str(path), None, None, reason))
        else:
            roots.append(path)
    tree = [root.resolve() for root in roots]
    found: dict[Path, Path] = {}  # real path -> the path shown (the first way it was reached)
    for path in roots:
        if path.is_dir():
            before = len(found)
            walk(path, tree, is_inventory_name, found, problems)
            if len(found) == before:
                problems.append(
                    Problem(str(path), None, None, "directory holds no inventory files (*.yaml, *.yml, *.json)")
                )
        else:
            found.setdefault(path.resolve(), path)
    for path in found.values():
        try:
            str(path).encode("utf-8")
        except UnicodeEncodeError:  # bytes Python kept as lone surrogates: no report could name it
            problems.append(Problem(str(path), None, None, "file name is not UTF-8; rename the file"))
    if problems:
        raise InputError(problems)
    return list(found.values())


def walk(top: Path, tree: list[Path], wanted: Callable[[str], bool], found: dict[Path, Path],
         problems: list[Problem], where: str = "the inventory tree (the paths given)") -> None:
    """Add to ``found`` (real path -> the path shown) every file under ``top`` whose name is
    ``wanted``, following links that stay in ``tree`` (``where`` names it in messages); hidden
    directories aside. Inventory discovery and policy directories share this rule."""
    visited = {top.resolve()}
    for root, dirs, files in os.walk(top, followlinks=True, onerror=lambda e: problems.append(_walk_problem(e))):
        kept = []
        for name in sorted(dirs):
            if _hidden(name):
                continue
            path = Path(root) / name
            real = _link_target(path, tree, "directory", where, problems)
            if real is not None and real not in visited:  # a link back up the tree is read once
                visited.add(real)
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not wanted(name):
                continue
            path = Path(root) / name
            real = _link_target(path, tree, "file", where, problems)
            if real is not None:
                found.setdefault(real, path)


def _link_target(path: Path, tree: list[Path], kind: str, where: str, problems: list[Problem]) -> Path | None:
    """The real path of a directory entry, or None (and a problem) when it is a link that dangles,
    loops or leaves the tree."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.append(Problem(str(path), None, None, "dangling or looping symbolic link; refused"))
        return None
    if not any(real == root or real.is_relative_to(root) for root in tree):
        problems.append(Problem(str(path), None, None, f"symbolic link to a {kind} outside {where}; refused, not read"))
        return None
    return real


def _walk_problem(error: OSError) -> Problem:
    return Problem(str(error.filename), None, None, f"cannot read directory: {error.strerror}")
