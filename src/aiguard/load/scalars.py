"""Plain scalars by the YAML 1.2 core schema (JSON's types), shared by both YAML readers.

PyYAML's safe loader follows YAML 1.1, where ``yes``/``no``/``on``/``NO`` are booleans and dates
become objects: aiguard resolves scalars by the YAML 1.2 core schema instead, and dates stay ISO
strings that the schema checks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
#: Numbers an engine can hold: a 64-bit integer, a finite double (regorus and OPA differ beyond them,
#: and Python refuses to convert integers of more than 4,300 digits).
MAX_INTEGER = 2**63 - 1
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def resolve_plain(value: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema: null, bool, int, float, else a string."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[0]
    if first in "-+.0123456789":
        if _INT.fullmatch(value):
            return integer(value)
        if _FLOAT.fullmatch(value):
            return number(value)
        if _SPECIAL.fullmatch(value):
            raise ScalarError(f"{value} is not a finite number")
    return value


class ScalarError(ValueError):
    """A scalar no engine can hold (an integer beyond 64 bits, an infinite number)."""


def integer(text: str) -> int:
    """An integer literal (decimal, ``0o``, ``0x``) within ``MAX_INTEGER``, else ``ScalarError``."""
    if len(text) > 24:  # checked first: converting 5,000 digits is refused by Python itself
        raise ScalarError(f"integer {text[:20]}... is out of range (more than 64 bits)")
    value = int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if abs(value) > MAX_INTEGER:
        raise ScalarError(f"integer {text} is out of range (more than 64 bits)")
    return value


def number(text: str) -> float:
    """A finite floating-point number, else ``ScalarError`` (``1e400`` would be infinity)."""
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 24 else text[:20] + "..."
        raise ScalarError(f"{shown} is not a finite number")
    return value


def typed_scalar_pattern() -> str:
    """A regular expression for the plain scalars ``resolve_plain`` does not keep as strings."""
    words = sorted((_NULLS | _BOOLS.keys()) - {""})
    return "|".join([*map(re.escape, words), _INT.pattern, _FLOAT.pattern, _SPECIAL.pattern])


def _explicit_bool(value: str) -> bool:
    if value not in _BOOLS:
        raise ValueError
    return _BOOLS[value]


def _explicit_null(value: str) -> None:
    if value not in _NULLS:
        raise ValueError


EXPLICIT: dict[str, Callable[[str], Any]] = {
    TAG + "int": integer,
    TAG + "float": number,
    TAG + "bool": _explicit_bool,
    TAG + "null": _explicit_null,
}

