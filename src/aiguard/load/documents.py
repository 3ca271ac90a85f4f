"""Parse one inventory file into plain data plus a map from each value's path to its line.

libyaml (through PyYAML's C parser) turns the file into events; we build the values ourselves from
the events rather than letting PyYAML compose and construct them (which was 4x slower), and
because its safe loader:
- keeps the last of two duplicate keys silently (a dropped control): we reject duplicates;
- expands aliases without bound (billion laughs): we cap the nodes an alias may add, and refuse
  recursive aliases, before the values are built;
- follows YAML 1.1, where ``yes``/``no``/``on``/``NO`` are booleans and dates become objects: we
  resolve scalars by the YAML 1.2 core schema (JSON's types), and dates stay ISO strings that the
  schema checks.
JSON files are first parsed by ``json`` for strict JSON syntax errors, then walked the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from aiguard.errors import InputError, Problem

if TYPE_CHECKING:
    from aiguard.load.fast import TreeLines

#: Default cap on one file's size; a generated 100,000-asset inventory split over files stays far below it.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Nodes that aliases may add to one file once expanded.
MAX_ALIAS_NODES = 100_000
#: Inventories are about six levels deep; anything past this is not an inventory. Levels below the
#: top one: rapidyaml's emitter stops at the same depth (a test holds the two readers to it).
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
LineMap = dict[Path_, int]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


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
        return self.lines.get((), 1)


def read_document(path: Path, max_bytes: int = MAX_FILE_BYTES, fast: bool = True) -> Document:
    """Read and parse one file; any problem raises ``InputError`` naming the file and line.

    ``fast``: try the rapidyaml fast path first (``aiguard.load.fast``); it gives the same values
    and lines, and leaves every file it cannot vouch for (and every diagnostic) to the reference
    reader below.
    """
    text, is_json = _read_text(path, max_bytes)
    if fast:
        from aiguard.load import fast as fast_path

        parsed = fast_path.parse(text, is_json)
        if parsed is not None:
            return Document(path, *parsed, len(text))
    data, builder = _build(str(path), text, is_json)
    return Document(path, data, builder.lines, len(text))


def reference_lines(text: str, is_json: bool) -> LineMap:
    """The line of every path, by the reference reader (for a file the fast path already read)."""
    return _build("", text, is_json)[1].lines


def _read_text(path: Path, max_bytes: int) -> tuple[str, bool]:
    text = read_checked_text(path, max_bytes)
    is_json = path.suffix.lower() == ".json"
    if is_json:
        _check_json(str(path), text)
        # Valid JSON holds tabs only as whitespace between tokens, which YAML 1.1 rejects there.
        text = text.replace("\t", " ")
    return text, is_json


def read_checked_text(path: Path, max_bytes: int) -> str:
    """A regular file's text: not over ``max_bytes``, UTF-8, not empty, no NUL bytes (else ``InputError``)."""
    name = str(path)
    try:
        if not path.is_file():
            raise InputError([Problem(name, None, None, "not a regular file")])
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError([Problem(name, None, None, f"file is {size} bytes, over the {max_bytes}-byte limit")])
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(name, None, None, f"cannot read: {error.strerror or error}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError([Problem(name, line, None, "not UTF-8 text (byte %#x)" % raw[error.start])]) from None
    if not text.strip():
        raise InputError([Problem(name, 1, None, "file is empty")])
    if "\x00" in text:
        raise InputError([Problem(name, text[: text.index("\x00")].count("\n") + 1, None, "file contains NUL bytes")])
    return text


def _build(name: str, text: str, is_json: bool) -> tuple[dict[str, Any], _Builder]:
    """The reference reader: libyaml's events, walked in Python."""
    try:
        builder = _Builder(name)
        data = builder.build(yaml.parse(text, Loader=_Parser))
    except _Abort:
        raise InputError(builder.problems) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        context = error.context
        if context and error.context_mark and error.context_mark.line + 1 != line:
            context += f" (started on line {error.context_mark.line + 1})"
        message = "; ".join(p for p in (context, error.problem) if p)
        raise InputError([Problem(name, line, None, f"invalid {'JSON' if is_json else 'YAML'}: {message}")]) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(name, None, None, f"invalid YAML: {error}")]) from None
    if builder.problems:
        raise InputError(builder.problems)
    if builder.documents == 0:
        raise InputError([Problem(name, 1, None, "file holds no document (only comments)")])
    if not isinstance(data, dict):
        raise InputError([Problem(name, builder.lines.get((), 1), None, "an inventory file must be a mapping")])
    return data, builder


