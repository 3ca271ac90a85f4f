"""The fast path: rapidyaml parses an inventory file in C++, about 8x faster than libyaml's events.

The reference reader (``yaml_events.Builder``) walks libyaml's events in Python and records the
line of every value as it goes; on a 100,000-asset inventory that walk was a third of the run.
Here rapidyaml parses the file into a tree, emits it as JSON, and ``json`` builds the values; lines
are computed only for the paths someone asks about (a finding, an error), from the tree (parsed
again, in C++, in a process that received the document from a worker).

The fast path only ever returns what the reference reader would, or nothing: every file it cannot
vouch for goes to the reference reader, which also writes every diagnostic. It declines
- files with constructs it does not model: tabs, anchors, aliases, tags, directives, merge keys,
  complex keys (a screen over the raw text; a false alarm only costs speed);
- anything rapidyaml refuses or cannot emit (its emitter stops at 64 levels, as we do);
- scalars the two resolve differently: rapidyaml keeps ``True``, ``~``, ``0x1F`` or ``.inf`` as
  strings where YAML 1.2's core schema (our reader) types them, so a file whose JSON holds a string
  spelled like a typed scalar goes to the reference reader; raw control characters and non-JSON
  numbers (``+1``) make the JSON invalid, which declines too;
- duplicate keys, several documents, and a top level that is not a mapping.
Tests hold the two readers to the same values and lines (``tests/test_fast_load.py``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiguard.load.ryml_lines import QuietStderr, TreeLines
from aiguard.load.scalars import integer, number, typed_scalar_pattern

#: Anchors, aliases, tags, complex keys and directives start with these after a space, a flow
#: indicator or a line break; false alarms (``R & D``) are harmless.
_PROPERTY = re.compile(rb"[\s\[\]{},][&*!?]|\n%")
#: A JSON string whose text the reference reader would have typed (a plain ``True``, ``~``, ``0x1F``).
_TYPED_STRING = re.compile('"(?=[-+.0-9~nNtTfF])(?:%s)"' % typed_scalar_pattern())

#: Bytes that need no look: printable ASCII and line breaks.
_PLAIN = bytes(range(0x20, 0x7F)) + b"\n\r"
#: Characters libyaml refuses (controls, C1, U+FFFE/FFFF) or reads as line breaks (NEL, U+2028/2029)
#: or a byte order mark, where rapidyaml takes them as text: the reference reader decides.
_UNREADABLE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf|\xef\xbf[\xbe\xbf]")
_LONE_CR = re.compile(rb"\r(?!\n)")
#: A plain scalar starting with a character YAML reserves (``@``, backtick, ``%``), a flow item
#: starting or ending with ``:``, or an empty key (``: x``): libyaml refuses them, rapidyaml reads
#: them. Each pattern starts with a literal, which the regular expression engine finds fast.
_INDICATORS = [re.compile(pattern) for pattern in (
    rb"@(?<=[\s,\[{:-]@)", rb"`(?<=[\s,\[{:-]`)", rb"%(?<=[\s,\[{:-]%)",
    rb"\[ *:", rb"{ *:", rb", *:", rb":[\]},]", rb"\n[ -]*:(?![^ \r\n])",
)]
#: A closing bracket after a blank: a candidate for ``base_model: ]in-house`` or a stray bracket.
_CLOSING = [re.compile(rb"\](?<=[\s:-]\])"), re.compile(rb"}(?<=[\s:-]})")]


def _stray_closing(raw: bytearray) -> bool:
    """A ``]`` or ``}`` that starts a value or a line (libyaml refuses it; rapidyaml reads it as
    text): the first thing after a line break, a ``: `` or a ``- `` (a multi-line flow collection
    closed at the start of a line is a false alarm, costing speed only)."""
    for pattern in _CLOSING:
        for match in pattern.finditer(raw):
            at = match.start() - 1
            while at >= 0 and raw[at] == 0x20:
                at -= 1
            if at < 0 or raw[at] in b"\n:-":
                return True
    return False


#: A lone surrogate in rapidyaml's output (from an escape such as ``"\ud800"``).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _declines(raw: bytearray, is_json: bool) -> bool:
    """Whether the raw text holds a construct the fast path does not model."""
    if b"\t" in raw or b"<<" in raw or raw[:1] in (b"&", b"*", b"!", b"?", b"%", b"]", b"}", b"@", b"`", b":"):
        return True
    if raw.translate(None, _PLAIN) and _UNREADABLE.search(raw):  # searched only where a byte needs a look
        return True
    if b"\r" in raw and _LONE_CR.search(raw):
        return True
    if not is_json and (any(pattern.search(raw) for pattern in _INDICATORS) or _stray_closing(raw)):
        return True  # (JSON's syntax is checked already)
    # Searching for each byte is 20x faster than the pattern, which runs only when one is there.
    return any(char in raw for char in (b"&", b"*", b"!", b"?", b"%")) and _PROPERTY.search(raw) is not None


class _Decline(Exception):
    pass


def parse(text: str, is_json: bool) -> tuple[dict[str, Any], TreeLines] | None:
    """The file's mapping and its lines, or None when the reference reader must read it."""
    raw = bytearray(text.encode())
    if _declines(raw, is_json):
        return None
    import ryml

    tree = ryml.Tree()
    try:
        with QuietStderr():  # rapidyaml prints its errors before raising them
            ryml.parse_in_place(raw, tree)
            emitted = ryml.emit_json_malloc(tree, tree.root_id())
    except Exception:  # noqa: BLE001 - any refusal sends the file to the reference reader
        return None
    if not isinstance(emitted, str) or _TYPED_STRING.search(emitted):
        return None  # None: nothing to emit (a file of comments)
    if not emitted.isascii() and _SURROGATE.search(emitted):
        return None  # a \ud800 escape, which libyaml refuses (rapidyaml encodes it anyway)
    try:
        # A number no engine can hold raises ScalarError (a ValueError): the reference reader says where.
        data = json.loads(emitted, object_pairs_hook=_unique, parse_constant=_no_constant, parse_int=integer,
                          parse_float=number)
    except (ValueError, _Decline, RecursionError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return data, TreeLines(text, is_json, tree, raw)


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Decline  # the reference reader names both lines of the duplicate
    return mapping


def _no_constant(name: str) -> Any:
    raise _Decline  # NaN / Infinity are not JSON; the reference reader resolves them
