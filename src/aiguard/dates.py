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


def parse_evaluation_date(text: str) -> dt.date:
    """``parse_date`` of a date policies compute with (``--as-of``): within their years too."""
    from aiguard.validate.collections import MAX_YEAR, MIN_YEAR

    day = parse_date(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"{text} is outside the years {MIN_YEAR} to {MAX_YEAR} that policies can compute with")
    return day
