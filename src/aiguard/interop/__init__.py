"""Interop with AI bills of materials: import CycloneDX, SPDX 3, Hugging Face cards and Croissant
into a draft inventory; export an inventory as a CycloneDX 1.6 ML-BOM.

Pipeline: ``source`` reads a file and tells its format, one reader module per format turns it into
records of a ``draft.Draft``, ``yaml_draft`` writes the draft, and this module writes it atomically
(a new directory, or a new file in an existing inventory: ``into``) after checking that it
validates. ``export_cyclonedx`` goes the other way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiguard.errors import InputError, UsageError
from aiguard.interop.draft import Draft, Record
from aiguard.interop.source import FORMATS

__all__ = ["FORMATS", "Draft", "ImportResult", "import_sources", "merge_into", "write_new"]

DRAFT_FILE = "inventory.yaml"


def import_sources(paths: Iterable[str | os.PathLike[str]], fmt: str | None = None) -> Draft:
    """Read every source into one draft; the first bad input raises ``InputError`` naming the file
    and the JSON pointer or element id (nothing is written before every source has been read)."""
    from aiguard.interop import croissant, cyclonedx, hf, source, spdx

    readers = {"cyclonedx": cyclonedx.read, "spdx": spdx.read, "hf": hf.read, "croissant": croissant.read}
    if fmt is not None and fmt not in readers:
        raise UsageError.of("fmt", f"{fmt}: expected one of {', '.join(FORMATS)}")
    draft = Draft()
    for raw in paths:
        kind, src = source.read(Path(raw), fmt)
        label = readers[kind](src, draft)
        draft.sources.append(f"{src.name} ({label})")
    if not draft.sources:
        raise UsageError("no file to import")
    return draft


@dataclass
class ImportResult:
    """What an import wrote and what a person still has to look at."""

    written: Path | None
    records: list[Record]
    kept: list[str] = field(default_factory=list)  # records the inventory already has (``merge_into``)
    conflicts: list[str] = field(default_factory=list)


def write_new(draft: Draft, out: str | os.PathLike[str]) -> ImportResult:
    """Write the draft to a new directory ``out`` (absent or empty) through a temporary directory
    that is renamed into place once the draft validates: never a half-written directory."""
    from aiguard.interop.yaml_draft import render
    from aiguard.output.write import leads_out

    target = Path(out)
    if leads_out(target):
        raise UsageError.of("out", f"{out}: a symbolic link (or one among its directories) leads out of the "
                            "working directory; nothing written")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError.of("out", f"{out}: exists and is not an empty directory; nothing written "
                            "(choose a new directory, or merge with `into`)")
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as error:
        raise UsageError.of("out", f"{out}: cannot create it: {error.strerror}") from None
    try:
        (staging / DRAFT_FILE).write_text(render(draft), encoding="utf-8")
        _check_valid([staging])
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except OSError as error:
        raise UsageError.of("out", f"{out}: cannot write it: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ImportResult(target / DRAFT_FILE, list(draft.records.values()), conflicts=list(draft.conflicts))


def merge_into(draft: Draft, into: str | os.PathLike[str]) -> ImportResult:
    """Add the records the inventory ``into`` does not have as one new file there; never change a
    file a person wrote. Every field on which a source and the inventory differ, and every field a
    source states that an existing record lacks, is listed (for a person to decide)."""
    from aiguard.api import load_inventory
    from aiguard.interop.draft import slug
    from aiguard.interop.yaml_draft import render
    from aiguard.output.write import leads_out

    root = Path(into)
    if not root.is_dir():
        raise UsageError.of("into", f"{into}: not a directory")
    if leads_out(root / "imported.yaml"):
        raise UsageError.of("into", f"{into}: a symbolic link among its directories leads out of the "
                            "working directory; nothing written")
    inventory = load_inventory([root])
    new: list[Record] = []
    kept: list[str] = []
    conflicts = list(draft.conflicts)
    for record in draft.records.values():
        found = inventory.ids.get(record.id)
        if found is None:
            new.append(record)
            continue
        origin = inventory.origin_of(record.id)
        kept.append(f"{record.collection}/{record.id} (already in {origin})")
        collection, index = found
        if collection != record.collection:
            conflicts.append(f"{record.id}: a {record.collection[:-1]} in {record.origin}, "
                             f"a {collection[:-1]} in {origin}; kept the inventory's")
            continue
        conflicts += _compare(inventory.data[collection][index], record.fields,
                              f"{collection}/{record.id}", str(origin), record.origin)
    if not new:
        return ImportResult(None, [], kept, conflicts)
    stem = slug(Path(draft.sources[0].rsplit(" (", 1)[0]).stem)
    target = root / f"imported-{stem}.yaml"
    number = 2
    while target.exists():
        target = root / f"imported-{stem}-{number}.yaml"
        number += 1
    handle, staging_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=root)
    staging = Path(staging_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(render(draft, new, metadata=False))
        _check_valid([root, staging])
        os.link(staging, target)  # fails rather than replace a file that appeared meanwhile
    except OSError as error:
        raise UsageError.of("into", f"{into}: cannot write {target.name}: {error.strerror}") from None
    finally:
        staging.unlink(missing_ok=True)
    return ImportResult(target, new, kept, conflicts)


def _compare(person: dict[str, Any], source: dict[str, Any], where: str, person_origin: str,
             source_origin: str) -> list[str]:
    """What the source states that the person's record does not: differing values and absent fields."""
    import json

    lines = []
    for key, value in source.items():
        if key not in person:
            lines.append(f"{where}.{key}: not in the inventory ({person_origin}); {source_origin} says "
                         f"{json.dumps(value)}: not added, add it by hand if right")
        elif isinstance(value, dict) and isinstance(person[key], dict):
            lines += _compare(person[key], value, f"{where}.{key}", person_origin, source_origin)
        elif person[key] != value and not (isinstance(value, list) and set(map(str, value)) <= set(map(str, person[key]))):
            lines.append(f"{where}.{key}: kept {json.dumps(person[key])} ({person_origin}); "
                         f"{source_origin} says {json.dumps(value)}")
    return lines


def _check_valid(paths: list[Path]) -> None:
    """A draft that does not validate is never written (it would be a bug of the importer)."""
    from aiguard.api import load_inventory
    from aiguard.errors import Problem

    try:
        load_inventory(paths)
    except InputError as error:
        raise InputError([Problem(p.file, p.line, p.field, f"the draft does not validate (a bug of aiguard import, "
                                                          f"please report it): {p.message}")
                          for p in error.problems]) from None


def export_cyclonedx(paths: Iterable[str | os.PathLike[str]]) -> dict[str, Any]:
    """The inventory at ``paths`` as a CycloneDX 1.6 ML-BOM (a JSON-ready dict)."""
    from aiguard.api import load_inventory
    from aiguard.interop.cyclonedx_export import bom

    return bom(load_inventory(paths).data)
