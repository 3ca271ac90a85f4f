"""JSON: the stable, documented machine-readable report (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiguard.findings import Finding, Report
    from aiguard.output import RenderOptions

#: Bumped when a field is renamed or removed; adding fields does not bump it.
SCHEMA_VERSION = 1


def as_dict(report: Report, options: RenderOptions, findings: bool = True) -> dict[str, Any]:
    """The report as JSON data; ``findings=False`` leaves out the two lists of findings."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "aiguard", "version": report.tool_version},
        "engine": report.engine,
        "policy_set": {"digest": report.policy_digest, "policies": [p.id for p in report.policies]},
        "as_of": report.as_of,
        "parameters": report.parameters,
        "inventory": {"paths": report.paths, "files": report.files, "organization": report.organization},
        "fail_on": options.fail_on,
        # The gate's switches: baselined findings are listed (with "baselined": true) but do not
        # count in summary.failing; "absent" counts baseline entries that matched no finding.
        "baseline": {"file": report.baseline, "absent": report.baseline_absent} if report.baseline else None,
        "exceptions_ignored": report.exceptions_ignored,
        # Config files applied and the settings they (or AIGUARD_* variables) put in effect.
        "config": report.config,
        "summary": {**report.summary, "failing": len(report.failing(options.fail_on))},
    }
    if report.evidence is not None:  # only with --evidence: without it the document is as before
        document["evidence"] = {key: report.evidence[key] for key in ("file", "date", "tool_version", "inventory_digest")}
    if findings:
        document["findings"] = [f.as_dict() for f in report.active]
        document["waived"] = [f.as_dict() for f in report.waived]
    return document


def render(report: Report, options: RenderOptions) -> str:
    """Indented JSON, one finding per line.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which took longer than the
    whole policy evaluation at 10,000 assets; the report is indented by hand around findings
    encoded by the C encoder. The result is ordinary JSON, the same bytes for the same report."""
    document = as_dict(report, options, findings=False)
    lists = {"findings": report.active, "waived": report.waived}
    head = json.dumps(document, indent=2)[:-2]  # without the closing "\n}"
    parts = [head]
    for key, items in lists.items():
        if items:
            parts.append(f',\n  "{key}": [\n{_rows(items)}\n  ]')
        else:
            parts.append(f',\n  "{key}": []')
    return "".join(parts) + "\n}\n"


#: Above this many findings, rows are encoded by two processes (a row costs about 10 microseconds).
PARALLEL_ABOVE_FINDINGS = 50_000


def _rows(findings: list[Finding]) -> str:
    """One line per finding, joined; a large list is split between this process and a forked one."""
    import os

    if len(findings) <= PARALLEL_ABOVE_FINDINGS or (os.cpu_count() or 1) < 2:
        return _encode_rows(findings, 0, len(findings))
    from aiguard.parallel import fork_map

    middle = len(findings) // 2
    halves = fork_map(_encode_rows, [(0, middle), (middle, len(findings))], 2, first_here=True, context=findings)
    return ",\n".join(half for half in halves if half)


def _encode_rows(findings: list[Finding], start: int, end: int) -> str:
    encode = json.JSONEncoder(separators=(", ", ": ")).encode  # one encoder, not one per finding
    return ",\n".join("    " + encode(findings[i].as_dict()) for i in range(start, end))
