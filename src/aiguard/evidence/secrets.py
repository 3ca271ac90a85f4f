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
- Files are read as UTF-8 (undecodable bytes replaced); files holding NUL bytes in their first
  8 KiB are binary and files above ``MAX_SECRET_SCAN_BYTES`` too large: both are listed in the
  evidence as skipped, never silently left out.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
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

    plugins = sorted(plugin.__name__ for plugin in get_mapping_from_secret_type_to_class().values())
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
        if b"\0" in data[:8192]:
            skipped.append({"path": entry.path, "reason": "binary"})
            continue
        digests.append((entry.path, hashlib.sha256(data).hexdigest()))
        text = data.decode("utf-8", errors="replace")
        for secret in _scan_text(text, entry.path, prefilter):
            fingerprint = "sha256:" + hashlib.sha256(_token(secret.secret_value or "", lines_of(text, secret.line_number)).encode()).hexdigest()[:16]
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


Prefilter = tuple[list[re.Pattern[str]], list[re.Pattern[str]]]  # (on the text, on the lowered text)


def _prefilter() -> Prefilter:
    """Patterns matching wherever an enabled detector could fire: each detector's own patterns,
    and for the keyword detector its keywords. Kept apart, not joined into one alternation: each
    pattern alone keeps the regex engine's literal-prefix search, which the alternation of all
    of them loses (8x slower, measured)."""
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.keyword import DENYLIST
    from detect_secrets.settings import get_plugins

    patterns: list[re.Pattern[str]] = []
    lowered: list[re.Pattern[str]] = []
    for plugin in get_plugins():
        if isinstance(plugin, RegexBasedDetector):
            patterns.extend(plugin.denylist)
        else:  # KeywordDetector: its keywords (plain words), lower-cased like the text they are sought in
            lowered.append(re.compile("|".join(DENYLIST).lower()))
    return patterns, lowered


def _scan_text(text: str, filename: str, prefilter: Prefilter) -> Iterator[Any]:
    """detect-secrets' line loop (``core.scan._process_line_based_plugins``) on the lines the
    prefilter picks, with the whole file as context."""
    from detect_secrets.core.scan import _is_filtered_out, _scan_line
    from detect_secrets.settings import get_plugins
    from detect_secrets.util.code_snippet import get_code_snippet

    numbers: set[int] = set()
    patterns, lowered = prefilter
    # The keywords are searched case-sensitively in the lowered text (3x faster than IGNORECASE);
    # lower() keeps every newline, so line numbers hold, but may change lengths: own offsets.
    for haystack, group in ((text, patterns), (text.lower(), lowered)):
        starts = None
        for pattern in group:
            for match in pattern.finditer(haystack):
                if starts is None:
                    starts = [0, *(m.end() for m in re.finditer("\n", haystack))]
                numbers.add(bisect.bisect_right(starts, match.start()))
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
