"""``aiguard verify``: examine the artifacts an inventory describes and write down what they are.

load the inventory -> resolve roots -> for each mapped model: list its files, then per file (in
parallel) sniff the format, hash it, and scan pickles -> scan repositories and bundles for
secrets -> the evidence document. No judgement is made here: the ``evidence`` policies compare the
evidence with the inventory in ``aiguard check --evidence``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from aiguard.dates import parse_date
from aiguard.errors import REQUEST, Problem, UsageError
from aiguard.evidence.document import API_VERSION, inventory_digest
from aiguard.evidence.hashing import manifest_digest, sha256_stream, workers
from aiguard.evidence.roots import Entry, Root, make_root
from aiguard.evidence.sniff import sniff

#: Files that hold a signature of the artifact rather than the artifact (left out of its digest).
SIGNATURE_SUFFIXES = (".sig", ".sigstore", ".sigstore.json")
#: Repositories and bundles with more files than this are scanned by forked workers.
PARALLEL_SCAN_FILES = 2000

ProgressFactory = Callable[[int], Any]  # total bytes -> a context manager with .update(n)


@dataclass
class Targets:
    """Where the artifacts are: store id -> directory or URL; repository id -> checkout / bundle."""

    stores: dict[str, str] = field(default_factory=dict)
    repositories: dict[str, str] = field(default_factory=dict)
    bundles: dict[str, str] = field(default_factory=dict)


#: The ``Targets`` field of each kind of place, as usage errors name it (the CLI shows its flag).
FIELDS = {"store": "targets.stores", "repository": "targets.repositories", "bundle": "targets.bundles"}


def parse_mapping(values: Iterable[str], field: str) -> dict[str, str]:
    """``ID=DIR`` texts -> {id: dir}; a malformed or repeated id is a usage error naming ``field``."""
    mapping: dict[str, str] = {}
    problems = []
    for value in values:
        key, sep, location = value.partition("=")
        if not sep or not key.strip() or not location.strip():
            problems.append(Problem(REQUEST, None, field, f"{value!r}: expected ID=DIR"))
        elif key.strip() in mapping:
            problems.append(Problem(REQUEST, None, field, f"{key.strip()!r} given twice"))
        else:
            mapping[key.strip()] = location.strip()
    if problems:
        raise UsageError(problems)
    return mapping


def verify(paths: Iterable[Any], targets: Targets, *, date: str | dt.date | None = None,
           progress: ProgressFactory | None = None, max_file_bytes: int | None = None,
           signing_key: str | None = None) -> dict[str, Any]:
    """The evidence document for the inventory at ``paths`` and the artifacts in ``targets``;
    ``signing_key``: the public key (PEM) that model signature files are verified against."""
    from aiguard._version import __version__
    from aiguard.api import load_inventory

    _require_scanners()
    inventory = load_inventory(paths, max_file_bytes=max_file_bytes) if max_file_bytes else load_inventory(paths)
    data = inventory.data
    _check_ids(targets, {s["id"] for s in data["stores"]}, {r["id"] for r in data["repositories"]})
    stores = {sid: make_root(f"store {sid}", loc) for sid, loc in sorted(targets.stores.items())}
    places = [("repository", rid, make_root(f"repository {rid}", loc)) for rid, loc in sorted(targets.repositories.items())]
    places += [("bundle", rid, make_root(f"bundle {rid}", loc)) for rid, loc in sorted(targets.bundles.items())]
    for sid, root in stores.items():
        root.check(FIELDS["store"], sid)
    for kind, rid, root in places:
        if type(root) is not Root:
            raise UsageError.of(FIELDS[kind], f"{rid}={root.location}: repositories and bundles are scanned "
                                "from a local directory")
        root.check(FIELDS[kind], rid)
    if signing_key is not None and not os.path.isfile(signing_key):
        raise UsageError.of("signing_key", f"{signing_key}: no such file")
    models, not_examined = _examine_models(data["models"], stores, progress)
    for record in models:
        _check_signatures(record, stores[record["store"]], signing_key)
    return {
        "apiVersion": API_VERSION,
        "tool": {"name": "aiguard", "version": __version__},
        "date": _date(date),
        "inventory": {"digest": inventory_digest(inventory), "files": [str(d.path) for d in inventory.documents]},
        "models": models,
        "not_examined": not_examined,
        "places": [_scan_place(kind, rid, root) for kind, rid, root in places],
    }


def _date(date: str | dt.date | None) -> str:
    """The evidence date: given (``date``), else today in UTC."""
    if date is None:
        return dt.datetime.now(dt.UTC).date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return parse_date(date).isoformat()
    except ValueError as error:
        raise UsageError.of("date", str(error)) from None


def _require_scanners() -> None:
    import importlib.util

    missing = [name for name in ("picklescan", "detect_secrets") if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(f"aiguard verify needs {', '.join(missing)}: pip install 'aiguard[evidence]'")


def _check_ids(targets: Targets, store_ids: set[str], repository_ids: set[str]) -> None:
    problems = []
    for kind, mapping, known, what in (("store", targets.stores, store_ids, "store"),
                                       ("repository", targets.repositories, repository_ids, "repository"),
                                       ("bundle", targets.bundles, repository_ids, "repository")):
        for key in sorted(mapping):
            if key not in known:
                problems.append(Problem(REQUEST, None, FIELDS[kind], f"{key!r} is no {what} id of the inventory"))
    if problems:
        raise UsageError(problems)


# -- models ---------------------------------------------------------------------------------------


def _examine_models(models: list[dict[str, Any]], stores: Mapping[str, Root],
                    progress: ProgressFactory | None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    records, not_examined, work = [], [], []
    for model in sorted(models, key=lambda m: m["id"]):
        weights = model.get("weights") or {}
        store, path = weights.get("store"), weights.get("path")
        if not isinstance(store, str) or store not in stores or not path:
            reason = ("no weights.path" if store in stores else f"store {store} not given (--store-root)" if store
                      else "no weights.store")
            not_examined.append({"id": model["id"], "reason": reason})
            continue
        root = stores[store]
        record: dict[str, Any] = {"id": model["id"], "store": store, "root": root.location, "path": path,
                                  "status": "examined", "kind": None, "sha256": None, "formats": [],
                                  "pickle_based": False, "files": [], "signature_files": [], "signatures": []}
        records.append(record)
        found = root.artifact(path)
        if isinstance(found, str):
            record["status"] = found
            continue
        record["kind"], listing = found
        record["skipped"] = listing.skipped
        for entry in listing.entries:
            if entry.path.endswith(SIGNATURE_SUFFIXES):
                record["signature_files"].append(entry.path)
            else:
                work.append((record, root, entry))
    total = sum(entry.size for _, _, entry in work)
    results = _examine_files([(root, entry) for _, root, entry in work], total, progress)
    for (record, _, _), result in zip(work, results, strict=True):
        record["files"].append(result)
    for record in records:
        _conclude(record)
    return records, not_examined


def _conclude(record: dict[str, Any]) -> None:
    """The model's status, artifact digest and formats from its files' results."""
    files = record["files"]
    if record["status"] != "examined":
        return
    skipped = record.get("skipped") or []
    if skipped:
        # What the artifact holds but was not read (a symlink out of the root, a FIFO...) is what
        # a loader may load: the artifact is not verified, whatever the files read show.
        first = skipped[0]
        more = f" and {len(skipped) - 1} more" if len(skipped) > 1 else ""
        record["status"] = f"unreadable: {first['path']}: {first['reason']}{more}"
    elif not files:
        record["status"] = "missing"
        return
    elif any(f["sha256"] is None for f in files):
        record["status"] = "unreadable"
    else:
        digests = [(f["path"], f["sha256"]) for f in files]
        record["sha256"] = files[0]["sha256"] if record["kind"] == "file" else manifest_digest(digests)
    record["formats"] = sorted({f["format"] for f in files if f["format"] not in (None, "zip")})
    record["pickle_based"] = any(f["pickle_based"] for f in files)


def _check_signatures(record: dict[str, Any], root: Root, signing_key: str | None) -> None:
    """Verify the model's signature files (local stores: model-signing reads the files itself)."""
    from aiguard.evidence import signatures

    results = []
    if record["kind"] == "file" and type(root) is Root:
        found = root.artifact(record["path"] + ".sig")
        if not isinstance(found, str):
            record["signature_files"].append(found[1].entries[0].path)
            results.append(signatures.verify(os.path.join(root.base, record["path"]),
                                             found[1].entries[0].full, [], signing_key))
    elif record["kind"] == "directory" and record["signature_files"]:
        directory = os.path.join(root.base, record["path"])
        for name in record["signature_files"]:
            if type(root) is not Root:
                results.append({"file": name, "verified": None, "error": "not verified: remote store"})
                continue
            results.append(signatures.verify(directory, os.path.join(directory, name),
                                             record["signature_files"], signing_key))
    record["signatures"] = results


