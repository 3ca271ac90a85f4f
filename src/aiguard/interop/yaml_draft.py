"""Write a draft as a commented YAML inventory file, byte for byte the same for the same draft."""

from __future__ import annotations

import json
import re
from typing import Any

from aiguard.interop.draft import Draft, Record, one_line

COLLECTIONS = ("stores", "models", "datasets")
#: Plain scalars that read back as the same string under YAML 1.1 and 1.2 (no quotes needed).
_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_./@-]*$")
_NOT_PLAIN = frozenset(("true", "false", "null", "yes", "no", "on", "off", "y", "n"))


def render(draft: Draft, records: list[Record] | None = None, metadata: bool = True) -> str:
    """The draft as one inventory file; ``records`` (default: all) limits it to some of them, and
    ``metadata=False`` leaves the envelope's metadata to another file (``merge_into``)."""
    chosen = list(draft.records.values()) if records is None else records
    out = ["# Draft inventory written by `aiguard import` from:"]
    out += [f"#   {one_line(source, 200)}" for source in draft.sources]
    out += ["# Every value below is stated by a source; nothing is guessed. What the sources do not say",
            "# is marked `# TODO: not in <file>` for a person to fill in; until then the completeness",
            "# policies (AIG-INV-*) fail. Then: aiguard check <this directory>",
            "apiVersion: aiguard/v1", "kind: Inventory"]
    if metadata:
        out.append("metadata: {}  # TODO: not in the sources: organization, owner")
    for collection in COLLECTIONS:
        members = [r for r in chosen if r.collection == collection]
        if not members:
            continue
        out.append(f"{collection}:")
        for record in members:
            out += _record(record)
    return "\n".join(out) + "\n"


def _record(record: Record) -> list[str]:
    lines = [f"  # from {one_line(record.origin, 200)}"]
    missing = record.missing()
    if missing:
        lines.append(f"  # TODO: not in {one_line(record.source, 120)}: {', '.join(missing)}")
    lines.append(f"  - id: {scalar(record.id)}")
    lines += _mapping(record.fields, 4)
    lines += [f"    # {one_line(note, 200)}" for note in record.notes]
    return lines


def _mapping(node: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in node.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list):
            if not value:
                lines.append(f"{pad}{key}: []")
                continue
            lines.append(f"{pad}{key}:")
            lines += [f"{pad}  - {scalar(item)}" for item in value]
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _NOT_PLAIN:
        return text
    # A JSON string is a YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)
