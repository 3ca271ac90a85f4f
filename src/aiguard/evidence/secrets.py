"""Secrets in repositories and bundles, found with detect-secrets used as a library.

Each finding keeps the detector's type, the file and line, and a fingerprint (the first 16 hex
digits of the secret's sha256), never the secret: the same secret gives the same fingerprint in
every run and place, so a report can say "the token in the bundle is the one in the repository"
without holding it.

Choices, for a release gate that fails on what it finds:
- detect-secrets' high-entropy detectors (any long random-looking string: hashes, ids, minified
  code) and its public-IP detector are off; its 20-odd token and key formats are on.
- Inline ``pragma: allowlist secret`` comments are not honoured: the tree is the thing judged, and
  whoever can write to it can write the comment. Declare a secret in the inventory instead.
- Speed: every detector runs on every line of a file in detect-secrets' own loop (about 0.2 ms a
  line here). A prefilter built from the detectors' own patterns and keywords finds the lines that
  any detector could match (one C regex pass per file), and only those go through detect-secrets'
  detectors and filters, with the file's real lines as context. Same findings, 50x faster.
- Files are read as UTF-8 (undecodable bytes replaced), binary ones too: a NUL byte at the top of
  a bundle must not hide the token below it, and a token in a shipped binary is leaked all the
  same. Files above ``MAX_SECRET_SCAN_BYTES`` are listed in the evidence as skipped, never
  silently left out.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiguard.evidence.roots import Entry

MAX_SECRET_SCAN_BYTES = 20 * 1024 * 1024
_OFF = frozenset({"Base64HighEntropyString", "HexHighEntropyString", "IPPublicDetector"})
_FILTERS_OFF = frozenset({"detect_secrets.filters.allowlist.is_line_allowlisted"})


@contextmanager
def detector() -> Iterator[None]:
    """detect-secrets configured as above, for the duration of a scan (it keeps global settings)."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.settings import get_filters, get_settings, transient_settings

    classes: dict[str, type[Any]] = get_mapping_from_secret_type_to_class()
    plugins = sorted(plugin.__name__ for plugin in classes.values())
    with transient_settings({"plugins_used": [{"name": name} for name in plugins if name not in _OFF]}):
        filters = get_settings().filters
        for name in _FILTERS_OFF:
            filters.pop(name, None)
        get_filters.cache_clear()
        yield


def scan_files(entries: list[Entry]) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[tuple[str, str]]]:
    """(secrets, skipped, (path, sha256) of each file scanned) of local files, inside ``detector()``."""
    prefilter = _prefilter()
    found: dict[tuple[str, int, str, str], dict[str, Any]] = {}
    skipped = []
    digests = []
    for entry in entries:
        if entry.size > MAX_SECRET_SCAN_BYTES:
            skipped.append({"path": entry.path, "reason": f"larger than {MAX_SECRET_SCAN_BYTES} bytes"})
            continue
        try:
            with open(entry.full, "rb") as handle:
                data = handle.read(MAX_SECRET_SCAN_BYTES + 1)
        except OSError as error:
            skipped.append({"path": entry.path, "reason": f"unreadable: {error.strerror}"})
            continue
        digests.append((entry.path, hashlib.sha256(data).hexdigest()))
        text = data.decode("utf-8", errors="replace")
        for secret in _scan_text(text, entry.path, prefilter):
            token = _token(secret.secret_value or "", lines_of(text, secret.line_number))
            fingerprint = "sha256:" + hashlib.sha256(token.encode()).hexdigest()[:16]
            key = (entry.path, secret.line_number, secret.type, fingerprint)
            found[key] = {"type": secret.type, "file": entry.path, "line": secret.line_number,
                          "fingerprint": fingerprint}
    return [found[key] for key in sorted(found)], skipped, digests


_TOKEN_RUN = re.compile(r"[^\s\"'`,;:()\[\]{}<>]+")


