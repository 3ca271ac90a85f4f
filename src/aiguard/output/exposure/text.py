"""``aiguard exposure`` as text: a table of the starting points, worst first by sensitive GB,
then for each one what it reaches and one shortest path per asset, every hop with its file:line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.exposure import gb_text, reach_summary, worst_first
from aiguard.output.text import counted

if TYPE_CHECKING:
    from aiguard.exposure import Exposure, ExposureReport

_HEADERS = ("FROM", "ASSETS", "GB", "SENSITIVE GB", "PERSONAL DATA", "TRIALS", "REGIONS")


def render(report: ExposureReport) -> str:
    ranked = worst_first(report.exposures)
    rows = [(e.start, str(len(e.assets)), gb_text(e.gb_total), gb_text(e.gb_sensitive),
             ", ".join(e.personal_data) or "-", ", ".join(e.trial_ids) or "-", ", ".join(e.regions) or "-")
            for e in ranked]
    widths = [max(len(row[i]) for row in [_HEADERS, *rows]) for i in range(len(_HEADERS))]
    numeric = {1, 2, 3}

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                         for i, (cell, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    graph = report.graph
    out = [(f"Exposure as of {report.as_of.isoformat()}: {counted(len(report.exposures), 'starting point')}; access graph of "
           f"{len(graph.kinds)} nodes and {graph.edge_count} edges"), "", line(_HEADERS)]
    out += [line(row) for row in rows]
    for exposure in ranked:
        if exposure.assets:
            out += ["", *_detail(report, exposure)]
    return "\n".join(out) + "\n"


def _detail(report: ExposureReport, exposure: Exposure) -> list[str]:
    lines = [reach_summary(exposure)]
    facts = [("classifications", exposure.classifications), ("personal data", exposure.personal_data),
             ("sources", exposure.sources), ("trials", exposure.trial_ids), ("regions", exposure.regions),
             ("credentials on the way", exposure.credentials)]
    lines += [f"  {name}: {', '.join(values)}" for name, values in facts if values]
    sensitive = set(exposure.sensitive_assets)
    for asset in sorted(exposure.assets, key=lambda a: (a not in sensitive, a)):
        record = report.record(asset)
        classification = record.get("classification") or "unclassified"
        lines.append(f"  {asset} ({report.kind(asset)}, {classification}{', sensitive' if asset in sensitive else ''})")
        for edge in exposure.paths[asset]:
            lines.append(f"    {edge.source} -> {edge.target}  [{edge.rule}]  {report.graph.locate(edge)}")
    return lines
