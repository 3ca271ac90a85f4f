"""Lines of paths in a file rapidyaml parsed: offsets into the parsed bytes, turned into lines.

rapidyaml hands scalars out as views into the buffer it parsed in place; a key's distance from the
buffer's start is its position in the file. Lines are computed only for the paths someone asks
about (a finding, an error), with the reference reader's rules, and the reference reader answers
for the shapes not placed here.
"""

from __future__ import annotations

import bisect
import ctypes
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from aiguard.load.yaml_events import LineMap, Path_, reference_lines


class QuietStderr:
    """Point file descriptor 2 at /dev/null while rapidyaml runs (its messages are not ours)."""

    def __enter__(self) -> None:
        if sys.stderr is not None:
            sys.stderr.flush()
        try:
            self._saved: int | None = os.dup(2)
        except OSError:  # no stderr to protect (started with 2>&-)
            self._saved = None
            return
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            os.dup2(self._saved, 2)
            os.close(self._saved)



class TreeLines:
    """Lines of paths in a file parsed by rapidyaml, computed when asked, with the reference
    reader's rules: a field's line is its key's; a list item's is where the item starts."""

    def __init__(self, text: str, is_json: bool, tree: Any = None, buffer: bytearray | None = None) -> None:
        self._text = text
        self._is_json = is_json
        self._tree: Any = None  # a ryml Tree (untyped bindings)
        if tree is not None and buffer is not None:
            self._use(tree, buffer)
        self._newlines: list[int] | None = None
        self._items: dict[int, list[int]] = {}  # sequence node -> its children, for index lookups
        self._reference: LineMap | None = None

    def _use(self, tree: Any, buffer: bytearray) -> None:
        import ryml

        if "_key" not in globals():
            _bindings()
        self._none = ryml.NONE  # "no node"
        self._tree = tree
        self._buffer = buffer  # the parsed bytes: the tree's scalars point into it
        self._base = _address(memoryview(buffer))

    def _parse(self) -> None:
        """Parse the text again (in a process the file was not parsed in): large inventories are
        read by worker processes, and a parse tree cannot be sent back, only the text."""
        import ryml

        buffer, tree = bytearray(self._text.encode()), ryml.Tree()
        with QuietStderr():
            ryml.parse_in_place(buffer, tree)
        self._use(tree, buffer)

    def __getstate__(self) -> tuple[str, bool]:
        return (self._text, self._is_json)

    def __setstate__(self, state: tuple[str, bool]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    def get(self, path: Path_, default: int | None = None) -> int | None:
        if self._tree is None:
            self._parse()
        node = self._node(path)
        if node is None:
            return default
        line = self._line_of(node)
        if line is None:  # a shape we do not place ourselves: ask the reference reader
            line = self._reference_lines().get(path)
        return default if line is None else line

    def _node(self, path: Path_) -> int | None:
        # The bindings' functions are called directly: this runs once per finding, and the
        # Python wrappers around them doubled its cost.
        tree, none, items_of = self._tree, self._none, self._items
        node = 0  # the root
        for part in path:
            if isinstance(part, str):
                node = _find_child(tree, node, part.encode())  # NONE in a sequence or a scalar
                if node == none:
                    return None
            else:
                items = items_of.get(node)
                if items is None:
                    if not _is_seq(tree, node):
                        return None
                    items = items_of[node] = []
                if part >= len(items):
                    _more_children(tree, node, none, items, part)
                if not 0 <= part < len(items):
                    return None
                node = items[part]
        return node

    def _line_of(self, node: int) -> int | None:
        tree = self._tree
        if _has_key(tree, node):
            return self._line_at(self._offset(_key(tree, node)))
        if _is_map(tree, node) and not _is_flow(tree, node):
            # The common case, a record in a list, taken directly: a block mapping starts at
            # its first key (every entry of a mapping has one).
            first = _first_child(tree, node)
            if first != self._none:
                return self._line_at(self._offset(_key(tree, first)))
        start = self._start(node)
        return None if start is None else self._line_at(start)

    def _start(self, node: int) -> int | None:
        """Where libyaml marks a node's start: its key, its scalar (quote included), a block
        mapping's first key, a block sequence's first dash, a flow collection's bracket. None for a
        shape not placed here (empty, block scalars, comments between a dash and its entry)."""
        tree = self._tree
        if tree.has_key(node):
            return self._offset(tree.key(node)) - bool(tree.is_key_quoted(node))
        if tree.is_container(node):
            first = tree.first_child(node)
            if first == self._none:
                return None
            start = self._start(first)
            if start is None or (tree.is_map(node) and not tree.is_flow(node)):
                return start
            return self._opener_before(start, b"[{" if tree.is_flow(node) else b"-")
        if tree.is_val_literal(node) or tree.is_val_folded(node):
            return None  # libyaml places a block scalar at its indicator, above its text
        value = tree.val(node)
        if value is None or not len(value):
            return None
        return self._offset(value) - bool(tree.is_val_quoted(node))

    def _opener_before(self, position: int, openers: bytes) -> int | None:
        """The position of the bracket or dash that opens a collection, found from its first
        entry back over blanks only."""
        buffer = self._buffer
        position -= 1
        while position >= 0 and buffer[position] in b" \r\n":
            position -= 1
        return position if position >= 0 and buffer[position] in openers else None

    def _offset(self, view: memoryview) -> int:
        return _address(view) - self._base

    def _line_at(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = _newlines(self._text.encode())
        return bisect.bisect_left(self._newlines, offset) + 1

    def _reference_lines(self) -> LineMap:
        if self._reference is None:
            self._reference = reference_lines(self._text, self._is_json)
        return self._reference


def _newlines(text: bytes) -> list[int]:
    """Offsets of the line breaks (``bytes.find`` in a loop is 3x faster than ``re.finditer``)."""
    out, find, at = [], text.find, text.find(b"\n")
    while at >= 0:
        out.append(at)
        at = find(b"\n", at + 1)
    return out


def _more_children(tree: Any, node: int, none: int, items: list[int], index: int) -> None:
    """Extend ``items``, the children of ``node`` listed so far, up to ``index``: an error in the
    first item of a 5,000,000-item list must not list them all."""
    child = tree.next_sibling(items[-1]) if items else tree.first_child(node)
    while child != none and len(items) <= index:
        items.append(child)
        child = tree.next_sibling(child)


class _Buffer(ctypes.Structure):
    """CPython's ``Py_buffer`` (part of the stable ABI since 3.11)."""

    _fields_ = [
        ("buf", ctypes.c_void_p), ("obj", ctypes.py_object), ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t), ("readonly", ctypes.c_int), ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p), ("shape", ctypes.c_void_p), ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p), ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_Buffer)]


