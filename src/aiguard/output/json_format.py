"""JSON: the stable, documented machine-readable report (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiguard.findings import Report
    from aiguard.output import RenderOptions

#: Bumped when a field is renamed or removed; adding fields does not bump it.
SCHEMA_VERSION = 1


def as_dict(report: Report, options: RenderOptions) -> dict[str, Any]:
    return {
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
        "summary": {**report.summary, "failing": len(report.failing(options.fail_on))},
        "findings": [f.as_dict() for f in report.active],
        "waived": [f.as_dict() for f in report.waived],
    }


def render(report: Report, options: RenderOptions) -> str:
    """Indented JSON, one finding per line.

    ``json.dumps(indent=...)`` falls back to the pure-Python encoder, which took longer than the
    whole policy evaluation at 10,000 assets; the report is indented by hand around findings
    encoded by the C encoder. The result is ordinary JSON, the same bytes for the same report."""
    document = as_dict(report, options)
    lists = {key: document.pop(key) for key in ("findings", "waived")}
    head = json.dumps(document, indent=2)[:-2]  # without the closing "\n}"
    parts = [head]
    for key, items in lists.items():
        if items:
            encode = json.JSONEncoder(separators=(", ", ": ")).encode  # one encoder, not one per finding
            rows = ",\n".join("    " + encode(item) for item in items)
            parts.append(f',\n  "{key}": [\n{rows}\n  ]')
        else:
            parts.append(f',\n  "{key}": []')
    return "".join(parts) + "\n}\n"
