"""Plain scalars by the YAML 1.2 core schema (JSON's types), shared by both YAML readers.

PyYAML's safe loader follows YAML 1.1, where ``yes``/``no``/``on``/``NO`` are booleans and dates
become objects: aiguard resolves scalars by the YAML 1.2 core schema instead, and dates stay ISO
strings that the schema checks.
"""

from __future__ import annotations

import re
from typing import Any

TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
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
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _SPECIAL.fullmatch(value):
            return float(value.replace(".", "", 1))
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


EXPLICIT = {
    TAG + "int": lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    TAG + "float": float,
    TAG + "bool": _explicit_bool,
    TAG + "null": _explicit_null,
}

