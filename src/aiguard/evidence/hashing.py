"""Streamed sha256 of many files at once, and the digest of a directory artifact.

Each file is read in fixed chunks into one reused buffer (memory stays at a few megabytes per
worker whatever the file size); hashlib releases the GIL while it hashes, so threads use every
core. ``progress`` is told how many bytes were hashed, for a progress bar.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from typing import IO

CHUNK = 1024 * 1024

Progress = Callable[[int], None]


def sha256_stream(handle: IO[bytes], progress: Progress | None = None) -> str:
    """The hex sha256 of everything left to read in ``handle``."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    readinto = getattr(handle, "readinto", None)
    while True:
        if readinto is not None:
            count = readinto(buffer)
            if not count:
                break
            digest.update(view[:count])
        else:
            chunk = handle.read(CHUNK)
            if not chunk:
                break
            count = len(chunk)
            digest.update(chunk)
        if progress is not None:
            progress(count)
    return digest.hexdigest()


def manifest_digest(files: Iterable[tuple[str, str]]) -> str:
    """The digest of a directory artifact: sha256 of ``sha256sum``'s output over its files in
    path order (byte order of the UTF-8 paths), i.e. of the lines ``<hex>  <relative/path>\\n``.
    In a shell: ``find . -type f -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum``."""
    digest = hashlib.sha256()
    for path, hexdigest in sorted(files, key=lambda item: item[0].encode()):
        digest.update(f"{hexdigest}  {path}\n".encode())
    return digest.hexdigest()


def workers(count: int) -> int:
    return max(1, min(count, os.cpu_count() or 1))
