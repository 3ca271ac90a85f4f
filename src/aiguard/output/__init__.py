"""Stage 5, output: one module per report format, each a ``Renderer`` (a module-level ``render``).

A new format: a module here with ``render(report, options) -> str`` and one line in ``FORMATS``.
(The policy reference, docs/policies.md, is not a report format: ``aiguard.policy_reference``.)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

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


class Renderer(Protocol):
    """What every format module's ``render`` is: the whole report as one string, deterministic
    (the same report and options give the same bytes)."""

    def __call__(self, report: Report, options: RenderOptions, /) -> str: ...


def renderer(fmt: str) -> Renderer:
    """The ``render`` function of format ``fmt`` (its module is imported now, not before)."""
    module = FORMATS.get(fmt)
    if module is None:
        raise UsageError.of("format", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    render_function: Renderer = importlib.import_module(f"aiguard.output.{module}").render
    return render_function


def render(report: Report, fmt: str, options: RenderOptions | None = None) -> str:
    return renderer(fmt)(report, options or RenderOptions())
