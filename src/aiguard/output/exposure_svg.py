"""A chain of the Exposure section as inline SVG, laid out by networkx.

The chain is a tree rooted in its starting point; ``networkx.multipartite_layout`` places each
layer (hops from the start) in a column and spreads its nodes evenly, in the order given (parents'
children together, so no edges cross). This module only scales those positions to pixels and
writes boxes, arrows and escaped labels: no script, no external reference, no style sheet beyond
presentation attributes, so the report's Content Security Policy holds. networkx (and numpy) are
imported only here, when an audit report with an Exposure section is rendered.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiguard.output.exposure_section import NODE_COLOURS

if TYPE_CHECKING:
    from aiguard.output.exposure_section import Chain

BOX_WIDTH, BOX_HEIGHT = 190, 34
COLUMN_GAP, ROW_GAP = 70, 18
MARGIN = 12
LABEL_CHARS = 26


def positions(chain: Chain) -> dict[str, tuple[float, float]]:
    """Pixel centre of every node: networkx's layered layout, scaled to the box grid."""
    import networkx as nx  # type: ignore[import-untyped]

    graph = nx.DiGraph()
    graph.add_nodes_from(node.id for node in chain.nodes)
    graph.add_edges_from((source, target) for source, target, _ in chain.edges)
    # The layers as lists in the chain's order: given an attribute name instead, networkx groups
    # the nodes into sets, whose order changes with the hash seed (and so would the report's bytes).
    by_layer: dict[int, list[str]] = {}
    for node in chain.nodes:
        by_layer.setdefault(node.layer, []).append(node.id)
    layout = nx.multipartite_layout(graph, subset_key=by_layer, align="vertical")
    layers = max(node.layer for node in chain.nodes) + 1
    tallest = max(sum(1 for n in chain.nodes if n.layer == layer) for layer in range(layers))
    xs = sorted({round(float(x), 9) for x, _ in layout.values()})
    ys = [float(y) for _, y in layout.values()]
    low, high = min(ys), max(ys)
    height = tallest * (BOX_HEIGHT + ROW_GAP) - ROW_GAP
    result = {}
    for node in chain.nodes:
        x, y = layout[node.id]
        column = xs.index(round(float(x), 9))
        # networkx spreads a layer from low to high y in the order given; SVG y grows downwards,
        # so the first child is drawn on top. One row: centred.
        fraction = 0.5 if high == low else (float(y) - low) / (high - low)
        result[node.id] = (MARGIN + column * (BOX_WIDTH + COLUMN_GAP) + BOX_WIDTH / 2,
                           MARGIN + BOX_HEIGHT / 2 + fraction * (height - BOX_HEIGHT))
    return result


def svg(chain: Chain, anchor: str) -> str:
    """The chain as one ``<svg>`` element; ``anchor`` makes its marker id unique in the page."""
    at = positions(chain)
    layers = max(node.layer for node in chain.nodes) + 1
    tallest = max(sum(1 for n in chain.nodes if n.layer == layer) for layer in range(layers))
    width = 2 * MARGIN + layers * BOX_WIDTH + (layers - 1) * COLUMN_GAP
    height = 2 * MARGIN + tallest * (BOX_HEIGHT + ROW_GAP) - ROW_GAP
    arrow = f"{anchor}-arrow"
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" width="{width}" height="{height:.0f}" '
           f'viewBox="0 0 {width} {height:.0f}" role="img" aria-label="{escape(chain.summary)}">'),
           (f'<defs><marker id="{arrow}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#5b6576"/></marker></defs>')]
    for source, target, rule in chain.edges:
        (x1, y1), (x2, y2) = at[source], at[target]
        x1, x2 = x1 + BOX_WIDTH / 2, x2 - BOX_WIDTH / 2
        out.append(f'<g class="edge" data-source="{escape(source)}" data-target="{escape(target)}">'
                   f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#5b6576" '
                   f'stroke-width="1.4" marker-end="url(#{arrow})"/>'
                   f'<text x="{x1 + 0.6 * (x2 - x1):.1f}" y="{y1 + 0.6 * (y2 - y1) - 4:.1f}" font-size="10.5" '
                   f'fill="#5b6576" '
                   f'text-anchor="middle">{escape(rule)}</text></g>')
    for node in chain.nodes:
        x, y = at[node.id]
        fill, stroke = NODE_COLOURS[node.kind]
        label = node.id if len(node.id) <= LABEL_CHARS else node.id[:LABEL_CHARS - 1] + "\u2026"
        out.append(f'<g class="node {node.kind}" data-id="{escape(node.id)}"><title>{escape(node.id)} '
                   f'({node.kind})</title><rect x="{x - BOX_WIDTH / 2:.1f}" y="{y - BOX_HEIGHT / 2:.1f}" '
                   f'width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" fill="{fill}" stroke="{stroke}" '
                   f'stroke-width="1.6"/><text x="{x:.1f}" y="{y + 4:.1f}" font-size="12" fill="#1d2430" '
                   f'text-anchor="middle" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">'
                   f"{escape(label)}</text></g>")
    out.append("</svg>")
    return "".join(out)
