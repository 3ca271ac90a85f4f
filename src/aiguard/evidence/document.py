"""The evidence file: its shape (docs/evidence.md), the inventory digest, and reading it back.

Light on purpose: ``aiguard check --evidence`` imports this module and nothing else of the
package. The file is deterministic apart from ``date``: lists are sorted, no timings, no host.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiguard.errors import InputError, Problem

if TYPE_CHECKING:
    from aiguard.validate import MergedInventory

API_VERSION = "aiguard/evidence/v1"
#: The evidence file's JSON Schema (documented in docs/evidence.md), checked on every read: a
#: record missing a key would otherwise make a policy find nothing, i.e. pass.
SCHEMA_RESOURCE = "evidence.schema.json"


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
    from aiguard.load.safe import MAX_FILE_BYTES, read_text

    file = str(path)
    if not Path(path).exists():
        raise InputError([Problem(file, None, None, "cannot read evidence file: No such file or directory")])
    text = read_text(path, MAX_FILE_BYTES, InputError, "evidence file")
    try:
        evidence = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([Problem(file, error.lineno, None, f"invalid JSON: {error.msg}")]) from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, or nesting too deep
        raise InputError([Problem(file, None, None, f"invalid JSON: {error or 'nested too deeply'}")]) from None
    if not isinstance(evidence, dict):
        raise InputError([Problem(file, 1, None, "an evidence file is a JSON object (`aiguard verify -o FILE`)")])
    if evidence.get("apiVersion") != API_VERSION:
        raise InputError([Problem(file, _line(text, "apiVersion"), "apiVersion",
                                  f"expected {API_VERSION!r}, got {evidence.get('apiVersion')!r}")])
    # Top-level keys get their line; deeper ones are named by their path (models[2].files[0].sha256).
    problems = [Problem(file, _line(text, str(error.path[0])) if len(error.path) == 1 else None,
                        _dotted(error.absolute_path), error.message) for error in _validator().iter_errors(evidence)]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.field or "", p.message))[:20])
    return evidence


def _validator() -> Any:
    from importlib import resources

    import jsonschema

    schema = json.loads((resources.files("aiguard.schema") / SCHEMA_RESOURCE).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _dotted(path: Any) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".") or "(file)"


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
        "places": [{"id": p["id"], "kind": p["kind"], "files": p.get("files_scanned", 0), "secrets": len(p["secrets"]),
                    "skipped": len(p.get("skipped") or [])}
                   for p in evidence["places"]],
        "not_examined": evidence["not_examined"],
    }