def load_documents(paths: list[Path], max_bytes: int = MAX_FILE_BYTES) -> list[Document]:
    """Read every file, collecting the problems of all of them before failing.

    Large inventories are parsed by forked worker processes, a file each at a time: parsing is
    CPU-bound Python, and the machines aiguard runs on in CI have more than one core.
    """
    outcomes = _parse_all(paths, max_bytes)
    problems = [p for outcome in outcomes if isinstance(outcome, list) for p in outcome]
    if problems:
        raise InputError(problems)
    return [outcome for outcome in outcomes if isinstance(outcome, Document)]


#: Total bytes above which files are parsed in parallel (below it a fork costs more than it saves).
PARALLEL_ABOVE_BYTES = 2_000_000


def _parse_all(paths: list[Path], max_bytes: int) -> list[Document | list[Problem]]:
    import os

    workers = min(len(paths), os.cpu_count() or 1, 4)
    if workers > 1:
        total = sum(path.stat().st_size for path in paths if path.is_file())
        if total > PARALLEL_ABOVE_BYTES:
            from aiguard.parallel import fork_map

            return fork_map(_parse_one, [(path, max_bytes) for path in paths], workers)
    return [_parse_one(path, max_bytes) for path in paths]


def _parse_one(path: Path, max_bytes: int) -> Document | list[Problem]:
    try:
        return read_document(path, max_bytes)
    except InputError as error:
        return error.problems


def _check_json(name: str, text: str) -> None:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen[key] = value
        return seen

    try:
        json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        raise InputError([Problem(name, error.lineno, None, f"invalid JSON: {error.msg} (column {error.colno})")]) from None
    except _DuplicateKey:
        pass  # the node walk below reports it with both lines
    except RecursionError:
        raise InputError([Problem(name, None, None, "invalid JSON: nested too deeply")]) from None


class _DuplicateKey(Exception):
    pass


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "path", "is_map", "key", "anchor", "size", "first_line", "merges", "bad_key")

    def __init__(self, value: Any, path: Path_, is_map: bool, anchor: str | None):
        self.value = value
        self.path = path
        self.is_map = is_map
        self.key: str | None = None  # in a mapping: the key whose value comes next
        self.anchor = anchor
        self.size = 1  # nodes in this subtree, aliases expanded
        self.first_line: dict[str, int] = {}
        self.merges: list[tuple[Any, int]] = []
        self.bad_key = False


