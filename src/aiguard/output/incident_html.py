"""HTML: the incident scope as one self-contained, printable page, styled and escaped like the
audit report (``aiguard.output.html``: inline CSS, no script, ``default-src 'none'``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.html import _section, _table, e, page_head
from aiguard.output.incident_view import STATUS, view

if TYPE_CHECKING:
    from aiguard.incident import Incident

_EXTRA_STYLE = """
.pill.required { background: var(--fail); } .pill.assumed { background: var(--medium); }
.pill.not-triggered { background: var(--pass); }
.disclaimer { border: 1px solid var(--line); border-left: 5px solid var(--medium); border-radius: 6px;
  padding: 8px 12px; margin: 12px 0; }
"""


def render(incident: Incident) -> str:
    from aiguard import __version__

    page = view(incident)
    out = [
        *page_head(page.title, f"aiguard {__version__}", _EXTRA_STYLE),
        '<header class="top">',
        '<div class="kicker">Incident scoping</div>',
        f"<h1>{e(page.title)}</h1>",
        f"<div>{e(page.headline)}</div>",
        "</header>",
        f'<p class="disclaimer">{e(page.disclaimer)}</p>',
        '<table class="facts"><tbody>',
    ]
    out += [f"<tr><th>{e(label)}</th><td>{e(value)}</td></tr>" for label, value in page.facts]
    out.append("</tbody></table>")
    for section in page.sections:
        out += _section(section.anchor, section.title)
        out.append(f'<p class="note">{e(section.note)}</p>')
        if not section.rows:
            out.append(f"<p>{e(section.empty)}</p>")
            continue
        out += _table(list(section.header), [[_pill(cell) if name == STATUS else e(cell)
                                              for name, cell in zip(section.header, row, strict=True)]
                                             for row in section.rows], section.anchor)
    out += [f"<footer>{e(page.disclaimer)}</footer>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _pill(status: str) -> str:
    return f'<span class="pill {e(status.replace(" ", "-"))}">{e(status)}</span>'
