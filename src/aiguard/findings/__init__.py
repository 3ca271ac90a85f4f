"""Stage 4, findings: turn raw policy results into located findings, apply exceptions, summarise."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from aiguard.errors import PolicyError, Problem
from aiguard.severity import RANK as _RANK
from aiguard.severity import SEVERITIES

if TYPE_CHECKING:
    from aiguard.evaluate.policyset import Policy
    from aiguard.exposure import Exposure
    from aiguard.request import CheckRequest
    from aiguard.validate import MergedInventory


@dataclass(frozen=True)
class Waiver:
    """The exception that waives a finding."""

    reason: str
    approved_by: str
    expires: str
    file: str
    line: int


@dataclass(slots=True)
class Finding:
    """One control gap: a policy, the subject it is about, and where that subject is written.

    Not frozen, though nothing changes one after it is made (``dataclasses.replace`` makes a new
    one): a frozen dataclass sets each field through ``object.__setattr__``, and making 200,000 of
    them took three times as long."""

    policy_id: str
    severity: str
    title: str
    subject: str
    principal: str | None
    message: str
    file: str
    line: int
    area: str
    remediation: str
    waiver: Waiver | None = None
    baselined: bool = False  # in the --baseline file: shown, but does not fail the run

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of a finding across runs: (policy, subject, principal)."""
        return (self.policy_id, self.subject, self.principal or "")

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def sort_key(self) -> tuple[Any, ...]:
        return (_RANK[self.severity], self.policy_id, self.subject, self.principal or "", self.file, self.line)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        # Sent back from worker processes as the constructor's arguments: 4x faster to pickle
        # and unpickle than the slots dataclass default.
        return (Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS))

    def as_dict(self) -> dict[str, Any]:
        # Field by field rather than dataclasses.asdict, which deep-copies every value: at 20,000
        # findings that copy was a second of the JSON output.
        data = {name: getattr(self, name) for name in _FINDING_FIELDS}
        if self.waiver is not None:
            data["waiver"] = {name: getattr(self.waiver, name) for name in _WAIVER_FIELDS}
        data["waived"] = self.waived
        return data


@dataclass
class Report:
    """Everything one check found, and the request it answers (to reproduce it)."""

    request: CheckRequest
    tool_version: str
    engine: str
    policy_digest: str
    policies: list[Policy]
    as_of: str  # the request's date, or the day it ran
    parameters: dict[str, Any]  # every parameter's effective value
    files: list[str]
    organization: str | None
    findings: list[Finding] = field(default_factory=list)
    # Overrides from any source (data files, config, texts), so that an audit report can print
    # a command that needs none of those files to reproduce it.
    parameter_overrides: dict[str, Any] = field(default_factory=dict)
    baseline_absent: int = 0  # baseline entries that matched no finding any more
    # What every starting point of the access graph reaches (aiguard.exposure), for the audit
    # report's Exposure section; None when the request did not ask for it (``exposure=True``).
    exposures: list[Exposure] | None = None
    # What the evidence file brought in (``aiguard.evidence.document.summary``), for the audit report.
    evidence: dict[str, Any] | None = None

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waived]

    def failing(self, fail_on: str = "low") -> list[Finding]:
        """Unwaived, unbaselined findings at or above ``fail_on``: what makes a check exit 1."""
        return [f for f in self.active if not f.baselined and _RANK[f.severity] <= _RANK[fail_on]]

    @property
    def summary(self) -> dict[str, Any]:
        counts = Counter(f.severity for f in self.active)
        return {
            "findings": len(self.active),
            "waived": len(self.waived),
            "baselined": sum(1 for f in self.active if f.baselined),
            "by_severity": {severity: counts.get(severity, 0) for severity in SEVERITIES},
            "policies_evaluated": len(self.policies),
            "files": len(self.files),
        }