class _Builder:
    """Builds plain values from YAML events, recording each path's line and every problem."""

    def __init__(self, file: str):
        self.file = file
        self.lines: LineMap = {}
        self.problems: list[Problem] = []
        self.documents = 0
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._alias_nodes = 0

    def _fail(self, line: int, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.file, line, dotted(path) or None, message))

    def build(self, events: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        scalar_event = yaml.ScalarEvent
        for event in events:
            kind = type(event)
            if kind is scalar_event and stack:
                parent = stack[-1]
                key = parent.key
                if key.__class__ is str and event.tag is None and event.anchor is None:
                    # The common case, kept short: a plain or quoted value under a string key
                    # (whose line the key already recorded).
                    parent.value[key] = _resolve_plain(event.value) if event.implicit[0] else event.value
                    parent.size += 1
                    parent.key = None
                    continue
            line = event.start_mark.line + 1
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                parent = stack[-1] if stack else None
                if parent is not None and parent.is_map and parent.key is None and not parent.bad_key:
                    if kind is yaml.AliasEvent or (event.tag not in (None, "!", _TAG + "str")):
                        self._fail(line, parent.path, "mapping keys must be plain strings")
                        parent.bad_key = True
                        continue
                    parent.key = event.value  # a key: no value of its own yet
                    if event.value == "<<" and event.implicit[0]:
                        parent.key = _MERGE
                    elif event.value in parent.first_line:
                        self._fail(line, (*parent.path, event.value),
                                   f"duplicate key (first defined on line {parent.first_line[event.value]}); "
                                   "YAML would silently keep only the last one")
                        parent.key = _DUPLICATE
                    else:
                        parent.first_line[event.value] = line
                        # A field's line is its key's, not its value's (a block value starts below).
                        self.lines[(*parent.path, event.value)] = line
                    continue
                path = self._child_path(parent)
                if kind is yaml.AliasEvent:
                    value, size = self._alias(event.anchor, line, path)
                else:
                    value, size = self._scalar(event, line, path), 1
                    if event.anchor is not None:
                        self._anchors[event.anchor] = (value, 1)
                self.lines.setdefault(path, line)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                parent = stack[-1] if stack else None
                if parent is not None and parent.is_map and parent.key is None and not parent.bad_key:
                    self._fail(line, parent.path, "mapping keys must be plain strings")
                    parent.bad_key = True
                path = self._child_path(parent)
                if len(stack) > MAX_DEPTH:
                    self._fail(line, path, f"nested deeper than {MAX_DEPTH} levels")
                    raise _Abort
                is_map = kind is yaml.MappingStartEvent
                if event.tag not in (None, "!", _TAG + ("map" if is_map else "seq")):
                    self._fail(line, path, f"unsupported YAML tag {event.tag!r}")
                if event.anchor is not None:
                    self._anchors.pop(event.anchor, None)  # redefined: an alias inside it would recurse
                self.lines.setdefault(path, line)
                stack.append(_Frame({} if is_map else [], path, is_map, event.anchor))
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                for merged, merge_line in frame.merges:
                    self._merge(frame, merged, merge_line)
                value, size = frame.value, frame.size
                if frame.anchor is not None:
                    self._anchors[frame.anchor] = (value, size)
                parent = stack[-1] if stack else None
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self._fail(line, (), "a file may hold one YAML document only (found a second '---')")
                    raise _Abort
                continue
            else:
                continue
            if parent is None:
                root = value
            elif parent.is_map:
                parent.size += size
                if parent.bad_key:
                    parent.bad_key = False
                elif parent.key is _MERGE:
                    parent.merges.append((value, line))
                elif parent.key is not _DUPLICATE:
                    parent.value[parent.key] = value
                parent.key = None
            else:
                parent.size += size
                parent.value.append(value)
        return root

    def _child_path(self, parent: _Frame | None) -> Path_:
        if parent is None:
            return ()
        if parent.is_map:
            return (*parent.path, parent.key) if isinstance(parent.key, str) else parent.path
        return (*parent.path, len(parent.value))

    def _alias(self, anchor: str, line: int, path: Path_) -> tuple[Any, int]:
        if anchor not in self._anchors:
            self._fail(line, path, f"alias *{anchor} refers to an anchor that is undefined or still open (recursive)")
            raise _Abort
        value, size = self._anchors[anchor]
        self._alias_nodes += size
        if self._alias_nodes > MAX_ALIAS_NODES:
            # Checked before the alias is used: a billion-laughs file stops here, unexpanded.
            self._fail(line, path, f"YAML aliases expand to more than {MAX_ALIAS_NODES} nodes")
            raise _Abort
        return value, size

    def _merge(self, frame: _Frame, merged: Any, line: int) -> None:
        sources = merged if isinstance(merged, list) else [merged]
        for source in sources:
            if not isinstance(source, dict):
                self._fail(line, frame.path, "a '<<' merge key needs a mapping or a list of mappings")
                continue
            for name, value in source.items():
                frame.value.setdefault(name, value)

    def _scalar(self, event: Any, line: int, path: Path_) -> Any:
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            return _resolve_plain(value) if event.implicit[0] else value
        if tag == _TAG + "str":
            return value
        if tag in _EXPLICIT:
            try:
                return _EXPLICIT[tag](value)
            except ValueError:
                self._fail(line, path, f"{value!r} is not a valid {tag.rpartition(':')[2]}")
                return None
        self._fail(line, path, f"unsupported YAML tag {tag!r}")
        return None


_MERGE = object()
_DUPLICATE = object()


def _resolve_plain(value: str) -> Any:
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
    """A regular expression for the plain scalars ``_resolve_plain`` does not keep as strings."""
    words = sorted((_NULLS | _BOOLS.keys()) - {""})
    return "|".join([*map(re.escape, words), _INT.pattern, _FLOAT.pattern, _SPECIAL.pattern])


def _explicit_bool(value: str) -> bool:
    if value not in _BOOLS:
        raise ValueError
    return _BOOLS[value]


def _explicit_null(value: str) -> None:
    if value not in _NULLS:
        raise ValueError


_EXPLICIT = {
    _TAG + "int": lambda v: int(v, 0) if v[:2] in ("0o", "0x") else int(v),
    _TAG + "float": float,
    _TAG + "bool": _explicit_bool,
    _TAG + "null": _explicit_null,
}


class _Abort(Exception):
    pass


def dotted(path: Path_) -> str:
    """``("models", 0, "weights", "format")`` -> ``models[0].weights.format``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
