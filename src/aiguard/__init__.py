"""aiguard: policy checks for AI-asset inventories.

The public API is re-exported here lazily so that ``import aiguard`` stays cheap for the CLI::

    import aiguard
    report = aiguard.check(["inventories/compliant"], as_of="2026-11-25")
    print(report.summary)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiguard._version import __version__

__all__ = [
    "AiguardError",
    "CheckRequest",
    "Finding",
    "Inventory",
    "Report",
    "__version__",
    "check",
    "load_inventory",
    "validate",
]

_LAZY = {
    "check": "aiguard.api",
    "validate": "aiguard.api",
    "load_inventory": "aiguard.api",
    "Report": "aiguard.findings",
    "Finding": "aiguard.findings",
    "AiguardError": "aiguard.errors",
    "CheckRequest": "aiguard.request",
    "Inventory": "aiguard.validate.model",
}

if TYPE_CHECKING:  # pragma: no cover
    from aiguard.api import check, load_inventory, validate
    from aiguard.errors import AiguardError
    from aiguard.findings import Finding, Report
    from aiguard.request import CheckRequest
    from aiguard.validate.model import Inventory


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aiguard' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
