"""GitHub Actions workflow commands: one annotation per finding, on the inventory file and line.

``::error`` for critical and high, ``::warning`` for medium, ``::notice`` for low; waived and
baselined findings are notices too (visible, but not what fails the job). Paths are relative to
the working directory, so run aiguard from the repository root. Values are escaped the way the
Actions runner unescapes them (``@actions/core``'s ``escapeData`` and ``escapeProperty``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.escape import printable
from aiguard.output.locations import display_path
from aiguard.output.text import first_sentence

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report
    from aiguard.output import RenderOptions

COMMANDS = {"critical": "error", "high": "error", "medium": "warning", "low": "notice"}


def render(report: Report, options: RenderOptions) -> str:
    return "".join(annotation(finding) + "\n" for finding in report.findings)


def annotation(finding: Finding) -> str:
    command = "notice" if finding.waived or finding.baselined else COMMANDS[finding.severity]
    properties = {"file": display_path(finding.file)}
    if finding.line >= 1:
        properties["line"] = str(finding.line)
    properties["title"] = f"{finding.policy_id} ({finding.severity}): {finding.title}"
    lines = [finding.message]
    if finding.waiver:
        w = finding.waiver
        lines.append(f"Waived until {w.expires} by {w.approved_by}: {w.reason}")
    elif finding.baselined:
        lines.append("In the baseline: does not fail the check.")
    if finding.remediation and not finding.waiver:
        lines.append(f"Fix: {first_sentence(finding.remediation)}")
    props = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{command} {props}::{escape_data(chr(10).join(lines))}"


def escape_data(text: str) -> str:
    # Line breaks become %0A, which the runner turns back into breaks inside this one annotation
    # (never into a new command); every other control character is shown as an escape.
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
