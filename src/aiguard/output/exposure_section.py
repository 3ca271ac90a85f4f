"""The audit report's Exposure section: starting points ranked by sensitive GB, and the worst chains.

``build(exposures)`` turns the exposures of every starting point (``aiguard.exposure``) into an
``ExposureView``: a ranked table and, for the few worst starting points, the chain to their
sensitive assets as nodes in layers (hops from the start) and edges. ``html`` draws each chain as
inline SVG (``exposure_svg``); ``markdown`` as a Mermaid flowchart. Deterministic: ties are broken
by name, and nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiguard.output.exposure import gb_text, reach_summary, worst_first
from aiguard.output.exposure.mermaid import label
from aiguard.output.text import counted

if TYPE_CHECKING:
    from aiguard.exposure import Exposure

#: How many starting points get a picture, and how many assets one picture shows at most.
CHAINS = 3
MAX_ASSETS = 12
#: Rows of the ranking; the rest are counted (``aiguard exposure`` lists them all).
MAX_ROWS = 50
_PRINCIPALS = ("partner:", "group:", "user:", "service:")


@dataclass(frozen=True)
class ExposureRow:
    rank: int
    start: str
    assets: int
    gb_total: str
    gb_sensitive: str
    classifications: str
    personal_data: str
    credentials: int  # credentials it reaches (secrets found in reached places)


@dataclass(frozen=True)
class ChainNode:
    id: str
    kind: str  # public, principal, credential, store, repository, sensitive (asset), asset
    layer: int  # hops from the starting point


@dataclass(frozen=True)
class Chain:
    start: str
    summary: str
    nodes: tuple[ChainNode, ...]  # in drawing order: layer by layer, children after their parents
    edges: tuple[tuple[str, str, str], ...]  # (source, target, rule)
    hidden: int  # reached assets left out of the picture


@dataclass(frozen=True)
class ExposureView:
    rows: tuple[ExposureRow, ...]
    chains: tuple[Chain, ...]
    more: int  # starting points ranked below the rows shown


def build(exposures: list[Exposure], chains: int = CHAINS, max_assets: int = MAX_ASSETS,
          max_rows: int = MAX_ROWS) -> ExposureView:
    ranked = worst_first(exposures)
    rows = tuple(
        ExposureRow(rank, e.start, len(e.assets), f"{gb_text(e.gb_total)} GB", f"{gb_text(e.gb_sensitive)} GB",
                    ", ".join(e.classifications) or "-", ", ".join(e.personal_data) or "-", len(e.credentials))
        for rank, e in enumerate(ranked[:max_rows], 1)
    )
    worst = [e for e in ranked if e.sensitive_assets][:chains]
    return ExposureView(rows, tuple(_chain(e, max_assets) for e in worst), len(ranked) - len(rows))


def _chain(exposure: Exposure, max_assets: int) -> Chain:
    """The union of the shortest paths from the start to its sensitive assets (the first
    ``max_assets`` by name): a tree (each node has one parent in a breadth-first walk), so drawing
    it layer by layer, children next to each other, crosses no edges."""
    targets = sorted(exposure.sensitive_assets)[:max_assets]
    sensitive = set(exposure.sensitive_assets)
    kinds = {**dict.fromkeys(exposure.stores, "store"), **dict.fromkeys(exposure.repositories, "repository"),
             **dict.fromkeys(exposure.credentials, "credential")}
    children: dict[str, list[tuple[str, str]]] = {}
    for target in targets:
        for edge in exposure.paths[target]:
            siblings = children.setdefault(edge.source, [])
            if (edge.target, edge.rule) not in siblings:
                siblings.append((edge.target, edge.rule))
    nodes: list[ChainNode] = []
    edges: list[tuple[str, str, str]] = []

    def kind(node: str) -> str:
        if node == "anyone":
            return "public"
        if node.startswith(_PRINCIPALS):
            return "principal"
        if node.startswith("credential:"):
            return "credential"
        return kinds.get(node) or ("sensitive" if node in sensitive else "asset")

    def visit(node: str, layer: int) -> None:  # depth first: a parent's children stay together
        nodes.append(ChainNode(node, kind(node), layer))
        for child, rule in sorted(children.get(node, ())):
            edges.append((node, child, rule))
            visit(child, layer + 1)

    visit(exposure.start, 0)
    return Chain(exposure.start, reach_summary(exposure), tuple(nodes), tuple(edges),
                 len(exposure.sensitive_assets) - len(targets))


# --- renderings ---------------------------------------------------------------------------------

_INTRO = ("What each starting point (the public, every principal in access, every credential) can reach through "
          "grants, credentials, stores, secrets found in reached places and public access, worst first by "
          "sensitive GB. The aiguard exposure command lists every path with file:line per hop.")
_HEADER = ["#", "From", "#Assets", "#GB total", "#GB sensitive", "Classifications", "Personal data",
           "#Credentials reached"]


def _cells(row: ExposureRow) -> list[str]:
    return [str(row.rank), row.start, str(row.assets), row.gb_total, row.gb_sensitive, row.classifications,
            row.personal_data, str(row.credentials)]


def _more(count: int) -> str:
    verb = "reaches" if count == 1 else "reach"
    return f"{counted(count, 'more starting point')} {verb} less; aiguard exposure lists them all."


def html(view: ExposureView) -> list[str]:
    """The section for the HTML audit report: the table and one inline SVG per chain."""
    from aiguard.output.exposure_svg import svg
    from aiguard.output.html import _section, _table, e

    out = _section("exposure", "Exposure")
    out.append(f'<p class="note">{e(_INTRO)}</p>')
    if not view.rows:
        return [*out, "<p>The inventory names no starting point.</p>"]
    out += _table(_HEADER, [[e(cell) for cell in _cells(row)] for row in view.rows], "exposure")
    if view.more:
        out.append(f'<p class="note">{e(_more(view.more))}</p>')
    out.append(f"<h3>Worst chains ({len(view.chains)})</h3>")
    if not view.chains:
        out.append("<p>No starting point reaches a sensitive asset.</p>")
    for number, chain in enumerate(view.chains, 1):
        hidden = f"; {counted(chain.hidden, 'more sensitive asset')} not drawn" if chain.hidden else ""
        out += [f'<figure class="chain" id="chain-{number}">', svg(chain, f"chain-{number}"),
                f"<figcaption>{number}. {e(chain.summary + hidden)}</figcaption>", "</figure>"]
    return out


def markdown(view: ExposureView) -> list[str]:
    """The section for the Markdown audit report: the table and one Mermaid flowchart per chain."""
    from aiguard.output.markdown import fenced, table, text

    out = ["", "## Exposure", "", text(_INTRO), ""]
    if not view.rows:
        return [*out, "The inventory names no starting point."]
    out += table([name.lstrip("#") or "Rank" for name in _HEADER],
                 [[text(cell) for cell in _cells(row)] for row in view.rows])
    if view.more:
        out += ["", text(_more(view.more))]
    out += ["", f"### Worst chains ({len(view.chains)})", ""]
    if not view.chains:
        out.append("No starting point reaches a sensitive asset.")
    for number, chain in enumerate(view.chains, 1):
        hidden = f"; {counted(chain.hidden, 'more sensitive asset')} not drawn" if chain.hidden else ""
        out += [f"{number}. {text(chain.summary + hidden)}", ""]
        out += fenced(mermaid(chain), "mermaid")
        out.append("")
    return out


#: Node kind -> (fill, stroke), shared by the SVG and Mermaid pictures (the report's palette).
NODE_COLOURS = {"public": ("#fdf1f0", "#b3261e"), "principal": ("#eaf1fa", "#1f4e8c"),
                "credential": ("#fff4e0", "#a15c00"), "store": ("#f4f6f9", "#5b6576"),
                "repository": ("#f4f6f9", "#5b6576"), "sensitive": ("#f6eaf2", "#7a1f5c"),
                "asset": ("#eef6ef", "#1e7b34")}
_MERMAID_SHAPES = {"public": ("([", "])"), "principal": ("([", "])"), "credential": ("{{", "}}"),
                   "store": ("[(", ")]"), "repository": ("[(", ")]"), "sensitive": ("[", "]"), "asset": ("[", "]")}


def mermaid(chain: Chain) -> str:
    """A left-to-right Mermaid flowchart, coloured by kind. Node ids are generated (``n0``...); labels
    are quoted and escaped as in ``aiguard exposure --format mermaid``, so no inventory text is markup."""
    index = {node.id: f"n{i}" for i, node in enumerate(chain.nodes)}
    lines = ["flowchart LR"]
    for node in chain.nodes:
        left, right = _MERMAID_SHAPES[node.kind]
        lines.append(f"  {index[node.id]}{left}{label(node.id)}{right}")
    for source, target, rule in chain.edges:
        lines.append(f"  {index[source]} -->|{rule}| {index[target]}")
    for kind in sorted({node.kind for node in chain.nodes}):
        lines.append(f"  class {','.join(index[n.id] for n in chain.nodes if n.kind == kind)} {kind}")
    lines += [f"  classDef {kind} fill:{fill},stroke:{stroke}" for kind, (fill, stroke) in NODE_COLOURS.items()]
    return "\n".join(lines)