def collect(
    raw: dict[str, Any], policies: list[Policy], inventory: MergedInventory, as_of: dt.date,
    *, apply_exceptions: bool = True,
) -> list[Finding]:
    """Validate every raw result, locate it, apply the inventory's exceptions (unless told not
    to, for audits), and sort."""
    problems: list[Problem] = []
    unique: dict[tuple[str, str, str], Finding] = {}
    waivers = _waivers(inventory, as_of) if apply_exceptions else {}
    for policy in policies:
        value = raw.get(policy.id)
        if value is None:
            value = []  # a deny set with no members
        if not isinstance(value, list):
            problems.append(_malformed(policy, f"deny must be a set of findings, got {type(value).__name__}"))
            continue
        for item in value:
            finding = _finding(policy, item, inventory, problems)
            if finding is None:
                continue
            # One finding per (policy, subject, principal), as the catalog says; the smallest
            # message wins so that the choice does not depend on the engine's set order.
            current = unique.get(finding.key)
            if current is None or (finding.message, finding.line) < (current.message, current.line):
                unique[finding.key] = finding
    if problems:
        raise PolicyError(problems)
    findings = []
    for finding in unique.values():
        waiver = waivers.get((finding.policy_id, finding.subject)) or waivers.get((finding.policy_id, "*"))
        if waiver:
            finding.waiver = waiver  # a finding of this run only: no copy needed
        findings.append(finding)
    return sorted(findings, key=Finding.sort_key)


def _waivers(inventory: MergedInventory, as_of: dt.date) -> dict[tuple[str, str], Waiver]:
    waivers: dict[tuple[str, str], Waiver] = {}
    for index, exception in enumerate(inventory.data["exceptions"]):
        if exception["expires"] < as_of.isoformat():
            continue  # expired: waives nothing (AIG-EXC-001 reports it)
        origin = inventory.locate(("exceptions", index))
        waiver = Waiver(exception["reason"], exception["approved_by"], exception["expires"], origin.file, origin.line)
        waivers.setdefault((exception["policy"], exception["asset"]), waiver)
    return waivers


def _finding(policy: Policy, item: Any, inventory: MergedInventory, problems: list[Problem]) -> Finding | None:
    if not isinstance(item, dict):
        problems.append(_malformed(policy, f"a finding must be an object, got {item!r}"))
        return None
    subject, message = item.get("subject"), item.get("message")
    principal, path = item.get("principal"), item.get("path")
    unknown = item.keys() - _FINDING_KEYS
    if not isinstance(subject, str) or not subject:
        problems.append(_malformed(policy, f"finding without a string 'subject': {item!r}"))
    elif not isinstance(message, str) or not message:
        problems.append(_malformed(policy, f"finding without a string 'message': {item!r}"))
    elif principal is not None and not isinstance(principal, str):
        problems.append(_malformed(policy, f"'principal' must be a string: {item!r}"))
    elif path is not None and not (isinstance(path, list) and _KEYS_AND_INDEXES.issuperset(map(type, path))):
        problems.append(_malformed(policy, f"'path' must be a list of keys and indexes: {item!r}"))
    elif unknown:
        problems.append(_malformed(policy, f"unexpected keys {sorted(unknown)} in finding {item!r}"))
    else:
        origin = inventory.locate(tuple(path)) if path else inventory.origin_of(subject)
        return Finding(
            policy_id=policy.id,
            severity=policy.severity,
            title=policy.title,
            subject=subject,
            principal=principal,
            message=message,
            file=origin.file,
            line=origin.line,
            area=policy.area,
            remediation=policy.remediation,
        )
    return None


_FINDING_KEYS = frozenset(("subject", "message", "principal", "path"))
_KEYS_AND_INDEXES = frozenset((str, int))


def _malformed(policy: Policy, detail: str) -> Problem:
    return Problem(str(policy.module.path), None, None, f"{policy.id} returned a malformed finding: {detail}")


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_WAIVER_FIELDS = tuple(f.name for f in fields(Waiver))