def lines_of(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _token(value: str, line: str) -> str:
    """The whole token around what the detector reported: some detectors report only a capture
    group (detect-secrets' GitHub detector gives ``ghp``), which would fingerprint every token alike."""
    start = line.find(value) if value else -1
    if start < 0:
        return value
    for run in _TOKEN_RUN.finditer(line):
        if run.start() <= start < run.end():
            return run.group() if run.end() >= start + len(value) else value
    return value


@dataclass(frozen=True)
class _Gate:
    """One detector pattern and literals (lower case) of which every match contains one."""

    pattern: re.Pattern[str]
    literals: tuple[str, ...]  # empty: no useful literal, the pattern runs over the whole text


def _prefilter() -> list[_Gate]:
    """What finds the lines where an enabled detector could fire: each detector's own patterns,
    and for the keyword detector its keywords (the words its patterns are built from).

    A pattern run over a whole file costs up to 0.1 ms a KiB when it starts with optional groups
    and look-behinds (the vendor detectors), where the regex engine cannot skip ahead. Most of those
    patterns require a literal (``key``, ``token``, ``-us``...), found by parsing the pattern: such
    a pattern runs only on the lines holding one of its literals, which a substring search of the
    lowered file finds at C speed. Patterns without one run over the whole file, each on its own
    (joined into one alternation they lose the engine's literal-prefix search: 8x slower)."""
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.keyword import DENYLIST
    from detect_secrets.settings import get_plugins

    patterns: list[re.Pattern[str]] = []
    for plugin in get_plugins():
        if isinstance(plugin, RegexBasedDetector):
            patterns.extend(plugin.denylist)
        else:  # KeywordDetector: its keywords are plain words
            patterns.append(re.compile("|".join(DENYLIST), re.IGNORECASE))
    return [_Gate(pattern, tuple(sorted(_literals(pattern) or ()))) for pattern in patterns]


def _literals(pattern: re.Pattern[str]) -> set[str] | None:
    """Lower-case strings of which every match of ``pattern`` contains one (None: none known).
    Only sets whose shortest string has two or more characters are worth a search."""
    from re import _parser  # type: ignore[attr-defined]

    try:
        found = _sequence_literals(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:
        return None
    return found if found and min(map(len, found)) >= 2 else None


def _sequence_literals(items: Any) -> set[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in list(items):
        if op is c.LITERAL:
            run.append(chr(value).lower())
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        if op is c.SUBPATTERN:
            found = _sequence_literals(value[-1])
        elif op is c.BRANCH:
            alternatives = [_sequence_literals(branch) for branch in value[1]]
            found = set().union(*alternatives) if all(alternatives) else None  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
            found = _sequence_literals(value[2])
        else:
            found = None
        if found:
            candidates.append(found)
    if run:
        candidates.append({"".join(run)})
    if not candidates:
        return None
    return max(candidates, key=lambda option: (min(map(len, option)), -len(option)))


def _candidate_lines(text: str, gates: list[_Gate]) -> set[int]:
    """Numbers (from 1) of the lines where some gate's pattern matches."""
    lines = text.split("\n")
    lowered = text.lower()
    # lower() keeps every newline but may change lengths: its own line starts
    starts = [0, *(m.end() for m in re.finditer("\n", lowered))]
    numbers: set[int] = set()
    text_starts: list[int] | None = None
    for gate in gates:
        if not gate.literals:
            for match in gate.pattern.finditer(text):
                if text_starts is None:
                    text_starts = [0, *(m.end() for m in re.finditer("\n", text))]
                numbers.add(bisect.bisect_right(text_starts, match.start()))
            continue
        tried: set[int] = set()
        for literal in gate.literals:
            at = lowered.find(literal)
            while at >= 0:
                number = bisect.bisect_right(starts, at)
                if number not in tried:
                    tried.add(number)
                    if number <= len(lines) and gate.pattern.search(lines[number - 1]):
                        numbers.add(number)
                at = lowered.find(literal, at + 1)
    return numbers


def _scan_text(text: str, filename: str, gates: list[_Gate]) -> Iterator[Any]:
    """detect-secrets' line loop (``core.scan._process_line_based_plugins``) on the lines the
    gates pick, with the whole file as context."""
    from detect_secrets.core.scan import _is_filtered_out, _scan_line
    from detect_secrets.settings import get_plugins
    from detect_secrets.util.code_snippet import get_code_snippet

    numbers = _candidate_lines(text, gates)
    if not numbers:
        return
    lines = text.split("\n")  # numbered as detect-secrets numbers them: one line per newline
    for number in sorted(numbers):
        if number > len(lines):
            continue
        line = lines[number - 1].rstrip()  # also drops a CR
        context = get_code_snippet(lines=lines, line_number=number)
        if _is_filtered_out(required_filter_parameters=["line"], filename=filename, line=line, context=context):
            continue
        for plugin in get_plugins():
            for secret in _scan_line(plugin=plugin, filename=filename, line=line, line_number=number, context=context):
                if not _is_filtered_out(required_filter_parameters=["context"], filename=secret.filename,
                                        secret=secret.secret_value, plugin=plugin, line=line, context=context):
                    yield secret
