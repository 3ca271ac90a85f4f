"""The audit report's content, prepared once for every audit format (HTML and Markdown).

``build(report, options, fmt)`` turns a ``Report`` into an ``AuditView``: plain, sorted, already
formatted values, so that each renderer only decides markup and escaping. Everything an auditor
needs to judge and to reproduce the run is here: who and when, tool, engine, policy-set digest,
parameters, the exact command, summaries, the compliance matrix, findings, waivers and policies.
Nothing reads the clock: the same report gives the same view, byte for byte once rendered.
"""

from __future__ import annotations

import json
import re
import shlex
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiguard.output.text import counted
from aiguard.severity import SEVERITIES

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report
    from aiguard.output import RenderOptions

PASS, FAIL, WAIVED = "pass", "fail", "waived"

#: Policy-authored text (titles, remediation) marks code with backticks; renderers get segments
#: ``(is_code, text)`` so they can typeset it without trusting the text as markup.
Segment = tuple[bool, str]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class ParameterRow:
    name: str
    value: str
    source: str  # "default" or "override"


@dataclass(frozen=True)
class SeverityRow:
    severity: str
    policies: int
    open: int
    waived: int


@dataclass(frozen=True)
class AreaRow:
    area: str
    policies: int
    open: int
    waived: int
    status: str


@dataclass(frozen=True)
class ControlRow:
    reference: str
    policies: tuple[tuple[str, str], ...]  # (policy id, that policy's status)
    status: str


@dataclass(frozen=True)
class FrameworkView:
    name: str
    controls: tuple[ControlRow, ...]

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(c.status for c in self.controls)
        return {status: counts.get(status, 0) for status in (FAIL, WAIVED, PASS)}


@dataclass(frozen=True)
class WaiverView:
    reason: str
    approved_by: str
    expires: str
    location: str


@dataclass(frozen=True)
class FindingView:
    policy_id: str
    title: str
    severity: str
    subject: str
    principal: str  # "" when the finding has none
    location: str  # file:line
    message: str
    remediation: tuple[Segment, ...]
    waiver: WaiverView | None
    baselined: bool  # accepted by the --baseline file: listed, not counted in the verdict


@dataclass(frozen=True)
class PolicyRow:
    id: str
    severity: str
    area: str
    title: str
    references: int
    open: int
    waived: int
    status: str


@dataclass(frozen=True)
class AuditView:
    title: str
    organization: str
    verdict: str  # "PASS" or "FAIL" at the fail-on threshold
    verdict_detail: str
    facts: tuple[Fact, ...]
    command: str
    parameters: tuple[ParameterRow, ...]
    severities: tuple[SeverityRow, ...]
    areas: tuple[AreaRow, ...]
    frameworks: tuple[FrameworkView, ...]
    findings: tuple[FindingView, ...]  # open (unwaived)
    waived: tuple[FindingView, ...]
    policies: tuple[PolicyRow, ...]
    files: tuple[str, ...]
    tool: str
    # --evidence: facts of the evidence file, then one row per examined thing (what, id, status, detail)
    evidence_facts: tuple[Fact, ...] = ()
    evidence_rows: tuple[tuple[str, str, str, str], ...] = ()


def build(report: Report, options: RenderOptions, fmt: str) -> AuditView:
    """The audit view of ``report``; ``fmt`` names the format in the reproducing command."""
    by_policy: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_policy[finding.policy_id].append(finding)
    status = {policy.id: _status(by_policy[policy.id]) for policy in report.policies}
    organization = report.organization or "(organization not set in the inventory metadata)"
    failing = report.failing(options.fail_on)
    severities, areas = _summaries(report, status)
    return AuditView(
        title=f"aiguard audit report: {organization}" if report.organization else "aiguard audit report",
        organization=organization,
        verdict="FAIL" if failing else "PASS",
        verdict_detail=_verdict_detail(report, options, len(failing)),
        facts=_facts(report, options, organization),
        command=reproduce_command(report, options, fmt),
        parameters=tuple(
            ParameterRow(name, parameter_text(value, ", "),
                         "override" if name in report.parameter_overrides else "default")
            for name, value in sorted(report.parameters.items())
        ),
        severities=severities,
        areas=areas,
        frameworks=_matrix(report, status),
        findings=tuple(_finding(f) for f in report.active),
        waived=tuple(_finding(f) for f in report.waived),
        policies=_policy_rows(report, by_policy, status),
        files=tuple(report.files),
        tool=f"aiguard {report.tool_version}",
        **_evidence(report.evidence),
    )


