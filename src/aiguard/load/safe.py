"""The one way aiguard reads a file: a regular file, under a size cap, as UTF-8 text.

Every file aiguard reads may come from the checked-out tree, and so from an attacker: inventory
files, policies (``.rego``), their ``data.yaml``, ``--data`` files, config files, baselines and
exception lists all come through here. A FIFO would block forever, ``/dev/zero`` or a directory
would never end or fail oddly, and a huge file would exhaust memory: the file is opened without
blocking, must be a regular file by ``fstat`` of the open descriptor (no race with a swap), and is
read up to its cap plus one byte, so a file that grows while read is still refused.
"""

from __future__ import annotations

import os
import stat

from aiguard.errors import AiguardError, InputError, Problem

#: Default cap on one inventory file; a generated 100,000-asset inventory split over files stays far below it.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Cap on files that configure a run rather than describe assets: policies, their data, config files.
MAX_POLICY_BYTES = 8 * 1024 * 1024


def read_bytes(path: str | os.PathLike[str], max_bytes: int, error: type[AiguardError] = InputError,
               what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else raises ``error``."""
    name = str(path)

    def refuse(message: str) -> AiguardError:
        return error([Problem(name, None, None, message)])

    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise refuse(f"{what} is a dangling symbolic link" if os.path.islink(path) else f"{what} not found") from None
    except IsADirectoryError:
        raise refuse(f"{what} is a directory, not a regular file") from None
    except OSError as failure:
        raise refuse(f"cannot read {what}: {failure.strerror or failure}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise refuse(f"{what} is not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise refuse(f"{what} is {info.st_size} bytes, over the {max_bytes}-byte limit")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise refuse(f"{what} is over the {max_bytes}-byte limit")
        return b"".join(chunks)
    except OSError as failure:
        raise refuse(f"cannot read {what}: {failure.strerror or failure}") from None
    finally:
        os.close(descriptor)


def read_text(path: str | os.PathLike[str], max_bytes: int, error: type[AiguardError] = InputError,
              what: str = "file") -> str:
    """``read_bytes`` decoded as UTF-8 (a byte order mark is dropped); NUL bytes are refused."""
    raw = read_bytes(path, max_bytes, error, what)
    name = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        line = raw[: failure.start].count(b"\n") + 1
        raise error([Problem(name, line, None, f"not UTF-8 text (byte {raw[failure.start]:#x})")]) from None
    if "\x00" in text:
        raise error([Problem(name, text[: text.index("\x00")].count("\n") + 1, None, "file contains NUL bytes")])
    return text


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"

