"""Write a report file safely: never through a symbolic link, never half-written.

``-o`` may name a path in a checked-out tree, where an attacker can have committed a symbolic link
(``report.html -> ~/.bashrc``): opening it for writing would write wherever it points. A link or
any other non-regular file there is refused, and so is a relative path whose directory is a link
leading out of the working directory (``reports -> ~``). The text goes to a temporary file in the
same directory that then replaces the path (``os.replace`` swaps the directory entry, so a link put in
its place meanwhile is replaced, not followed, and a reader never sees half a report).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data``; ``OSError`` (a link or special file: ``EEXIST``-like) on failure."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
        raise IsADirectoryError(0, f"is {kind}; refusing to write through it (remove it first)")
    directory = os.path.dirname(os.path.abspath(path))
    if _led_out(os.fspath(path), directory):
        raise NotADirectoryError(0, "a symbolic link among its directories leads out of the working directory; "
                                 "refusing to write through it")
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        # The permissions of the file replaced, minus execute and set-id bits: a report is never a
        # program, and a path in the tree may name one (`-o .git/hooks/pre-commit` from a config).
        os.chmod(temporary, (info.st_mode & 0o666) if info is not None else 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def leads_out(path: str | os.PathLike[str]) -> bool:
    """Whether writing ``path`` would go out of the working directory through a symbolic link
    among its directories, or through ``path`` itself being one (the rule of ``write_atomically``,
    for writers of directories such as ``aiguard import``)."""
    return os.path.islink(path) or _led_out(os.fspath(path), os.path.dirname(os.path.abspath(path)))


def _led_out(path: str, directory: str) -> bool:
    """Whether a relative path that stays in the working directory as written (``reports/x.json``)
    has a directory that is a link out of it (``reports -> ~/.config``, committed to the tree). A
    path written absolute or with ``..`` goes where its writer said."""
    if os.path.isabs(path) or os.path.normpath(path).split(os.sep)[0] == os.pardir:
        return False
    return not Path(os.path.realpath(directory)).is_relative_to(os.path.realpath(os.getcwd()))
