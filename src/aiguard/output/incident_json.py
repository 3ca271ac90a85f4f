"""JSON: the incident scope as one object (``schema_version`` changes only when a field is renamed or removed)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiguard.incident import Incident

SCHEMA_VERSION = 1


def render(incident: Incident) -> str:
    from aiguard import __version__

    document = {"schema_version": SCHEMA_VERSION, "tool": {"name": "aiguard", "version": __version__},
                **incident.as_dict()}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