_views = threading.local()  # one Py_buffer per thread, reused: allocating one per call cost a third


def _address(view: memoryview) -> int:
    """Where a buffer's bytes are: rapidyaml hands scalars out as read-only views into the parsed
    bytes, and their distance from the start is the scalar's position in the file."""
    try:
        buffer, reference = _views.buffer
    except AttributeError:
        buffer = _Buffer()
        buffer, reference = _views.buffer = (buffer, ctypes.byref(buffer))
    _get_buffer(view, reference, 0)
    address = buffer.buf or 0
    _release_buffer(reference)
    return address


def _bindings() -> None:
    global _is_seq, _is_map, _is_flow, _first_child, _find_child, _has_key, _key
    from ryml import _ryml

    _is_seq, _is_map, _is_flow = _ryml.Tree_is_seq, _ryml.Tree_is_map, _ryml.Tree_is_flow
    _first_child, _find_child = _ryml.Tree_first_child, _ryml.Tree_find_child
    _has_key, _key = _ryml.Tree_has_key, _ryml.Tree_key


_is_seq: Callable[[Any, int], bool]
_is_map: Callable[[Any, int], bool]
_is_flow: Callable[[Any, int], bool]
_first_child: Callable[[Any, int], int]
_find_child: Callable[[Any, int, bytes], int]
_has_key: Callable[[Any, int], bool]
_key: Callable[[Any, int], memoryview]
