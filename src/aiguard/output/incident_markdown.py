"""Markdown: the incident scope for a ticket or a wiki page. Inventory text is escaped as in the
audit report (``aiguard.output.markdown``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiguard.output.incident_view import STATUS, view
from aiguard.output.markdown import table, text

if TYPE_CHECKING:
    from aiguard.incident import Incident


def render(incident: Incident) -> str:
    page = view(incident)
    out = [f"# {text(page.title)}", "", f"**{text(page.headline)}**", "", f"> {text(page.disclaimer)}", ""]
    out += table(["Item", "Value"], [[text(label), text(value)] for label, value in page.facts])
    for section in page.sections:
        out += ["", f"## {text(section.title)}", "", text(section.note), ""]
        if not section.rows:
            out.append(text(section.empty))
            continue
        header = [name.lstrip("#") for name in section.header]
        out += table(header, [[f"**{text(cell)}**" if name == STATUS and cell == "required" else text(cell)
                               for name, cell in zip(section.header, row, strict=True)] for row in section.rows])
    out += ["", "---", text(page.disclaimer)]
    return "\n".join(out) + "\n"
