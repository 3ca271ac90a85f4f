"""One escaping of control characters for every human-readable output.

Inventory values, file names and policy messages may come from an attacker. Written raw, a line
break starts a new line in a CI log, where ``::error``, ``::add-mask::`` or ``::stop-commands::``
at its start is a GitHub workflow command; ESC, OSC and C1 sequences move the cursor, retitle
or recolour the terminal, or hide text; bidirectional overrides and zero-width characters make a
value read as something it is not. ``printable`` shows each such character as a visible escape
(``\\x1b``, ``\\u202e``), so the reader sees exactly what the file holds; and since the Actions
runner trims leading white space before looking for ``::`` and finds ``##[`` anywhere in a line,
a value beginning with ``::`` and any ``##[`` are escaped too. Text, GitHub, Markdown,
HTML and JUnit output and the errors on stderr all go through it; JSON and SARIF escape control
characters by their own syntax.
"""

from __future__ import annotations

import re

#: C0 and C1 controls and DEL, invisible format characters (zero-width, bidirectional controls,
#: word joiners, the byte order mark, interlinear annotations, tags), marks that draw nothing
#: (combining grapheme joiner, variation selectors), line and paragraph separators,
#: and lone surrogates (a file name that is not UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e0fff]"
)
_UNSAFE_BUT_NEWLINE = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: What the GitHub Actions runner reads as a workflow command in any line of a log: ``::name::``
#: at the start once leading white space is trimmed (so an indented value can begin one), and the
#: legacy ``##[name]`` anywhere in the line (its culture-aware search skips characters of no
#: weight between the three, such as a combining grapheme joiner: ``_UNSAFE`` shows those first).
_COMMAND = re.compile(r"^(\s*):(?=:)|#(?=#\[)", re.MULTILINE)


def _show(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (Python's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = False) -> str:
    """``text`` with every control or invisible character shown as an escape; ``newlines`` keeps
    line breaks (for a block of several lines the format itself lays out)."""
    pattern = _UNSAFE_BUT_NEWLINE if newlines else _UNSAFE
    shown = pattern.sub(_show, text) if pattern.search(text) else text
    # A leading ``:`` of ``::`` and the first ``#`` of ``##[`` are shown as escapes: no value (and no
    # line of a block) can be a workflow command.
    return _COMMAND.sub(_defuse, shown) if ("::" in shown or "#" in shown) else shown


def _defuse(match: re.Match[str]) -> str:
    return f"{match.group(1)}\\x3a" if match.group(1) is not None else "\\x23"
