"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run. The driver's rules are the policies that ran, with their help, remediation, framework
tags and a ``security-severity`` so that code scanning ranks them. Each finding is a result at
its inventory file and line, relative to ``%SRCROOT%`` (the working directory: run aiguard from
the repository root), with a partial fingerprint from (policy, subject, principal) so an alert
keeps its identity when lines move. Waived findings are results with an accepted external
suppression; with ``--baseline``, results carry ``baselineState`` ``unchanged`` (in the baseline)
or ``new``. The run's properties hold what reproduces it: as-of date, parameters, policy digest.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiguard.output.locations import relative_path

if TYPE_CHECKING:
    from aiguard.evaluate.policyset import Policy
    from aiguard.findings import Finding, Report, Waiver
    from aiguard.output import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
#: SARIF levels, and GitHub's security-severity scores (>= 9.0 critical, >= 7.0 high, >= 4.0 medium).
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
#: The name of our partial fingerprint; bump the version if what it hashes changes.
FINGERPRINT = "aiguardFindingKey/v1"


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(as_dict(report, options), indent=2, ensure_ascii=False) + "\n"


def as_dict(report: Report, options: RenderOptions) -> dict[str, Any]:
    rule_index = {policy.id: index for index, policy in enumerate(report.policies)}
    driver: dict[str, Any] = {
        "name": "aiguard",
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
    }
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [_rule(policy) for policy in report.policies]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [{
            "executionSuccessful": True,
            "exitCode": 1 if report.failing(options.fail_on) else 0,
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "artifacts": [{"location": _artifact_location(file), "roles": ["analysisTarget"]} for file in report.files],
        "results": [_result(finding, rule_index[finding.policy_id], report) for finding in report.findings],
        "columnKind": "unicodeCodePoints",
        "properties": {
            "as_of": report.as_of,
            "parameters": report.parameters,
            "policy_digest": report.policy_digest,
            "engine": report.engine,
            "fail_on": options.fail_on,
            "baseline": report.request.baseline_file,
            "exceptions_ignored": report.request.no_exceptions,
            "organization": report.organization,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(policy: Policy) -> dict[str, Any]:
    tags = ["security", policy.severity, policy.area]
    tags += [f"{framework}/{ref}" for framework, refs in sorted(policy.frameworks.items()) for ref in refs]
    return {
        "id": policy.id,
        "name": "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", policy.title)) or policy.id,
        "shortDescription": {"text": policy.title},
        "fullDescription": {"text": _flow(policy.description) or policy.title},
        "help": {"text": _help_text(policy), "markdown": _help_markdown(policy)},
        "defaultConfiguration": {"level": LEVELS[policy.severity]},
        "properties": {
            "tags": tags,
            "security-severity": SECURITY_SEVERITY[policy.severity],
            "precision": "very-high",  # a policy states a fact about the inventory; nothing is guessed
            "problem.severity": "recommendation" if policy.severity == "low" else LEVELS[policy.severity],
            "severity": policy.severity,
            "area": policy.area,
            "frameworks": policy.frameworks,
        },
    }


def _help_text(policy: Policy) -> str:
    parts = [_flow(policy.description), f"Remediation: {_flow(policy.remediation)}" if policy.remediation else ""]
    parts.append("\n".join(f"{framework}: {', '.join(refs)}" for framework, refs in sorted(policy.frameworks.items())))
    return "\n\n".join(part for part in parts if part) or policy.title


def _help_markdown(policy: Policy) -> str:
    parts = [f"**{policy.title}** ({policy.severity}, {policy.area})", _flow(policy.description)]
    if policy.remediation:
        parts.append(f"**Remediation.** {_flow(policy.remediation)}")
    if policy.example_fix:
        parts.append(f"**Example fix:**\n\n```yaml\n{policy.example_fix}\n```")
    if policy.frameworks:
        refs = "\n".join(f"- {framework}: {', '.join(refs)}" for framework, refs in sorted(policy.frameworks.items()))
        parts.append(f"**References:**\n\n{refs}")
    return "\n\n".join(part for part in parts if part)


def _flow(text: str) -> str:
    """Policy texts are hard-wrapped YAML blocks: join each paragraph's lines for viewers that wrap."""
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text.strip()) if paragraph.strip())


def _result(finding: Finding, rule_index: int, report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.policy_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": _physical_location(finding.file, finding.line),
            "logicalLocations": [{"name": finding.subject, "kind": "resource"}],
        }],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding)},
        "properties": {
            "severity": finding.severity,
            "subject": finding.subject,
            **({"principal": finding.principal} if finding.principal else {}),
            "remediation": _flow(finding.remediation),
        },
    }
    if report.request.baseline:
        result["baselineState"] = "unchanged" if finding.baselined else "new"
    if finding.waiver:
        result["suppressions"] = [_suppression(finding.waiver)]
    return result


def _suppression(waiver: Waiver) -> dict[str, Any]:
    return {
        "kind": "external",
        "status": "accepted",
        "justification": f"{waiver.reason} (approved by {waiver.approved_by}, expires {waiver.expires})",
        "location": {"physicalLocation": _physical_location(waiver.file, waiver.line)},
        "properties": {"approved_by": waiver.approved_by, "expires": waiver.expires, "reason": waiver.reason},
    }


def fingerprint(finding: Finding) -> str:
    """Stable across runs, line moves and message changes: a hash of the finding's key."""
    return hashlib.sha256("\0".join(finding.key).encode("utf-8")).hexdigest()[:32]


def _physical_location(file: str, line: int) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": _artifact_location(file)}
    if line and line >= 1:
        location["region"] = {"startLine": line}
    return location


def _artifact_location(file: str) -> dict[str, Any]:
    relative = relative_path(file)
    if relative is None:
        return {"uri": Path(file).absolute().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("aiguard").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source") and url.strip():
            return url.strip()
    return None
