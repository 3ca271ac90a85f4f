"""``aiguard exposure --format mermaid``: the reported paths as a Mermaid flowchart (renders in
GitHub and GitLab Markdown). Node ids are generated (n0, n1, ...); inventory ids are only labels,
quoted, so that no id can break out of the chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.exposure import path_edges

if TYPE_CHECKING:
    from aiguard.exposure import ExposureReport

#: Kind -> Mermaid node shape (opening, closing).
_SHAPES = {"public": ("{{", "}}"), "principal": ("([", "])"), "credential": ("{", "}"), "store": ("[(", ")]"),
           "repository": ("[/", "/]"), "model": ("[", "]"), "dataset": ("[", "]")}


def label(text: str) -> str:
    """A quoted Mermaid label; quotes and markup characters as entity codes."""
    for char, code in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return '"' + text.replace("\n", " ") + '"'


def render(report: ExposureReport) -> str:
    edges = path_edges(report.exposures)
    sensitive = {asset for e in report.exposures for asset in e.sensitive_assets}
    nodes = sorted({e.start for e in report.exposures} | {n for edge in edges for n in (edge.source, edge.target)})
    ids = {node: f"n{i}" for i, node in enumerate(nodes)}
    out = ["flowchart LR"]
    for node in nodes:
        opening, closing = _SHAPES.get(report.kind(node), ("(", ")"))
        out.append(f"  {ids[node]}{opening}{label(node)}{closing}")
    for edge in edges:
        out.append(f"  {ids[edge.source]} -->|{edge.rule}| {ids[edge.target]}")
    if sensitive & set(ids):
        out.append("  classDef sensitive stroke:#b00020,stroke-width:2px,color:#b00020")
        out.append("  class " + ",".join(ids[n] for n in nodes if n in sensitive) + " sensitive")
    return "\n".join(out) + "\n"
