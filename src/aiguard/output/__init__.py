"""Stage 5, output: one module per format, each with ``render(report, options) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiguard.errors import UsageError

if TYPE_CHECKING:
    from aiguard.findings import Report

#: Format name -> module under aiguard.output.
FORMATS = {"text": "text", "json": "json_format", "markdown": "markdown", "html": "html",
           "sarif": "sarif", "junit": "junit", "github": "github"}


@dataclass(frozen=True)
class RenderOptions:
    fail_on: str = "low"
    color: bool = False


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    module = FORMATS.get(fmt)
    if module is None:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"aiguard.output.{module}").render(report, options or RenderOptions())
