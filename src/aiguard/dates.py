"""Dates as aiguard reads them: ``YYYY-MM-DD`` exactly (``date.fromisoformat`` also takes ``20261125``)."""

from __future__ import annotations

import datetime as dt


def parse_date(text: str) -> dt.date:
    """The date ``text`` spells; ``ValueError`` with a message naming the expected form otherwise."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except (ValueError, TypeError):
        raise ValueError(f"expected a date such as 2026-11-25, got {text!r}") from None
