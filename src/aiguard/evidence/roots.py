"""Where a store, repository or bundle is: a local directory, or a URL that fsspec opens.

Every path taken from the inventory is resolved inside its root and nothing outside is read: a
``..`` or absolute ``weights.path`` is refused, and a symlink whose target leaves the root is
reported, never followed. Only regular files are read (a FIFO in a hostile tree would block the
scan forever); symlinked directories are not followed (no loops).
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from typing import IO, Any

from aiguard.errors import UsageError

#: URL schemes handed to fsspec (installed with the ``remote`` extra: s3fs, gcsfs, adlfs).
REMOTE_SCHEMES = ("s3://", "gs://", "gcs://", "az://", "abfs://", "memory://")


@dataclass(frozen=True)
class Entry:
    """A regular file under a root: its path relative to the artifact or place, and its size."""

    path: str  # posix, relative
    full: str  # what ``Root.open`` takes
    size: int


@dataclass
class Listing:
    """The files found, and what was not read and why (sorted by path)."""

    entries: list[Entry] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"path", "reason"}


class Root:
    """A local directory root."""

    def __init__(self, label: str, location: str) -> None:
        self.label = label  # "store s3-models", for messages
        self.location = location
        self.base = os.path.realpath(location)

    def check(self, field: str, key: str) -> None:
        """Raise a usage error naming the request ``field`` (``targets.stores``) and ``key`` (the
        id) unless the root can be listed."""
        if not os.path.isdir(self.base):
            what = "does not exist" if not os.path.exists(self.base) else "is not a directory"
            raise UsageError.of(field, f"{key}={self.location}: {what}")

    def artifact(self, relative: str) -> tuple[str, Listing] | str:
        """The files of ``relative`` (a file or a directory): (kind, listing), or why it cannot
        be read: ``missing``, ``outside_root`` or ``unreadable: ...``."""
        inside = _inside(relative)
        if inside is None:
            return "outside_root"
        path = os.path.join(self.base, inside) if inside else self.base
        if not _within(os.path.realpath(path), self.base):
            return "outside_root"  # a symlinked directory on the way (``link/model.bin``) leaves the root
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return "missing"
        except OSError as error:
            return f"unreadable: {error.strerror}"
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if not _within(target, self.base):
                return "outside_root"
            try:
                path, info = target, os.stat(target)
            except OSError:
                return "missing"  # a broken symlink
        if stat.S_ISDIR(info.st_mode):
            return "directory", self._walk(path)
        if not stat.S_ISREG(info.st_mode):
            return "unreadable: not a regular file"
        listing = Listing([Entry(posixpath.basename(inside) or inside, path, info.st_size)])
        return "file", listing

    def walk(self) -> Listing:
        return self._walk(self.base, skip_git=True)

    def _walk(self, top: str, skip_git: bool = False) -> Listing:
        listing = Listing()
        stack = [top]
        while stack:
            directory = stack.pop()
            try:
                with os.scandir(directory) as scan:
                    items = list(scan)
            except OSError as error:
                listing.skipped.append({"path": _relative(directory, top), "reason": f"unreadable: {error.strerror}"})
                continue
            for item in items:
                relative = _relative(item.path, top)
                try:
                    if item.is_symlink():
                        self._symlink(item.path, relative, listing)
                    elif item.is_dir(follow_symlinks=False):
                        if not (skip_git and item.name == ".git"):
                            stack.append(item.path)
                    elif item.is_file(follow_symlinks=False):
                        listing.entries.append(Entry(relative, item.path, item.stat(follow_symlinks=False).st_size))
                    else:
                        listing.skipped.append({"path": relative, "reason": "not a regular file"})
                except OSError as error:
                    listing.skipped.append({"path": relative, "reason": f"unreadable: {error.strerror}"})
        listing.entries.sort(key=lambda e: e.path)
        listing.skipped.sort(key=lambda s: s["path"])
        return listing

    def _symlink(self, path: str, relative: str, listing: Listing) -> None:
        target = os.path.realpath(path)
        if not _within(target, self.base):
            listing.skipped.append({"path": relative, "reason": "symlink leaves the root"})
        elif not os.path.exists(target):
            listing.skipped.append({"path": relative, "reason": "broken symlink"})
        elif os.path.isfile(target):
            listing.entries.append(Entry(relative, target, os.stat(target).st_size))
        else:
            listing.skipped.append({"path": relative, "reason": "symlink to a directory (not followed)"})

    def open(self, entry: Entry) -> IO[bytes]:
        return open(entry.full, "rb")


class RemoteRoot(Root):
    """A root that fsspec opens (``s3://bucket/prefix``): object stores have no symlinks."""

    def __init__(self, label: str, location: str) -> None:
        self.label, self.location = label, location
        try:
            import fsspec
        except ImportError:
            raise UsageError(f"{location}: remote stores need the 'remote' extra (pip install 'aiguard[remote]')") from None
        try:
            self.fs: Any
            self.fs, self.base = fsspec.core.url_to_fs(location)
        except (ImportError, ValueError) as error:
            raise UsageError(f"{location}: {error}") from None
        self.base = self.base.rstrip("/")

    def check(self, field: str, key: str) -> None:
        try:
            exists = self.fs.isdir(self.base) or self.fs.exists(self.base)
        except Exception as error:
            raise UsageError.of(field, f"{key}={self.location}: {type(error).__name__}: {error}") from None
        if not exists:
            raise UsageError.of(field, f"{key}={self.location}: does not exist")

    def artifact(self, relative: str) -> tuple[str, Listing] | str:
        inside = _inside(relative)
        if inside is None:
            return "outside_root"
        path = f"{self.base}/{inside}" if inside else self.base
        try:
            if self.fs.isdir(path):
                return "directory", self._find(path)
            info = self.fs.info(path)
        except FileNotFoundError:
            return "missing"
        except Exception as error:
            return f"unreadable: {type(error).__name__}"
        return "file", Listing([Entry(posixpath.basename(inside), path, int(info["size"]))])

    def walk(self) -> Listing:
        return self._find(self.base)

    def _find(self, top: str) -> Listing:
        found = self.fs.find(top, detail=True)
        entries = [Entry(posixpath.relpath(name, top), name, int(info["size"]))
                   for name, info in found.items() if info.get("type", "file") == "file"]
        return Listing(sorted(entries, key=lambda e: e.path))

    def open(self, entry: Entry) -> IO[bytes]:
        handle: IO[bytes] = self.fs.open(entry.full, "rb", block_size=4 * 1024 * 1024)
        return handle


def make_root(label: str, location: str) -> Root:
    if location.startswith(REMOTE_SCHEMES) or "://" in location:
        return RemoteRoot(label, location)
    return Root(label, location)


def _inside(relative: str) -> str | None:
    """``relative`` normalised inside the root ("" for the root itself), or None if it leaves it."""
    if relative.startswith(("/", "\\")) or "://" in relative:
        return None
    normal = posixpath.normpath(relative.replace("\\", "/"))
    if normal == ".":
        return ""
    if normal == ".." or normal.startswith("../"):
        return None
    return normal


def _within(path: str, base: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


def _relative(path: str, top: str) -> str:
    return os.path.relpath(path, top).replace(os.sep, "/")
