"""All validation problems in one round: files that do not parse, schema problems, look-alike
names, duplicate ids, dangling references and exceptions naming no policy, reported together.

Each stage goes on with what the one before it could use: the schema checks the files that parse,
the merge takes the files the schema accepts. A reference is called unknown only when no file of
the inventory defines it, counting the files that failed the schema (their ids are read as far
as they can be), and only when every file parsed (one that did not may define it).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from aiguard.errors import InputError, Problem
from aiguard.load import Document
from aiguard.validate.identifiers import normalise_principals, principal_problems
from aiguard.validate.merge import MergedInventory, merge_checked
from aiguard.validate.schema import schema_problems


def validate_inventory(documents: list[Document], load_problems: list[Problem],
                       policy_ids: Collection[str] | None = None) -> MergedInventory:
    """The merged inventory, or ``InputError`` listing every problem of every stage at once.

    ``policy_ids``: the policies a run knows, which exceptions must name (None: not checked)."""
    problems = list(load_problems)
    found, valid = schema_problems(documents)
    problems += found
    problems += principal_problems(valid)
    failed = [document for document in documents if document not in valid]
    others = None if load_problems else frozenset(_ids_in(failed))
    inventory, found = merge_checked(valid, others, complete=not failed and not load_problems)
    problems += found
    if policy_ids is not None:
        problems += _exception_problems(inventory, policy_ids)
    if problems:
        raise InputError(problems)
    normalise_principals(inventory.data)
    return inventory


def _ids_in(documents: list[Document]) -> list[str]:
    """The ids written in files that failed the schema, as far as they can be read."""
    out = []
    for document in documents:
        for records in document.data.values():
            if isinstance(records, list):
                out += [r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)]
    return out


def _exception_problems(inventory: MergedInventory, policy_ids: Collection[str]) -> list[Problem]:
    """An exception naming no known policy would silently waive nothing: say so instead."""
    import difflib

    known = sorted(policy_ids)
    problems = []
    for index, exception in enumerate(inventory.data["exceptions"]):
        policy: Any = exception["policy"]
        if policy not in policy_ids:
            path = ("exceptions", index, "policy")
            where = inventory.locate(path)
            hint = difflib.get_close_matches(str(policy), known, n=1)
            problems.append(Problem(where.file, where.line, inventory.field(path), f"unknown policy id {policy!r}"
                                    + (f"; did you mean {hint[0]!r}?" if hint else "")))
    return problems
