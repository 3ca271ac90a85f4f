"""The audit report's Exposure section: the ranking, the SVG chains (HTML) and Mermaid (Markdown),
rendered in process from a real inventory file (tests/data/incident, a breach chain)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import AS_OF, REPO

import aiguard
from aiguard.cli import main
from aiguard.exposure import exposures
from aiguard.output.exposure_section import build, mermaid

CHAIN = str(REPO / "tests" / "data" / "incident")


def report(fmt: str, *paths: str) -> str:
    result = CliRunner().invoke(main, ["report", *(paths or (CHAIN,)), "--as-of", AS_OF, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.output


def section(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end)]


def test_html_ranks_starting_points_by_sensitive_gb_and_draws_the_worst_chains() -> None:
    page = section(report("html"), '<h2 id="exposure">', '<h2 id="compliance">')
    rows = re.findall(r"<tr><td class=\"num\">(\d+)</td><td>([^<]+)</td>", page)
    assert [start for _, start in rows][:3] == ["credential:pat-dev", "group:all-staff", "partner:gannet-ai"]
    assert [int(rank) for rank, _ in rows] == list(range(1, len(rows) + 1))
    svgs = re.findall(r"<svg .*?</svg>", page)
    assert len(svgs) == 3
    nodes = re.findall(r'<g class="node (\w+)" data-id="([^"]+)"', svgs[1])
    assert nodes[0] == ("principal", "group:all-staff")
    assert ("credential", "credential:pat-dev") in nodes and ("store", "bucket-research") in nodes
    assert {n for kind, n in nodes if kind == "sensitive"} == {"osprey-v2", "trial-scans"}
    edges = re.findall(r'data-source="([^"]+)" data-target="([^"]+)"', svgs[1])
    assert ("train-logs", "credential:pat-dev") in edges
    # marker ids are unique in the page (one per chain)
    markers = re.findall(r'<marker id="([^"]+)"', page)
    assert len(markers) == len(set(markers)) == 3


def test_svg_boxes_do_not_overlap_and_arrows_point_to_the_next_layer() -> None:
    page = report("html")
    for svg in re.findall(r"<svg .*?</svg>", page):
        boxes = [tuple(float(v) for v in box) for box in
                 re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="(\d+)"', svg)]
        width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
        for i, (x, y, w, h) in enumerate(boxes):
            assert x >= 0 and x + w <= width and y >= 0 and y + h <= height
            for x2, y2, w2, h2 in boxes[i + 1:]:
                assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y, "boxes overlap"
        for x1, x2 in re.findall(r'<line x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"', svg):
            assert float(x1) < float(x2)


def test_markup_in_names_stays_text_in_svg_and_mermaid(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": """\
        models:
          - id: m1
            classification: restricted
            weights: {store: s1}
        stores:
          - id: s1
        access:
          - principal: "user:<b>x|y</b>\\"q"
            asset: s1
            level: read
        """})
    html_page = report("html", str(root))
    assert "<b>" not in html_page and 'data-id="user:&lt;b&gt;x|y&lt;/b&gt;&quot;q"' in html_page
    markdown = report("markdown", str(root))
    block = re.search(r"```mermaid\n(.*?)```", markdown, re.DOTALL).group(1)
    assert "<b>" not in block and '"q' not in block and "user:#lt;b#gt;x|y#lt;/b#gt;#quot;q" in block


def test_markdown_has_the_ranking_and_a_mermaid_flowchart_per_chain() -> None:
    page = section(report("markdown"), "## Exposure", "## Compliance matrix")
    assert "| Rank | From | Assets | GB total | GB sensitive |" in page
    assert "| 1 | credential:pat-dev | 3 | 1,020.5 GB | 1,000.5 GB |" in page
    assert page.count("```mermaid\nflowchart LR") == 3
    assert '  n0(["group:all-staff"])' in page and "-->|secret|" in page


def test_no_sensitive_reach_no_picture(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": """\
        models:
          - id: m1
            classification: public
            weights: {store: s1}
        stores:
          - id: s1
            public_access: true
        """})
    page = report("html", str(root))
    assert "No starting point reaches a sensitive asset." in page and "<svg" not in page


def test_picture_caps_the_assets_it_draws() -> None:
    inventory = aiguard.load_inventory([CHAIN])
    view = build(exposures(inventory, aiguard.api.parse_as_of(AS_OF)), chains=1, max_assets=1, max_rows=2)
    [chain] = view.chains
    assert [row.start for row in view.rows] == ["credential:pat-dev", "group:all-staff"] and view.more == 6
    assert chain.hidden == 1 and [n.id for n in chain.nodes if n.kind == "sensitive"] == ["osprey-v2"]
    assert mermaid(chain).startswith("flowchart LR\n  n0{{\"credential:pat-dev\"}}")


def test_check_renders_no_exposure_section_and_the_api_computes_it_on_request() -> None:
    from aiguard.output import render

    plain = aiguard.check([CHAIN], as_of=AS_OF)  # `check --format html`: the gate computes no exposure
    assert plain.exposures is None and 'id="exposure"' not in render(plain, "html")
    starts = [e.start for e in aiguard.check([CHAIN], as_of=AS_OF, exposure=True).exposures or ()]
    assert starts[0] == "anyone" and "credential:pat-dev" in starts


def test_a_layer_is_drawn_in_the_chains_order_whatever_the_hash_seed() -> None:
    # networkx groups a layer given by attribute name into a set (its order follows the hash seed):
    # the report's bytes changed from run to run.
    from aiguard.output.exposure_section import Chain, ChainNode
    from aiguard.output.exposure_svg import positions

    children = [f"dataset-{i:02d}" for i in range(12)]
    chain = Chain("anyone", "", (ChainNode("anyone", "public", 0), *(ChainNode(c, "asset", 1) for c in children)),
                  tuple(("anyone", c, "grant") for c in children), 0)
    at = positions(chain)
    assert sorted(children, key=lambda c: at[c][1]) == children
