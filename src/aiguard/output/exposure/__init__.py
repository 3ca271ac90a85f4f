"""Output of ``aiguard exposure``: one module per format, each with ``render(report) -> str``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from aiguard.errors import UsageError
from aiguard.output.text import counted

if TYPE_CHECKING:
    from aiguard.exposure import Edge, Exposure, ExposureReport

#: Format name -> module under aiguard.output.exposure.
FORMATS = {"text": "text", "json": "json_format", "dot": "dot", "mermaid": "mermaid"}


def render(report: ExposureReport, fmt: str) -> str:
    module = FORMATS.get(fmt)
    if module is None:
        raise UsageError(f"unknown exposure format {fmt!r}; choose one of {', '.join(FORMATS)}")
    text: str = importlib.import_module(f"aiguard.output.exposure.{module}").render(report)
    return text


def worst_first(exposures: list[Exposure]) -> list[Exposure]:
    """Most sensitive GB first, then most GB, then by name (deterministic)."""
    return sorted(exposures, key=lambda e: (-e.gb_sensitive, -e.gb_total, e.start))


def path_edges(exposures: list[Exposure]) -> list[Edge]:
    """The edges of every reported path, each once, in a stable order: the graph the pictures draw."""
    seen: dict[tuple[str, str], Edge] = {}
    for exposure in exposures:
        for asset in exposure.assets:
            for edge in exposure.paths[asset]:
                seen.setdefault((edge.source, edge.target), edge)
    return [seen[key] for key in sorted(seen)]


def gb_text(value: float) -> str:
    """A size as people write it: integers without a point, others to one decimal."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def reach_summary(exposure: Exposure) -> str:
    """``group:x reaches 4 models and datasets, 603 GB (600 GB sensitive)``: one line for every format."""
    return (f"{exposure.start} reaches {counted(len(exposure.assets), 'model or dataset', 'models and datasets')}, "
            f"{gb_text(exposure.gb_total)} GB ({gb_text(exposure.gb_sensitive)} GB sensitive)")
