"""HTML: the audit report as one self-contained, printable page.

Content comes from ``aiguard.output.audit``; this module only typesets it. The page loads
nothing: CSS is inline, there is no script, font, image or link to fetch, and a Content Security
Policy (``default-src 'none'``) makes a browser refuse anything that slipped in. Every value is
``html.escape``d. No timestamps: the same report renders to the same bytes.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiguard.output.audit import FAIL, PASS, WAIVED, AuditView, FindingView, Segment, build
from aiguard.output.escape import printable

if TYPE_CHECKING:
    from aiguard.findings import Report
    from aiguard.output import RenderOptions

_STYLE = """
:root { --ink: #1d2430; --muted: #5b6576; --line: #d9dee6; --soft: #f4f6f9; --accent: #1f4e8c;
  --critical: #7a1f5c; --high: #b3261e; --medium: #a15c00; --low: #2f6f8f;
  --pass: #1e7b34; --fail: #b3261e; --waived: #5a4fb0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 48px; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 8px; }
header.top .kicker { color: var(--accent); font-weight: 600; letter-spacing: .08em; text-transform: uppercase;
  font-size: 12px; }
h1 { font-size: 26px; margin: 4px 0 10px; }
h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 22px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; }
.verdict { display: inline-block; font-weight: 700; padding: 3px 12px; border-radius: 4px; color: #fff;
  margin-right: 10px; }
.verdict.PASS { background: var(--pass); } .verdict.FAIL { background: var(--fail); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 6px 9px; border-bottom: 1px solid var(--line);
  overflow-wrap: anywhere; }
th { overflow-wrap: normal; white-space: nowrap; }  /* a header breaks between words, never inside one */
th { background: var(--soft); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 190px; text-transform: none; font-size: 13px; letter-spacing: 0; color: var(--ink); }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
code { white-space: nowrap; background: var(--soft); border: 1px solid var(--line); border-radius: 3px;
  padding: 0 4px; }
pre.command { background: #0f1b2d; color: #e8eef7; padding: 12px 14px; border-radius: 6px;
  white-space: pre-wrap; word-break: break-all; font-size: 12.5px; }
.cards { display: flex; gap: 12px; margin: 14px 0 4px; flex-wrap: wrap; }
.card { flex: 1 1 120px; border: 1px solid var(--line); border-top: 4px solid var(--muted); border-radius: 6px;
  padding: 10px 14px; }
.card .n { font-size: 26px; font-weight: 700; } .card .l { color: var(--muted); font-size: 12px; }
.card.critical { border-top-color: var(--critical); } .card.high { border-top-color: var(--high); }
.card.medium { border-top-color: var(--medium); } .card.low { border-top-color: var(--low); }
.card.waived { border-top-color: var(--waived); }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 600;
  color: #fff; text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
.pill.critical { background: var(--critical); } .pill.high { background: var(--high); }
.pill.medium { background: var(--medium); } .pill.low { background: var(--low); }
.pill.pass { background: var(--pass); } .pill.fail { background: var(--fail); }
.pill.waived { background: var(--waived); } .pill.baselined { background: var(--muted); }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 6px;
  padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.finding.critical { border-left-color: var(--critical); } .finding.high { border-left-color: var(--high); }
