"""``aiguard exposure --format json``: the contract's object (``exposures``, sorted by ``from``)
with the run's date and the graph's size beside it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiguard.exposure import ExposureReport


def render(report: ExposureReport) -> str:
    document = {
        "as_of": report.as_of.isoformat(),
        "graph": {"nodes": len(report.graph.kinds), "edges": report.graph.edge_count},
        "exposures": [exposure.as_dict() for exposure in report.exposures],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