def _verdict_detail(report: Report, options: RenderOptions, failing: int) -> str:
    counts = Counter(f.severity for f in report.active)
    breakdown = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])
    return (f"{len(report.active)} open finding(s){f' ({breakdown})' if breakdown else ''}, "
            f"{len(report.waived)} waived; {failing} at or above {options.fail_on}")


def _facts(report: Report, options: RenderOptions, organization: str) -> tuple[Fact, ...]:
    """Who, what and when: everything needed to judge and reproduce the run."""
    request = report.request
    facts: tuple[Fact, ...] = (
        Fact("Organization", organization),
        Fact("Inventory", " ".join(request.paths)),
        Fact("Files read", str(len(report.files))),
        Fact("As of", report.as_of),
        Fact("Tool", f"aiguard {report.tool_version}"),
        Fact("Engine", report.engine),
        Fact("Policy set digest", report.policy_digest),
        Fact("Policies evaluated", str(len(report.policies))),
        Fact("Fail threshold", options.fail_on),
        Fact("Exceptions", "ignored (--no-exceptions): every finding counts as open" if request.no_exceptions
             else "applied: unexpired exceptions waive findings, listed under Waivers"),
    )
    if request.config and (request.config.get("files") or request.config.get("settings")):
        facts += (Fact("Configuration", _config_fact(request.config)),)
    if request.baseline:
        facts += (Fact("Baseline", f"{request.baseline_file}: {report.summary['baselined']} open finding(s) "
                                   "accepted, not counted in the verdict"),)
    return facts


