"""Text: the incident scope for a terminal: facts, then each section as indented records."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from aiguard.output.incident_view import STATUS, view

if TYPE_CHECKING:
    from aiguard.incident import Incident

_WIDTH = 100


def render(incident: Incident) -> str:
    page = view(incident)
    out = [page.title.upper(), _wrap(page.headline, ""), ""]
    label_width = max(len(label) for label, _ in page.facts)
    out += [_wrap(value, f"{label + ':':<{label_width + 1}} ") for label, value in page.facts]
    for section in page.sections:
        out += ["", section.title.upper(), _wrap(section.note, "  ")]
        if not section.rows:
            out.append(f"  {section.empty}")
        for row in section.rows:
            # The first column (or the status with the duty) heads the record; the others follow, labelled.
            first = 2 if section.header[0] == STATUS else 1
            out.append("  " + (f"[{row[0].upper()}] {row[1]}" if first == 2 else row[0]))
            for name, cell in zip(section.header[first:], row[first:], strict=True):
                out.append(_wrap(cell, f"      {name.lstrip('#')}: "))
    out += ["", _wrap(page.disclaimer, "")]
    return "\n".join(out) + "\n"


def _wrap(text: str, prefix: str) -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=prefix, subsequent_indent=" " * min(len(prefix) + 2, 32),
                         break_on_hyphens=False, break_long_words=False)