.finding.medium { border-left-color: var(--medium); } .finding.low { border-left-color: var(--low); }
.finding h3 { margin: 0 0 6px; font-size: 14.5px; } .finding h3 .id { margin: 0 6px; }
.finding dl { display: grid; grid-template-columns: 120px 1fr; gap: 3px 12px; margin: 0; }
.finding dt { color: var(--muted); } .finding dd { margin: 0; overflow-wrap: anywhere; }
table.matrix td:first-child { width: 170px; } table.matrix td:last-child { width: 90px; }
code.fail { color: var(--fail); border-color: #e6b3b0; background: #fdf1f0; font-weight: 600; }
figure.chain { margin: 10px 0 18px; overflow-x: auto; break-inside: avoid; }
figure.chain svg { max-width: 100%; height: auto; }
figure.chain figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print {
  main { max-width: none; padding: 0; } body { font-size: 11px; }
  h2 { break-after: avoid; } tr, .card { break-inside: avoid; } thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def render(report: Report, options: RenderOptions) -> str:
    view = build(report, options, "html")
    out = [
        *page_head(view.title, view.tool),
        '<header class="top">',
        '<div class="kicker">AI asset control audit</div>',
        f"<h1>{e(view.organization)}</h1>",
        f'<div><span class="verdict {view.verdict}">{view.verdict}</span>{e(view.verdict_detail)}</div>',
        "</header>",
    ]
    out += _summary_cards(view)
    out += _section("run", "Run")
    out += ['<table class="facts"><tbody>']
    out += [f"<tr><th>{e(f.label)}</th><td>{e(f.value)}</td></tr>" for f in view.facts]
    out += ["</tbody></table>", '<p class="note">Reproduce this report (same inventory and policy directories):</p>',
            f'<pre class="command">{e(view.command)}</pre>']

    out += _section("parameters", "Parameters")
    out += _table(["Parameter", "Value", "Source"],
                  [[f"<code>{e(p.name)}</code>", e(p.value), e(p.source)] for p in view.parameters])

    out += _section("summary", "Summary")
    out += ["<h3>By severity</h3>"]
    out += _table(["Severity", "#Policies", "#Open findings", "#Waived"],
                  [[_pill(s.severity), str(s.policies), str(s.open), str(s.waived)] for s in view.severities])
    out += ["<h3>By area</h3>"]
    out += _table(["Area", "#Policies", "#Open findings", "#Waived", "Status"],
                  [[e(a.area), str(a.policies), str(a.open), str(a.waived), _pill(a.status)] for a in view.areas])

    if report.exposures is not None:
        from aiguard.output import exposure_section

        out += exposure_section.html(exposure_section.build(report.exposures))

    out += _section("compliance", "Compliance matrix")
    out += ['<p class="note">A control fails when any policy mapped to it has an open finding (marked red), is '
            "waived when all its findings are waived, and passes otherwise.</p>"]
    if not view.frameworks:
        out += ["<p>No evaluated policy cites a framework.</p>"]
    for framework in view.frameworks:
        counts = framework.counts
        out += [f"<h3>{e(framework.name)}</h3>",
                f'<p class="note">{counts[FAIL]} failing, {counts[WAIVED]} waived, {counts[PASS]} passing</p>']
        out += _table(["Control", "Policies", "Status"],
                      [[e(c.reference), " ".join(f'<code class="{e(s)}">{e(i)}</code>' for i, s in c.policies),
                        _pill(c.status)] for c in framework.controls], "matrix")

    out += _section("findings", f"Open findings ({len(view.findings)})")
    out += [_finding(n, f) for n, f in enumerate(view.findings, 1)] or ["<p>None.</p>"]

    out += _section("waivers", f"Waivers ({len(view.waived)})")
    out += ['<p class="note">Findings accepted by an unexpired exception in the inventory: they do not fail the '
            "run and stay listed here with who accepted them, why, and until when.</p>"]
    out += [_finding(n, f) for n, f in enumerate(view.waived, 1)] or ["<p>None.</p>"]

    if view.evidence_facts:
        out += _section("evidence", "Evidence")
        out += ['<p class="note">What <code>aiguard verify</code> found in the artifacts, judged by the evidence '
                "policies.</p>"]
        out += _table(["Fact", "Value"], [[e(f.label), e(f.value)] for f in view.evidence_facts])
        out += _table(["Examined", "Id", "Status", "Detail"], [[e(c) for c in row] for row in view.evidence_rows])

    out += _section("policies", f"Policies evaluated ({len(view.policies)})")
    out += _table(["Policy", "Severity", "Area", "Title", "#References", "#Open", "#Waived", "Status"],
                  [[f"<code>{e(p.id)}</code>", _pill(p.severity), e(p.area), e(p.title), str(p.references),
                    str(p.open), str(p.waived), _pill(p.status)] for p in view.policies])

    out += _section("files", f"Inventory files ({len(view.files)})")
    out += ["<ul>"] + [f'<li class="mono">{e(file)}</li>' for file in view.files] + ["</ul>"]
    out += [f"<footer>Generated by {e(view.tool)}. Evaluated as of {e(_fact(view, 'As of'))}; "
            f"policy set {e(_fact(view, 'Policy set digest'))}.</footer>",
            "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def page_head(title: str, generator: str, style: str = "") -> list[str]:
    """Everything up to ``<main>``: the Content Security Policy that forbids loading or running
    anything, and the report's stylesheet (plus ``style``); shared by every HTML page aiguard writes."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{e(generator)}">',
        f"<title>{e(title)}</title>",
        f"<style>{_STYLE}{style}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]


def e(value: str) -> str:
    return escape(printable(value), quote=True)


def _fact(view: AuditView, label: str) -> str:
    return next(f.value for f in view.facts if f.label == label)


def _section(anchor: str, title: str) -> list[str]:
    return [f'<h2 id="{anchor}">{e(title)}</h2>']


def _pill(status: str) -> str:
    return f'<span class="pill {e(status)}">{e(status)}</span>'


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> list[str]:
    """Header names starting with ``#`` are numeric columns (right-aligned); cells are markup."""
    columns = [(name[1:], ' class="num"') if name.startswith("#") else (name, "") for name in header]
    out = [f'<table class="{cls}">' if cls else "<table>",
           "<thead><tr>" + "".join(f"<th{align}>{e(name)}</th>" for name, align in columns) + "</tr></thead>",
           "<tbody>"]
    for row in rows:
        cells = "".join(f"<td{align}>{cell}</td>" for (_, align), cell in zip(columns, row, strict=True))
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</tbody>", "</table>"]


def _rich(parts: tuple[Segment, ...]) -> str:
    return "".join(f"<code>{e(part)}</code>" if is_code else e(part) for is_code, part in parts)


def _finding(number: int, finding: FindingView) -> str:
    rows = [("Subject", f'<span class="mono">{e(finding.subject)}</span>')]
    if finding.principal:
        rows.append(("Principal", f'<span class="mono">{e(finding.principal)}</span>'))
    rows += [("Location", f'<span class="mono">{e(finding.location)}</span>'), ("Finding", e(finding.message)),
             ("Remediation", _rich(finding.remediation))]
    if finding.waiver:
        waiver = finding.waiver
        rows += [("Waived because", e(waiver.reason)), ("Approved by", e(waiver.approved_by)),
                 ("Expires", e(waiver.expires)), ("Exception", f'<span class="mono">{e(waiver.location)}</span>')]
    waived = _pill(WAIVED) + " " if finding.waiver else '<span class="pill baselined">in baseline</span> ' \
        if finding.baselined else ""
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return (f'<article class="finding {e(finding.severity)}"><h3>{number}. {waived}{_pill(finding.severity)}'
            f'<code class="id">{e(finding.policy_id)}</code>{e(finding.title)}</h3><dl>{body}</dl></article>')


def _summary_cards(view: AuditView) -> list[str]:
    cards = [(s.severity, s.open, f"open {s.severity}") for s in view.severities]
    cards.append(("waived", len(view.waived), "waived"))
    return ['<div class="cards">'] + [
        f'<div class="card {e(cls)}"><div class="n">{n}</div><div class="l">{e(label)}</div></div>'
        for cls, n, label in cards
    ] + ["</div>"]
