"""The evidence file: its shape (docs/evidence.md), the inventory digest, and reading it back.

Light on purpose: ``aiguard check --evidence`` imports this module and nothing else of the
package. The file is deterministic apart from ``date``: lists are sorted, no timings, no host.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiguard.errors import InputError, Problem

if TYPE_CHECKING:
    from aiguard.validate import MergedInventory

API_VERSION = "aiguard/evidence/v1"
#: What a reader of an evidence file requires, with the JSON type of each.
_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "apiVersion": str, "tool": dict, "date": str, "inventory": dict, "models": list, "places": list,
    "not_examined": list,
}


def inventory_digest(inventory: MergedInventory) -> str:
    """The digest of what the inventory says, not of how its files are laid out: sha256 of the
    merged records as canonical JSON. Moving a record to another file keeps the digest; changing
    any value changes it."""
    text = json.dumps(inventory.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def dumps(evidence: dict[str, Any]) -> str:
    return json.dumps(evidence, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load(path: str | Path) -> dict[str, Any]:
    """Read an evidence file; ``InputError`` naming the file, line and field when it is not one."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise InputError([Problem(file, None, None, f"cannot read evidence file: {reason}")]) from None
    try:
        evidence = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([Problem(file, error.lineno, None, f"invalid JSON: {error.msg}")]) from None
    if not isinstance(evidence, dict):
        raise InputError([Problem(file, 1, None, "an evidence file is a JSON object (`aiguard verify -o FILE`)")])
    problems = []
    if evidence.get("apiVersion") != API_VERSION:
        problems.append(Problem(file, _line(text, "apiVersion"), "apiVersion",
                                f"expected {API_VERSION!r}, got {evidence.get('apiVersion')!r}"))
    for key, kind in _REQUIRED.items():
        if key != "apiVersion" and not isinstance(evidence.get(key), kind):
            problems.append(Problem(file, _line(text, key), key, "missing" if key not in evidence
                                    else f"must be a JSON {'object' if kind is dict else 'array' if kind is list else 'string'}"))
    if not problems:
        problems = _check_records(file, text, evidence)
    if problems:
        raise InputError(problems)
    return evidence


def _check_records(file: str, text: str, evidence: dict[str, Any]) -> list[Problem]:
    problems = []
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", evidence["date"]):
        problems.append(Problem(file, _line(text, "date"), "date", f"expected a date such as 2026-11-25, got {evidence['date']!r}"))
    if not isinstance(evidence["inventory"].get("digest"), str):
        problems.append(Problem(file, _line(text, "inventory"), "inventory.digest", "missing"))
    for collection, keys in (("models", ("id", "status")), ("places", ("id", "kind", "secrets"))):
        for index, record in enumerate(evidence[collection]):
            if not isinstance(record, dict) or any(key not in record for key in keys):
                problems.append(Problem(file, None, f"{collection}[{index}]", f"needs the keys {', '.join(keys)}"))
    return problems


def _line(text: str, key: str) -> int | None:
    marker = f'"{key}"'
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(marker):
            return number
    return None


def summary(evidence: dict[str, Any], path: str) -> dict[str, Any]:
    """What an audit report shows of the evidence a check used."""
    files = sum(len(m.get("files") or []) for m in evidence["models"])
    return {
        "file": path,
        "date": evidence["date"],
        "tool_version": evidence["tool"].get("version"),
        "inventory_digest": evidence["inventory"].get("digest"),
        "models": [{"id": m["id"], "status": m["status"], "sha256": m.get("sha256"), "formats": m.get("formats", [])}
                   for m in evidence["models"]],
        "model_files": files,
        "places": [{"id": p["id"], "kind": p["kind"], "files": p.get("files_scanned", 0), "secrets": len(p["secrets"])}
                   for p in evidence["places"]],
        "not_examined": evidence["not_examined"],
    }
