"""Text: findings grouped by severity for a terminal, plain when piped."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiguard.output.escape import printable as p
from aiguard.severity import SEVERITIES

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report
    from aiguard.output import RenderOptions

_COLOURS = {"critical": "magenta", "high": "red", "medium": "yellow", "low": "cyan", "waived": "blue"}


def render(report: Report, options: RenderOptions) -> str:
    import click

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if options.color else text  # type: ignore[arg-type]

    lines: list[str] = []
    groups: list[tuple[str, list[Finding]]] = [
        (severity, [f for f in report.active if f.severity == severity]) for severity in SEVERITIES
    ]
    groups.append(("waived", report.waived))
    for name, findings in groups:
        if not findings:
            continue
        lines.append(style(f"{name.upper()} ({len(findings)})", fg=_COLOURS[name], bold=True))
        for finding in findings:
            # Every value is escaped (``printable``): a line break in one must not start a line of its own.
            who = f" [{p(finding.principal)}]" if finding.principal else ""
            known = style("  (in baseline)", fg="blue") if finding.baselined else ""
            lines.append(f"  {style(p(finding.policy_id), bold=True)}  {p(finding.subject)}{who}  "
                         f"{style(f'{p(finding.file)}:{finding.line}', dim=True)}{known}")
            lines.append(f"      {p(finding.message)}")
            if finding.waiver:
                w = finding.waiver
                lines.append(f"      waived until {p(w.expires)} by {p(w.approved_by)}: {p(w.reason)} "
                             f"({p(w.file)}:{w.line})")
            elif finding.remediation:
                lines.append(style(f"      fix: {p(first_sentence(finding.remediation))}", dim=True))
        lines.append("")
    summary = report.summary
    failing = len(report.failing(options.fail_on))
    counts = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items() if n)
    verdict = (
        style(f"FAIL: {failing} {'new ' if report.request.baseline else ''}finding(s) at or above {options.fail_on}",
              fg="red", bold=True)
        if failing
        else style("PASS", fg="green", bold=True)
    )
    lines.append(
        f"{verdict} - {summary['findings']} finding(s){f' ({counts})' if counts else ''}, "
        f"{summary['waived']} waived{p(gate_notes(report))}; "
        f"{counted(summary['policies_evaluated'], 'policy', 'policies')} on {summary['files']} file(s), "
        f"as of {report.as_of}"
    )
    lines += config_lines(report)
    return "\n".join(lines) + "\n"


def config_lines(report: Report) -> list[str]:
    """Which config files applied and what they (or AIGUARD_* variables) set: a repository's
    file must never change a gate unseen."""
    config = report.request.config or {}
    lines = [p(f"config: {file['path']} ({file['kind']})") for file in config.get("files", [])]
    for setting in config.get("settings", []):
        value = json.dumps(setting["value"], ensure_ascii=False)  # JSON escapes C0 only: printable the rest
        lines.append(p(f"  {setting['name']} = {value}  ({setting['source']})"))
    return lines


def gate_notes(report: Report) -> str:
    """What the CI gate's switches changed, for the summary line."""
    notes = [f"{report.summary['baselined']} in baseline {report.request.baseline_file}"] if report.request.baseline else []
    if report.request.no_exceptions:
        notes.append("exceptions ignored (--no-exceptions)")
    return "".join(f", {note}" for note in notes)


#: Words that end in a full stop inside a sentence ("e.g. Splunk", "GDPR Art. 33").
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "cf.", "vs.", "etc.,", "art.", "no.", "sec.", "approx.", "incl."})


def first_sentence(text: str) -> str:
    """The text up to the first full stop that ends a sentence, not an abbreviation."""
    words = text.split()
    for i, word in enumerate(words[:-1]):
        if word.endswith(".") and word.lower().lstrip("(") not in _ABBREVIATIONS:
            return " ".join(words[: i + 1])
    return " ".join(words)


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 partner``, ``2 partners``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
