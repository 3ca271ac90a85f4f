"""Reading a source file and telling its format from its content."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from aiguard.errors import InputError, Problem, UsageError
from aiguard.load.documents import MAX_FILE_BYTES, read_checked_text

FORMATS = ("cyclonedx", "spdx", "hf", "croissant")
EXTRA = "pip install 'aiguard[import]'"


@dataclass
class Source:
    """One file to import: its name as given, its text and (JSON formats) its parsed value."""

    name: str
    text: str
    data: Any = None

    def error(self, where: str | None, message: str, line: int | None = None) -> InputError:
        return InputError([Problem(self.name, line, where, message)])


def read(path: Path, fmt: str | None) -> tuple[str, Source]:
    """Read ``path`` and tell its format (``fmt`` when given); bad input raises ``InputError``."""
    name = str(path)
    text = read_checked_text(path, MAX_FILE_BYTES)
    if fmt == "hf" or (fmt is None and path.suffix.lower() in (".md", ".markdown")):
        return "hf", Source(name, text)
    source = Source(name, text, parse_json(name, text))
    if fmt is not None:
        return fmt, source
    return detect(source), source


class _DuplicateKey(Exception):
    pass


def parse_json(name: str, text: str) -> Any:
    """Strict JSON; a key twice in one object is an error (the last would silently win), and so
    are ``NaN``/``Infinity`` (not JSON) and a number too long to convert."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKey(key)
            out[key] = value
        return out

    def not_json(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    try:
        return json.loads(text, object_pairs_hook=unique, parse_constant=not_json)
    except json.JSONDecodeError as error:
        raise InputError([Problem(name, error.lineno, None, f"invalid JSON: {error.msg} (column {error.colno})")]) from None
    except _DuplicateKey as error:
        key = json.dumps(error.args[0])
        raise InputError([Problem(name, None, None, f"invalid JSON: key {key} twice in one object")]) from None
    except RecursionError:
        raise InputError([Problem(name, None, None, "invalid JSON: nested too deeply")]) from None
    except ValueError as error:  # NaN, or a 5,000-digit number
        raise InputError([Problem(name, None, None, f"invalid JSON: {error}")]) from None


def detect(source: Source) -> str:
    data = source.data
    if not isinstance(data, dict):
        raise source.error(None, "not an AI bill of materials: the document is not a JSON object")
    if "bomFormat" in data or "specVersion" in data:
        return "cyclonedx"
    context = json.dumps(data.get("@context", ""))
    if "spdx.org/rdf/" in context:
        return "spdx"
    if "mlcommons.org/croissant" in context or "conformsTo" in data:
        return "croissant"
    raise source.error(None, "cannot tell the format (no CycloneDX bomFormat, SPDX 3 @context or Croissant "
                             "context); name it with `fmt=cyclonedx|spdx|hf|croissant`")


def require(module: str, package: str, what: str) -> ModuleType:
    """Import a module of the ``import`` extra, or fail naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(f"reading {what} needs the optional extra 'import' ({package} is not installed): "
                         f"{EXTRA}") from None