def _examine_files(items: list[tuple[Root, Entry]], total: int, progress: ProgressFactory | None) -> list[dict[str, Any]]:
    if not items:
        return []
    lock = threading.Lock()
    bar = progress(total) if progress is not None else None

    def advance(count: int) -> None:
        with lock:
            bar.update(count)  # type: ignore[union-attr]  # only called when there is a bar

    def one(item: tuple[Root, Entry]) -> dict[str, Any]:
        return _examine_file(*item, advance if bar is not None else None)

    if bar is not None:
        bar.__enter__()
    try:
        with ThreadPoolExecutor(max_workers=workers(len(items))) as pool:
            return list(pool.map(one, items))
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _examine_file(root: Root, entry: Entry, advance: Callable[[int], None] | None) -> dict[str, Any]:
    from aiguard.evidence import pickles

    result: dict[str, Any] = {"path": entry.path, "size": entry.size, "sha256": None, "format": None,
                              "pickle_based": False, "problem": None, "pickle_scan": None}
    try:
        with root.open(entry) as handle:
            sniffed = sniff(handle, entry.size, entry.path)
            result["format"], result["problem"] = sniffed.format, sniffed.problem
            result["pickle_based"] = sniffed.pickle_based
            if sniffed.pickle_based and sniffed.problem is None:
                kind = {"pickle": "pickle", "joblib": "zlib"}.get(sniffed.format or "", "zip")
                result["pickle_scan"] = pickles.scan(handle, entry.path, kind, entry.size)
            handle.seek(0)
            result["sha256"] = sha256_stream(handle, advance)
    except OSError as error:
        result["problem"] = f"unreadable: {error.strerror or error}"
    return result


# -- repositories and bundles ---------------------------------------------------------------------


def _scan_place(kind: str, place_id: str, root: Root) -> dict[str, Any]:
    listing = root.walk()
    entries = listing.entries
    if len(entries) > PARALLEL_SCAN_FILES:
        from aiguard.parallel import fork_map

        count = workers(len(entries))
        shares = [(entries[i::count],) for i in range(count)]
        parts = fork_map(_scan_share, shares, count, first_here=True)
    else:
        parts = [_scan_share(entries)]
    found = sorted((s for part in parts for s in part[0]), key=lambda s: (s["file"], s["line"], s["type"], s["fingerprint"]))
    skipped = sorted([*listing.skipped, *(s for part in parts for s in part[1])], key=lambda s: s["path"])
    digests = [d for part in parts for d in part[2]]
    return {"kind": kind, "id": place_id, "root": root.location, "files_scanned": len(digests),
            "digest": "sha256:" + manifest_digest(digests), "skipped": skipped, "secrets": found}


def _scan_share(entries: list[Entry]) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[tuple[str, str]]]:
    from aiguard.evidence import secrets

    with secrets.detector():
        return secrets.scan_files(entries)
