"""Baselines: the findings a team has accepted for now, so that only new ones fail a CI gate.

A baseline file lists finding keys, ``(policy, subject, principal)``, the identity a finding keeps
across runs when lines move or messages change. A finding whose key is in the baseline is
*baselined*: it stays in every report, marked, but does not count for the exit code. Baseline
entries that no longer match anything are counted (``absent``) so a team knows to refresh it.

The file is JSON, sorted and stable, so that it diffs well in review::

    {"schema_version": 1, "kind": "aiguard-baseline", "tool": {...}, "as_of": "2026-11-25",
     "policy_digest": "sha256:...", "findings": [{"policy": "AIG-MOD-001", "subject": "m1"}, ...]}
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiguard.errors import InputError, Problem

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report

#: Bumped when the file's meaning changes; a file of another version is refused, not guessed at.
SCHEMA_VERSION = 1
KIND = "aiguard-baseline"

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Baseline:
    """The accepted finding keys, and the file they were read from (for messages and reports)."""

    keys: frozenset[Key]
    path: str = "<baseline>"


def load(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing or malformed one is an ``InputError`` naming file and reason."""
    from aiguard.load.safe import MAX_FILE_BYTES, read_text

    name = str(path)
    if not os.path.lexists(path):
        raise InputError([Problem(name, None, None, "baseline file not found (create it with `aiguard baseline create`)")])
    text = read_text(path, MAX_FILE_BYTES, InputError, "baseline file")
    try:
        data = json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as error:
        raise InputError([Problem(name, error.lineno, None, f"invalid JSON: {error.msg}")]) from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, NaN, or nesting too deep
        raise InputError([Problem(name, None, None, f"invalid JSON: {error or 'nested too deeply'}")]) from None
    return Baseline(frozenset(_keys(data, name)), name)


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _keys(data: Any, name: str) -> list[Key]:
    def problem(field: str | None, message: str) -> InputError:
        return InputError([Problem(name, None, field, message)])

    if not isinstance(data, dict):
        raise problem(None, "a baseline must be a JSON object")
    if data.get("kind") != KIND:
        raise problem("kind", f"expected {KIND!r}, got {data.get('kind')!r}: not an aiguard baseline")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise problem("schema_version", f"expected {SCHEMA_VERSION}, got {data.get('schema_version')!r}")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise problem("findings", "must be a list of {policy, subject, principal} objects")
    keys, problems = [], []
    for index, entry in enumerate(entries):
        field = f"findings[{index}]"
        if not isinstance(entry, dict):
            problems.append(Problem(name, None, field, f"must be an object, got {entry!r}"))
            continue
        policy, subject, principal = entry.get("policy"), entry.get("subject"), entry.get("principal")
        if not isinstance(policy, str) or not policy:
            problems.append(Problem(name, None, f"{field}.policy", "must be a non-empty string"))
        elif not isinstance(subject, str) or not subject:
            problems.append(Problem(name, None, f"{field}.subject", "must be a non-empty string"))
        elif principal is not None and not isinstance(principal, str):
            problems.append(Problem(name, None, f"{field}.principal", "must be a string or absent"))
        else:
            keys.append((policy, subject, principal or ""))
    if problems:
        raise InputError(problems)
    return keys


def dumps(report: Report) -> str:
    """The baseline of a report: every unwaived finding's key, sorted; same report, same bytes."""
    keys = sorted({finding.key for finding in report.active})
    data = {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND,
        "tool": {"name": "aiguard", "version": report.tool_version},
        "as_of": report.as_of,
        "policy_digest": report.policy_digest,
        "findings": [
            {"policy": policy, "subject": subject, **({"principal": principal} if principal else {})}
            for policy, subject, principal in keys
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def apply(findings: Iterable[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """Mark the unwaived findings the baseline accepts; also count its entries that matched nothing."""
    marked, seen = [], set()
    for finding in findings:
        seen.add(finding.key)
        if not finding.waived and finding.key in baseline.keys:
            finding = dataclasses.replace(finding, baselined=True)
        marked.append(finding)
    return marked, len(baseline.keys - seen)
