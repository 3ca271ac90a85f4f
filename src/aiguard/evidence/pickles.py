"""Static pickle scanning with picklescan: the opcodes are disassembled, never executed.

picklescan lists every global a pickle imports (``GLOBAL``, ``INST``, ``STACK_GLOBAL``) and rates
it against its list of callables that execute code (``os.system``, ``builtins.eval``,
``subprocess.*``, ...). No file is unpickled: nothing a malicious pickle would run, runs.
"""

from __future__ import annotations

import logging
from typing import IO, Any

#: Raw pickles larger than this are not scanned (the scanner keeps a pickle's opcodes in memory);
#: such a file is reported as not scanned, which fails like a dangerous one.
MAX_RAW_PICKLE_BYTES = 1024 * 1024 * 1024


def scan(handle: IO[bytes], name: str, kind: str, size: int) -> dict[str, Any]:
    """Scan an open pickle (``kind`` "pickle") or zip holding pickles (``kind`` "zip")."""
    from picklescan import scanner

    _quiet(scanner)
    if kind == "pickle" and size > MAX_RAW_PICKLE_BYTES:
        return _result([], f"not scanned: a raw pickle larger than {MAX_RAW_PICKLE_BYTES} bytes")
    handle.seek(0)
    try:
        if kind == "zip":
            result = scanner.scan_zip_bytes(handle, name)
        else:
            result = scanner.scan_pickle_bytes(handle, name)
    except Exception as error:  # noqa: BLE001 (any scanner failure: the file is not fully known)
        return _result([], f"scan failed: {type(error).__name__}: {error}")
    globals_ = sorted({(g.module, g.name, g.safety.value) for g in result.globals})
    return _result(globals_, "the pickle could not be parsed to its end" if result.scan_err else None)


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
