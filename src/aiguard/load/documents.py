"""Parse one inventory file into plain data plus a map from each value's path to its line.

Files are read by ``safe`` (regular files, size cap, UTF-8), parsed by the fast path (``fast``,
rapidyaml) when it can vouch for the file, else by the reference reader (``yaml_events``, libyaml's
events), which also writes every diagnostic. JSON files are first parsed by ``json`` for strict
JSON syntax errors, then walked the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiguard.errors import InputError, Problem
from aiguard.load.safe import MAX_FILE_BYTES, read_text
from aiguard.load.yaml_events import MAX_ALIAS_NODES, MAX_DEPTH, LineMap, Path_, build, dotted, reference_lines

if TYPE_CHECKING:
    from aiguard.load.ryml_lines import TreeLines

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "MAX_FILE_BYTES", "Document", "LineMap", "Path_", "dotted",
           "load_documents", "read_document", "read_documents", "reference_lines"]


@dataclass
class Document:
    """One parsed inventory file."""

    path: Path
    data: dict[str, Any]
    lines: LineMap | TreeLines = field(repr=False)  # TreeLines: computed when asked (fast path)
    size: int = 0  # characters of text (what decides whether later stages fork workers)

    def line(self, path: Path_) -> int:
        """The line of ``path`` or of its nearest ancestor that has one."""
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.lines.get(()) or 1


#: Characters from which a file takes the fast path by default: below, the reference reader
#: parses it in less time than importing rapidyaml takes (~10 ms, most of a small check's start-up).
FAST_ABOVE_CHARS = 32_768


def read_document(path: Path, max_bytes: int = MAX_FILE_BYTES, fast: bool | None = None) -> Document:
    """Read and parse one file; any problem raises ``InputError`` naming the file and line.

    ``fast``: try the rapidyaml fast path first (``aiguard.load.fast``); it gives the same values
    and lines, and leaves every file it cannot vouch for (and every diagnostic) to the reference
    reader below. By default, files above ``FAST_ABOVE_CHARS`` do.
    """
    text, is_json = _read_text(path, max_bytes)
    if fast or (fast is None and len(text) > FAST_ABOVE_CHARS):
        from aiguard.load import fast as fast_path

        parsed = fast_path.parse(text, is_json)
        if parsed is not None:
            return Document(path, *parsed, len(text))
    data, builder = build(str(path), text, is_json)
    return Document(path, data, builder.lines, len(text))


def _read_text(path: Path, max_bytes: int) -> tuple[str, bool]:
    text = read_checked_text(path, max_bytes)
    is_json = path.suffix.lower() == ".json"
    if is_json:
        _check_json(str(path), text)
        # Valid JSON holds tabs only as whitespace between tokens, which YAML 1.1 rejects there.
        text = text.replace("\t", " ")
    return text, is_json


def read_checked_text(path: Path, max_bytes: int) -> str:
    """A regular file's text (``safe.read_text``: not over ``max_bytes``, UTF-8, no NUL bytes), not
    empty; else ``InputError``."""
    name = str(path)
    text = read_text(path, max_bytes)
    if not text.strip():
        raise InputError([Problem(name, 1, None, "file is empty")])
    return text


def load_documents(paths: list[Path], max_bytes: int = MAX_FILE_BYTES, workers: int = 1) -> list[Document]:
    """Read every file, collecting the problems of all of them before failing."""
    documents, problems = read_documents(paths, max_bytes, workers)
    if problems:
        raise InputError(problems)
    return documents


def read_documents(paths: list[Path], max_bytes: int = MAX_FILE_BYTES,
                   workers: int = 1) -> tuple[list[Document], list[Problem]]:
    """The files that parse, and the problems of those that do not (validation goes on with the
    rest, so that one run reports every problem).

    With ``workers``, large inventories are parsed by forked worker processes, a file each at a
    time: parsing is CPU-bound Python, and the machines aiguard runs on in CI have more than one core.
    """
    outcomes = _parse_all(paths, max_bytes, workers)
    problems = [p for outcome in outcomes if isinstance(outcome, list) for p in outcome]
    return [outcome for outcome in outcomes if isinstance(outcome, Document)], problems


def _parse_all(paths: list[Path], max_bytes: int, workers: int) -> list[Document | list[Problem]]:
    workers = min(len(paths), workers)
    if workers > 1:
        from aiguard.parallel import fork_map, worth_forking

        if worth_forking(workers, sum(path.stat().st_size for path in paths if path.is_file())):
            return fork_map(_parse_one, [(path, max_bytes) for path in paths], workers)
    return [_parse_one(path, max_bytes) for path in paths]


def _parse_one(path: Path, max_bytes: int) -> Document | list[Problem]:
    try:
        return read_document(path, max_bytes)
    except InputError as error:
        return error.problems


def _check_json(name: str, text: str) -> None:
    # Numbers are left unconverted: the walk of the parse tree names the line of one no engine can
    # hold, and reports a key written twice with both lines.
    parse_strict_json(name, text, duplicates_reported_later=True, parse_int=len, parse_float=len)


def parse_strict_json(name: str, text: str, *, duplicates_reported_later: bool = False, **options: Any) -> Any:
    """Strict JSON, for every JSON file aiguard reads: a key twice in one object (the last would
    silently win), ``NaN``/``Infinity`` (not JSON) and a number too long to convert are errors
    naming the file; ``options`` go to ``json.loads``."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_not_json, **options)
    except json.JSONDecodeError as error:
        raise InputError([Problem(name, error.lineno, None, f"invalid JSON: {error.msg} (column {error.colno})")]) from None
    except _DuplicateKey as error:
        if duplicates_reported_later:
            return None
        key = json.dumps(error.args[0])
        raise InputError([Problem(name, None, None, f"invalid JSON: key {key} twice in one object")]) from None
    except RecursionError:
        raise InputError([Problem(name, None, None, "invalid JSON: nested too deeply")]) from None
    except ValueError as error:  # NaN, or a 5,000-digit number
        raise InputError([Problem(name, None, None, f"invalid JSON: {error}")]) from None


class _DuplicateKey(Exception):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")

