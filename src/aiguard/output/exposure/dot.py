"""``aiguard exposure --format dot``: the reported paths as a Graphviz digraph (``dot -Tsvg``).
Starting points are ellipses, credentials diamonds, stores cylinders, sensitive assets red."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.exposure import path_edges

if TYPE_CHECKING:
    from aiguard.exposure import ExposureReport

_SHAPES = {"public": "doubleoctagon", "principal": "ellipse", "credential": "diamond", "store": "cylinder",
           "repository": "folder", "model": "box", "dataset": "note"}


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks removed."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render(report: ExposureReport) -> str:
    edges = path_edges(report.exposures)
    sensitive = {asset for e in report.exposures for asset in e.sensitive_assets}
    nodes = sorted({e.start for e in report.exposures} | {n for edge in edges for n in (edge.source, edge.target)})
    out = ["digraph exposure {", "  rankdir=LR;", '  node [fontname="Helvetica", fontsize=10];',
           '  edge [fontname="Helvetica", fontsize=9];']
    for node in nodes:
        attributes = [f"shape={_SHAPES.get(report.kind(node), 'ellipse')}"]
        if node in sensitive:
            attributes.append('color="#b00020", fontcolor="#b00020", penwidth=2')
        out.append(f"  {quote(node)} [{', '.join(attributes)}];")
    for edge in edges:
        out.append(f"  {quote(edge.source)} -> {quote(edge.target)} [label={quote(edge.rule)}];")
    out.append("}")
    return "\n".join(out) + "\n"
