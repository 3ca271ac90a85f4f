"""Parse one inventory file into plain data plus a map from each value's path to its line.

PyYAML composes the file into a node graph (C-accelerated); we build the values ourselves from
the nodes rather than letting PyYAML construct them, because its safe loader:
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
from typing import Any

import yaml

from aiguard.errors import InputError, Problem

#: Default cap on one file's size; a generated 100,000-asset inventory split over files stays far below it.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Nodes that aliases may add to one file once expanded.
MAX_ALIAS_NODES = 100_000
#: Inventories are about six levels deep; anything past this is not an inventory.
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
LineMap = dict[Path_, int]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Resolves plain scalars by the YAML 1.2 core schema."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


_TAG = "tag:yaml.org,2002:"
for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
):
    _CoreSchemaLoader.add_implicit_resolver(_TAG + _tag, re.compile(_pattern), _first)

_SPECIAL_FLOATS = {".inf": float("inf"), ".nan": float("nan")}


@dataclass
class Document:
    """One parsed inventory file."""

    path: Path
    data: dict[str, Any]
    lines: LineMap = field(repr=False)

    def line(self, path: Path_) -> int:
        """The line of ``path`` or of its nearest ancestor that has one."""
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.lines.get((), 1)


def read_document(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one file; any problem raises ``InputError`` naming the file and line."""
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
    is_json = path.suffix.lower() == ".json"
    if is_json:
        _check_json(name, text)
        # Valid JSON holds tabs only as whitespace between tokens, which YAML 1.1 rejects there.
        text = text.replace("\t", " ")
    try:
        node = yaml.compose(text, Loader=_CoreSchemaLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(p for p in (error.context, error.problem) if p)
        raise InputError([Problem(name, line, None, f"invalid {'JSON' if is_json else 'YAML'}: {message}")]) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(name, None, None, f"invalid YAML: {error}")]) from None
    if node is None:
        raise InputError([Problem(name, 1, None, "file holds no document (only comments)")])
    builder = _Builder(name)
    data = builder.build(node)
    if builder.problems:
        raise InputError(builder.problems)
    if not isinstance(data, dict):
        raise InputError([Problem(name, node.start_mark.line + 1, None, "an inventory file must be a mapping")])
    return Document(path, data, builder.lines)


def load_documents(paths: list[Path], max_bytes: int = MAX_FILE_BYTES) -> list[Document]:
    """Read every file, collecting the problems of all of them before failing."""
    documents, problems = [], []
    for path in paths:
        try:
            documents.append(read_document(path, max_bytes))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return documents


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


class _Builder:
    """Builds plain values from a YAML node graph, recording lines and problems."""

    def __init__(self, file: str):
        self.file = file
        self.lines: LineMap = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._active: set[int] = set()
        self._alias_nodes = 0

    def build(self, node: yaml.Node) -> Any:
        try:
            return self._value(node, (), 0, False)
        except _Abort:
            return None

    def _fail(self, node: yaml.Node, path: Path_, message: str, abort: bool = False) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, dotted(path) or None, message))
        if abort:
            raise _Abort

    def _value(self, node: yaml.Node, path: Path_, depth: int, via_alias: bool) -> Any:
        key = id(node)
        if key in self._active:
            self._fail(node, path, "recursive YAML alias", abort=True)
        if key in self._seen:
            via_alias = True  # a second visit is an alias expansion
        self._seen.add(key)
        if via_alias:
            self._alias_nodes += 1
            if self._alias_nodes > MAX_ALIAS_NODES:
                self._fail(node, path, f"YAML aliases expand to more than {MAX_ALIAS_NODES} nodes", abort=True)
        if depth > MAX_DEPTH:
            self._fail(node, path, f"nested deeper than {MAX_DEPTH} levels", abort=True)
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        self._active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                return [self._value(item, (*path, i), depth + 1, via_alias) for i, item in enumerate(node.value)]
            return self._mapping(node, path, depth, via_alias)
        finally:
            self._active.discard(key)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int, via_alias: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, path, "mapping keys must be plain strings")
                continue
            name = key_node.value
            if name == "<<" and key_node.tag == _TAG + "str" and key_node.style is None:
                merges.append(value_node)
                continue
            line = key_node.start_mark.line + 1
            if name in first_line:
                self._fail(
                    key_node, (*path, name), f"duplicate key (first defined on line {first_line[name]}); "
                    "YAML would silently keep only the last one"
                )
                continue
            first_line[name] = line
            self.lines[(*path, name)] = line
            result[name] = self._value(value_node, (*path, name), depth + 1, via_alias)
        for merge in merges:  # YAML merge keys: explicit keys win over merged ones
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                merged = self._value(source, path, depth + 1, True)
                if not isinstance(merged, dict):
                    self._fail(source, path, "a '<<' merge key needs a mapping")
                    continue
                for name, value in merged.items():
                    result.setdefault(name, value)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() == "true"
        if tag == _TAG + "int":
            return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
        if tag == _TAG + "float":
            lowered = value.lower().lstrip("+")
            if lowered.lstrip("-") in _SPECIAL_FLOATS:
                number = _SPECIAL_FLOATS[lowered.lstrip("-")]
                return -number if lowered.startswith("-") else number
            return float(value)
        self._fail(node, path, f"unsupported YAML tag {tag!r}")
        return None


class _Abort(Exception):
    pass


def dotted(path: Path_) -> str:
    """``("models", 0, "weights", "format")`` -> ``models[0].weights.format``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