def _summaries(report: Report, status: dict[str, str]) -> tuple[tuple[SeverityRow, ...], tuple[AreaRow, ...]]:
    """Policies, open and waived findings per severity and per area."""

    def counts(attribute: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
        """Policies, open findings and waived findings per value of ``attribute``, in one pass each."""
        return (Counter(getattr(p, attribute) for p in report.policies),
                Counter(getattr(f, attribute) for f in report.active),
                Counter(getattr(f, attribute) for f in report.waived))

    by_severity, by_area = counts("severity"), counts("area")
    severities = tuple(SeverityRow(severity, *(c[severity] for c in by_severity)) for severity in SEVERITIES)
    policies, open_, waived = by_area
    areas = tuple(
        AreaRow(area, policies[area], open_[area], waived[area],
                _worst(status[p.id] for p in report.policies if p.area == area))
        for area in sorted(policies)
    )
    return severities, areas


def _policy_rows(report: Report, by_policy: dict[str, list[Finding]], status: dict[str, str]) -> tuple[PolicyRow, ...]:
    return tuple(
        PolicyRow(
            policy.id,
            policy.severity,
            policy.area,
            policy.title,
            sum(len(refs) for refs in policy.frameworks.values()),
            sum(1 for f in by_policy[policy.id] if not f.waived),
            sum(1 for f in by_policy[policy.id] if f.waived),
            status[policy.id],
        )
        for policy in report.policies
    )


def _evidence(summary: dict[str, Any] | None) -> dict[str, Any]:
    """The evidence section's facts and rows (``aiguard.evidence.document.summary``)."""
    if summary is None:
        return {}
    facts = (Fact("Evidence file", summary["file"]), Fact("Taken", summary["date"]),
             Fact("Taken by", f"aiguard {summary['tool_version']}"),
             Fact("For inventory", str(summary["inventory_digest"])))
    rows = [("model", m["id"], m["status"], f"{', '.join(m['formats']) or 'no weights format'}; sha256 {m['sha256'] or '-'}")
            for m in summary["models"]]
    rows += [(p["kind"], p["id"], "scanned", f"{counted(p['files'], 'file')}, {counted(p['secrets'], 'secret')} found"
              + (f"; {p['skipped']} not scanned (listed in the evidence file)" if p.get("skipped") else ""))
             for p in summary["places"]]
    rows += [("model", n["id"], "not examined", n["reason"]) for n in summary["not_examined"]]
    return {"evidence_facts": facts, "evidence_rows": tuple(rows)}


def reproduce_command(report: Report, options: RenderOptions, fmt: str) -> str:
    """The shell command that re-creates this report from the same inventory and policies.

    Overrides are spelled out as ``--param`` whatever their source (data file, config,
    environment), so the command needs nothing but the inventory and the policy directories.
    """
    request = report.request
    words = ["aiguard", "report", *request.paths, "--format", fmt, "--as-of", report.as_of]
    if report.engine != "regorus":
        words += ["--engine", report.engine]
    if options.fail_on != "low":
        words += ["--fail-on", options.fail_on]
    if request.no_exceptions:
        words.append("--no-exceptions")
    if not request.builtin_policies:
        words.append("--no-builtin-policies")
    for directory in request.policy_dirs:
        words += ["--policy-dir", directory]
    for pattern in request.only:
        words += ["--only", pattern]
    for pattern in request.skip:
        words += ["--skip", pattern]
    for name, value in sorted(report.parameter_overrides.items()):
        words += ["--param", f"{name}={parameter_text(value, ',')}"]
    if request.evidence is not None:
        words += ["--evidence", request.evidence]
    return " ".join(shlex.quote(word) for word in words)


def parameter_text(value: Any, list_separator: str) -> str:
    """A parameter value as ``--param`` reads it back (lists joined by ``list_separator``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return list_separator.join(str(item) for item in value)
    return str(value)


def segments(text: str) -> tuple[Segment, ...]:
    """Split text on backtick pairs into plain and code segments; whitespace is folded."""
    flat = " ".join(text.split())
    parts = flat.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code at all rather than a guess
        return ((False, flat),) if flat else ()
    return tuple((index % 2 == 1, part) for index, part in enumerate(parts) if part)


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort "SC-7", "SC-28", "SC-28(1)" as a person would; ``re.split`` alternates text, number."""
    return tuple(int(part) if index % 2 else part.casefold() for index, part in enumerate(re.split(r"(\d+)", text)))


def _status(findings: list[Finding]) -> str:
    if any(not f.waived for f in findings):
        return FAIL
    return WAIVED if findings else PASS


def _worst(statuses: Any) -> str:
    seen = set(statuses)
    return next((s for s in (FAIL, WAIVED) if s in seen), PASS)


def _matrix(report: Report, status: dict[str, str]) -> tuple[FrameworkView, ...]:
    """Framework -> control -> the evaluated policies citing it, from each policy's metadata.

    A control fails when any of its policies has an open finding, is waived when its findings are
    all waived, and passes otherwise.
    """
    controls: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for policy in report.policies:
        for framework, references in policy.frameworks.items():
            for reference in references:
                controls[framework][reference].add(policy.id)
    return tuple(
        FrameworkView(
            framework,
            tuple(
                ControlRow(reference, tuple((i, status[i]) for i in sorted(ids)), _worst(status[i] for i in ids))
                for reference, ids in sorted(controls[framework].items(), key=lambda item: natural_key(item[0]))
            ),
        )
        for framework in sorted(controls, key=natural_key)
    )


def _finding(finding: Finding) -> FindingView:
    waiver = finding.waiver
    return FindingView(
        policy_id=finding.policy_id,
        title=finding.title,
        severity=finding.severity,
        subject=finding.subject,
        principal=finding.principal or "",
        location=f"{finding.file}:{finding.line}",
        message=finding.message,
        remediation=segments(finding.remediation),
        waiver=WaiverView(waiver.reason, waiver.approved_by, waiver.expires, f"{waiver.file}:{waiver.line}")
        if waiver
        else None,
        baselined=finding.baselined,
    )


def _config_fact(config: Mapping[str, Any]) -> str:
    """The config files applied and each setting they (or AIGUARD_* variables) put in effect."""
    files = ", ".join(f"{file['path']} ({file['kind']})" for file in config.get("files", [])) or "no config file"
    settings = "; ".join(f"{s['name']} = {json.dumps(s['value'], ensure_ascii=False)} ({s['source']})"
                         for s in config.get("settings", []))
    return f"{files}{': ' + settings if settings else ''}"
