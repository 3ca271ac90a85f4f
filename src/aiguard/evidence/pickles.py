"""Static pickle scanning with picklescan: the opcodes are disassembled, never executed.

picklescan lists every global a pickle imports (``GLOBAL``, ``INST``, ``STACK_GLOBAL``) and rates
it against its list of callables that execute code (``os.system``, ``builtins.eval``,
``subprocess.*``, ...). No file is unpickled: nothing a malicious pickle would run, runs.
"""

from __future__ import annotations

import io
import logging
import zlib
from typing import IO, Any

#: Raw pickles larger than this are not scanned (the scanner keeps a pickle's opcodes in memory);
#: such a file is reported as not scanned, which fails like a dangerous one.
MAX_RAW_PICKLE_BYTES = 1024 * 1024 * 1024


def scan(handle: IO[bytes], name: str, kind: str, size: int) -> dict[str, Any]:
    """Scan an open pickle (``kind`` "pickle"), zlib-compressed pickle (``kind`` "zlib") or zip
    holding pickles (``kind`` "zip")."""
    from picklescan import scanner

    _quiet(scanner)
    if kind == "pickle" and size > MAX_RAW_PICKLE_BYTES:
        return _result([], f"not scanned: a raw pickle larger than {MAX_RAW_PICKLE_BYTES} bytes")
    handle.seek(0)
    cut = None
    try:
        if kind == "zip":
            result = scanner.scan_zip_bytes(handle, name)
        elif kind == "zlib":
            inflated = _Inflated(handle, MAX_RAW_PICKLE_BYTES)
            result = scanner.scan_pickle_bytes(inflated, name)
            if inflated.cut:
                cut = f"not scanned to its end: it inflates to more than {MAX_RAW_PICKLE_BYTES} bytes"
        else:
            result = scanner.scan_pickle_bytes(handle, name)
    except Exception as error:
        return _result([], f"scan failed: {type(error).__name__}: {error}")
    globals_ = sorted({(g.module, g.name, g.safety.value) for g in result.globals})
    return _result(globals_, cut or ("the pickle could not be parsed to its end" if result.scan_err else None))


def _result(globals_: list[tuple[str, str, str]], error: str | None) -> dict[str, Any]:
    return {
        "scanner": "picklescan",
        "dangerous": [f"{module}.{name}" for module, name, safety in globals_ if safety == "dangerous"],
        "suspicious": [f"{module}.{name}" for module, name, safety in globals_ if safety == "suspicious"],
        "imports": len(globals_),
        "error": error,
    }


def _quiet(scanner: Any) -> None:
    """picklescan logs each dangerous import as a warning; aiguard reports them in the evidence."""
    logger = logging.getLogger(scanner._log.name)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


class _Inflated(io.RawIOBase):
    """The inflated bytes of a zlib stream, read forward in bounded chunks (never the whole file in
    memory), with the one step back (``seek(-1, 1)``) picklescan takes after each pickle. Past
    ``limit`` inflated bytes it reads as the end and sets ``cut``."""

    CHUNK = 1024 * 1024

    def __init__(self, handle: IO[bytes], limit: int) -> None:
        self.handle, self.limit, self.cut = handle, limit, False
        self.inflate = zlib.decompressobj()
        self.buffer = b""  # inflated bytes; those before ``offset`` were read
        self.offset = 0
        self.position = 0  # bytes read so far
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def read(self, size: int | None = -1) -> bytes:
        want = self.limit if size is None or size < 0 else size
        while len(self.buffer) - self.offset < want and not self.inflate.eof and not self.cut:
            data = self.inflate.unconsumed_tail or self.handle.read(self.CHUNK)
            if not data:
                break
            more = self.inflate.decompress(data, self.CHUNK)
            self.inflated += len(more)
            if self.inflated > self.limit:
                self.cut = True
            # keep the last byte read (for seek(-1, 1)); drop the rest of what was read
            keep = max(self.offset - 1, 0)
            self.buffer, self.offset = self.buffer[keep:] + more, self.offset - keep
        out = self.buffer[self.offset : self.offset + want]
        self.offset += len(out)
        self.position += len(out)
        return out

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1 and offset == -1 and self.offset > 0:
            self.offset -= 1
            self.position -= 1
        elif not (whence == 1 and offset == 0):
            raise io.UnsupportedOperation("an inflated stream only steps back one byte")
        return self.position
