"""JUnit XML, for CI test reports (GitLab, Jenkins, Azure DevOps, test-reporter actions).

One ``<testsuite>``; one ``<testcase>`` per policy evaluated (``classname`` = area, ``name`` =
id and title), so a clean policy shows as a passing test. Each finding that fails the gate
(unwaived, not in the baseline, at or above ``--fail-on``) is a ``<failure>`` (``type`` = severity)
with subject, file:line and remediation, so the report and the exit code agree. Findings that do
not fail the gate (waived, baselined, below the threshold) are listed in the test case's
``<system-out>``. ``failures`` counts failing test cases, as JUnit readers expect.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from aiguard.output.escape import printable
from aiguard.output.locations import display_path

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report
    from aiguard.output import RenderOptions

#: XML 1.0 cannot carry most control characters; inventory text (JSON "\u0001") could hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, options: RenderOptions) -> str:
    import xml.etree.ElementTree as ET

    failing = {finding.key for finding in report.failing(options.fail_on)}
    by_policy: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_policy[finding.policy_id].append(finding)
    failed_cases = sum(1 for policy in report.policies if any(f.key in failing for f in by_policy[policy.id]))
    counts = {"tests": str(len(report.policies)), "failures": str(failed_cases), "errors": "0", "skipped": "0", "time": "0"}

    root = ET.Element("testsuites", {"name": "aiguard", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "aiguard", **counts})
    properties = ET.SubElement(suite, "properties")
    facts = {
        "tool_version": report.tool_version,
        "engine": report.engine,
        "as_of": report.as_of,
        "policy_digest": report.policy_digest,
        "fail_on": options.fail_on,
        "baseline": report.baseline or "",
        "exceptions_ignored": str(report.exceptions_ignored).lower(),
        **{f"param.{name}": json.dumps(value) for name, value in sorted(report.parameters.items())},
    }
    for name, value in facts.items():
        ET.SubElement(properties, "property", {"name": name, "value": _safe(value)})

    for policy in report.policies:
        case = ET.SubElement(suite, "testcase", {
            "classname": _safe(policy.area), "name": _safe(f"{policy.id} {policy.title}"), "time": "0",
        })
        passed_findings = []
        for finding in by_policy[policy.id]:
            if finding.key in failing:
                failure = ET.SubElement(case, "failure", {"message": _safe(printable(finding.message)), "type": finding.severity})
                failure.text = _safe(_details(finding))
            else:
                passed_findings.append(finding)
        if passed_findings:
            ET.SubElement(case, "system-out").text = _safe("\n\n".join(
                f"{_status(finding, options.fail_on)}: {_details(finding)}" for finding in passed_findings
            ))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _details(finding: Finding) -> str:
    """The finding's facts, a line each; a value never breaks its line (``printable``)."""
    p = printable
    lines = [
        f"{p(finding.policy_id)} ({finding.severity}): {p(finding.message)}",
        f"subject: {p(finding.subject)}",
        *([f"principal: {p(finding.principal)}"] if finding.principal else []),
        f"location: {p(display_path(finding.file))}:{finding.line}",
    ]
    if finding.waiver:
        w = finding.waiver
        lines.append(f"waived until {p(w.expires)} by {p(w.approved_by)}: {p(w.reason)} "
                     f"({p(display_path(w.file))}:{w.line})")
    if finding.remediation:
        lines.append(f"remediation: {p(' '.join(finding.remediation.split()))}")
    return "\n".join(lines)


def _status(finding: Finding, fail_on: str) -> str:
    if finding.waived:
        return "waived"
    if finding.baselined:
        return "in baseline"
    return f"below --fail-on {fail_on}"


def _safe(text: str) -> str:
    """Text XML 1.0 can carry, shown as the reader should see it (line breaks are ours: values
    were escaped by ``_details``)."""
    return _NOT_XML.sub("\ufffd", printable(text, newlines=True))
