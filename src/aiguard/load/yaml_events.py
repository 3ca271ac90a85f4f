"""The reference YAML reader: libyaml's events (through PyYAML's C parser), walked in Python.

We build the values ourselves from the events rather than letting PyYAML compose and construct
them (which was 4x slower), and because its safe loader:
- keeps the last of two duplicate keys silently (a dropped control): we reject duplicates;
- expands aliases without bound (billion laughs): we cap the nodes an alias may add, and refuse
  recursive aliases, before the values are built;
- follows YAML 1.1: scalars are resolved by the YAML 1.2 core schema instead (``scalars``).
Every YAML text aiguard reads goes through here or through the fast path that agrees with it:
inventory files, ``--data`` files, policies' ``data.yaml`` and METADATA blocks.
"""

from __future__ import annotations

from typing import Any

import yaml

from aiguard.errors import InputError, Problem
from aiguard.load.scalars import EXPLICIT, TAG, ScalarError, resolve_plain

#: Nodes that aliases may add to one file once expanded.
MAX_ALIAS_NODES = 100_000
#: Inventories are about six levels deep; anything past this is not an inventory. Levels below the
#: top one: rapidyaml's emitter stops at the same depth (a test holds the two readers to it).
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]
LineMap = dict[Path_, int]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def reference_lines(text: str, is_json: bool) -> LineMap:
    """The line of every path, by the reference reader (for a file the fast path already read)."""
    return build("", text, is_json)[1].lines


def build(name: str, text: str, is_json: bool = False, *, mapping: bool = True) -> tuple[Any, Builder]:
    """Parse ``text`` into plain values; ``mapping``: the top level must be a mapping (an
    inventory file). Any problem raises ``InputError`` naming ``name`` and the line."""
    try:
        builder = Builder(name)
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
    if mapping and not isinstance(data, dict):
        raise InputError([Problem(name, builder.lines.get((), 1), None, "an inventory file must be a mapping")])
    return data, builder


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "bad_key", "first_line", "is_map", "key", "merges", "path", "size", "value")

    def __init__(self, value: Any, path: Path_, is_map: bool, anchor: str | None):
        self.value = value
        self.path = path
        self.is_map = is_map
        self.key: Any = None  # in a mapping: the key whose value comes next (a str, _MERGE or _DUPLICATE)
        self.anchor = anchor
        self.size = 1  # nodes in this subtree, aliases expanded
        self.first_line: dict[str, int] = {}
        self.merges: list[tuple[Any, int]] = []
        self.bad_key = False


class Builder:
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
        parent: _Frame | None
        scalar_event = yaml.ScalarEvent
        event = None
        try:
            for event in events:
                kind = type(event)
                if kind is scalar_event and stack:
                    parent = stack[-1]
                    key = parent.key
                    if key.__class__ is str and event.tag is None and event.anchor is None:
                        # The common case, kept short: a plain or quoted value under a string key
                        # (whose line the key already recorded).
                        parent.value[key] = resolve_plain(event.value) if event.implicit[0] else event.value
                        parent.size += 1
                        parent.key = None
                        continue
                line = event.start_mark.line + 1
                if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                    parent = stack[-1] if stack else None
                    if parent is not None and parent.is_map and parent.key is None and not parent.bad_key:
                        if kind is yaml.AliasEvent or (event.tag not in (None, "!", TAG + "str")):
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
                    if event.tag not in (None, "!", TAG + ("map" if is_map else "seq")):
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
        except ScalarError as error:  # a number no engine can hold, in the scalar being resolved
            line = event.start_mark.line + 1 if event is not None else 1
            self._fail(line, self._child_path(stack[-1] if stack else None), str(error))
            raise _Abort from None
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
            return resolve_plain(value) if event.implicit[0] else value
        if tag == TAG + "str":
            return value
        if tag in EXPLICIT:
            try:
                return EXPLICIT[tag](value)
            except ScalarError as error:
                self._fail(line, path, str(error))
                return None
            except ValueError:
                self._fail(line, path, f"{value!r} is not a valid {tag.rpartition(':')[2]}")
                return None
        self._fail(line, path, f"unsupported YAML tag {tag!r}")
        return None



_MERGE = object()
_DUPLICATE = object()


class _Abort(Exception):
    pass


def dotted(path: Path_) -> str:
    """``("models", 0, "weights", "format")`` -> ``models[0].weights.format``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
