"""Severities, from most to least severe: the one definition every stage and the CLI use."""

from __future__ import annotations

SEVERITIES = ("critical", "high", "medium", "low")
#: Severity -> rank, 0 the most severe.
RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
