"""Reading a source file and telling its format from its content."""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from aiguard.errors import InputError, Problem, UsageError
from aiguard.load.documents import MAX_FILE_BYTES, parse_strict_json, read_checked_text

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


def parse_json(name: str, text: str) -> Any:
    """Strict JSON, as for inventories: a key twice in one object, ``NaN``/``Infinity`` and a
    number too long to convert are errors naming the file."""
    return parse_strict_json(name, text)


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
