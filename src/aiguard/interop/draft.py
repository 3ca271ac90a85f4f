"""A draft inventory built from AI bills of materials: records, their origins, what was skipped.

Readers (one module per format) turn a source file into ``Record`` objects and add them to a
``Draft``; ``aiguard.interop.yaml_draft`` writes the draft as a commented YAML inventory. Nothing
here invents a value: a field is set only when a source states it, and every field a person still
has to fill in is listed per record (``missing``) so the writer can mark it ``# TODO``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from aiguard.errors import InputError, Problem

Collection = Literal["stores", "models", "datasets"]

#: The fields a person has to state for each kind of record before the completeness policies
#: (AIG-INV-*) and the security policies can pass; absent ones become ``# TODO`` comments.
EXPECTED: dict[str, tuple[str, ...]] = {
    "stores": (
        "owner", "kind", "provider", "environment", "encryption.at_rest", "encryption.key",
        "public_access", "network.private", "logging.data_access", "egress_alert.enabled",
        "backup.enabled",
    ),
    "models": (
        "owner", "classification", "proprietary", "weights.store", "weights.format", "weights.sha256",
        "weights.signature", "weights.last_scan", "training.datasets",
    ),
    "datasets": (
        "owner", "classification", "type", "store", "personal_data", "purposes", "retention.until",
    ),
}

#: Ids as the inventory schema allows them (``aiguard.validate.model.Id``).
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/@-]*$")
_SLUG_DROP = re.compile(r"[^a-z0-9._-]+")

CLASSIFICATIONS = ("public", "internal", "confidential", "restricted")

#: Labels that name one of our personal-data kinds exactly (case-insensitive). Free text is never
#: parsed for keywords: "contains no PII" must not read as PII.
PERSONAL_DATA_LABELS = {
    "pii": "pii", "personal data": "pii", "personally identifiable information": "pii",
    "personal information": "pii", "phi": "phi", "protected health information": "phi",
    "health": "health", "health data": "health", "genetic": "genetic", "genetic data": "genetic",
    "biometric": "biometric", "biometric data": "biometric",
}


def slug(text: str) -> str:
    """A stable id from a source's identifier: lower case, runs of other characters as ``-``."""
    out = _SLUG_DROP.sub("-", text.strip().lower()).strip("-._")
    return out[:200].rstrip("-._") or "unnamed"


def as_id(text: str) -> str:
    """``text`` itself when it is already a valid inventory id, else its slug."""
    return text if _ID.match(text) and len(text) <= 200 else slug(text)


def one_line(text: Any, limit: int = 160) -> str:
    """A value fit for a one-line YAML comment."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    text = "/".join(map(str, parts))
    if "~" in text or text.count("/") != len(parts) - 1:  # a part holds "~" or "/": escape them
        return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "/" + text if parts else ""


@dataclass
class Record:
    """One store, model or dataset of the draft, with where it came from."""

    collection: Collection
    id: str
    source: str  # the file it came from (for "# TODO: not in <file>")
    origin: str  # "<file> <JSON pointer or element id>"
    fields: dict[str, Any] = field(default_factory=dict)  # nested, without ``id``
    notes: list[str] = field(default_factory=list)  # what the source says that has no field here
    # Fields a source speaks of without stating them in full: absent, whatever another source says.
    withheld: set[str] = field(default_factory=set)

    def set(self, dotted: str, value: Any) -> None:
        node = self.fields
        *parents, leaf = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value

    def unset(self, dotted: str) -> None:
        *parents, leaf = dotted.split(".")
        node = self.fields
        for part in parents:
            node = node[part]
        del node[leaf]

    def get(self, dotted: str) -> Any:
        node: Any = self.fields
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def missing(self) -> list[str]:
        """The expected fields no source stated, for a person to fill in."""
        return [name for name in EXPECTED[self.collection] if self.get(name) is None]

    def mapped(self) -> int:
        """How many fields a source stated (a list counts once)."""
        return _leaves(self.fields)


def _leaves(node: Any) -> int:
    if isinstance(node, dict):
        return sum(_leaves(v) for v in node.values())
    return 1


@dataclass
class Draft:
    """Everything read from the sources, ready to be written or merged."""

    sources: list[str] = field(default_factory=list)  # "<file> (<format and version>)"
    records: dict[str, Record] = field(default_factory=dict)  # by id, in the order read
    skipped: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (file, reason) -> where
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def add(self, record: Record) -> Record:
        """Add a record; one with an id already drafted is merged into it (a dataset that two model
        cards name), and a field on which the two disagree is kept from the first and reported."""
        name = record.fields.get("name")
        if name is not None and not str(name).strip():
            raise InputError([Problem(record.source, None, record.origin.removeprefix(record.source).strip(),
                                      "a blank name")])
        known = self.records.get(record.id)
        if known is None:
            self.records[record.id] = record
            return record
        if known.collection != record.collection:
            raise InputError([Problem(record.source, None, record.origin.removeprefix(record.source).strip(),
                                      f"id {record.id!r} is both a {known.collection[:-1]} ({known.origin}) "
                                      f"and a {record.collection[:-1]}")])
        self.conflicts += merge_fields(known.fields, record.fields, f"{record.collection}/{record.id}",
                                       known.origin, record.origin)
        if record.origin not in known.origin:
            known.notes.append(f"also in {record.origin}")
        known.notes += [n for n in record.notes if n not in known.notes]
        known.withheld |= record.withheld
        for name in sorted(known.withheld):
            value = known.get(name)
            if value is not None:  # a partial statement must not be completed by another source's
                known.unset(name)
                self.conflicts.append(f"{record.collection}/{record.id}.{name}: left out {json.dumps(value)}: "
                                      "a source says more than it names (see the TODO)")
        return known

    def skip(self, source: str, where: str, why: str) -> None:
        self.skipped.setdefault((source, why), []).append(where)

    def store_for(self, url: str, source: str, origin: str) -> tuple[str, str] | None:
        """The store (drafted here) and path of an explicit download location, or None when the
        location is not a URL with a host. Credentials and query strings are never copied."""
        try:
            parts = urlsplit(url.strip())
            host = parts.hostname
        except ValueError:
            return None
        if not parts.scheme or not host:
            return None
        store_id = as_id(host)
        existing = self.records.get(store_id)
        if existing is not None and existing.collection != "stores":
            store_id = as_id(host + "-store")
        record = Record("stores", store_id, source, origin, {"name": host})
        record.notes.append(f"download location: {parts.scheme}://{host}{parts.path}")
        self.add(record)
        return store_id, parts.path or "/"

    def place(self, record: Record, urls: list[tuple[str, str]]) -> None:
        """A dataset's store and path from its explicit locations ``(JSON pointer, URL)`` when they
        share one host (the path: their common directory); other cases stay a comment."""
        found = None
        if urls and len({host_of(u) for _, u in urls}) == 1:
            found = self.store_for(urls[0][1], record.source, f"{record.source} {urls[0][0]}")
        if found:
            record.set("store", found[0])
            record.set("path", common_path([u for _, u in urls]))
        elif urls:
            record.notes.append(f"locations (not one host, no store chosen): {one_line(', '.join(u for _, u in urls))}")

    def count(self, collection: Collection) -> int:
        return sum(1 for r in self.records.values() if r.collection == collection)


def merge_fields(mine: dict[str, Any], theirs: dict[str, Any], where: str, my_origin: str,
                 their_origin: str) -> list[str]:
    """Add to ``mine`` what only ``theirs`` states; never change a value ``mine`` has. Lists of ids
    are joined. Returns one line per field on which the two disagree."""
    conflicts = []
    for key, value in theirs.items():
        if key not in mine:
            mine[key] = value
        elif isinstance(mine[key], dict) and isinstance(value, dict):
            conflicts += merge_fields(mine[key], value, f"{where}.{key}", my_origin, their_origin)
        elif isinstance(mine[key], list) and isinstance(value, list) and key == "datasets":
            mine[key] += [v for v in value if v not in mine[key]]
        elif mine[key] != value:
            conflicts.append(f"{where}.{key}: kept {json.dumps(mine[key])} ({my_origin}); "
                             f"{their_origin} says {json.dumps(value)}")
    return conflicts


def personal_data_unknown(record: Record, stated: str) -> None:
    """Leave ``personal_data`` absent where the source says there is personal data without naming
    every kind: a partial list, or a plain "pii", would read as "only these kinds" and understate
    special categories (health, genetic...). Absent, AIG-INV-002 fails until a person declares it."""
    record.withheld.add("personal_data")
    record.notes.append(f"TODO: not in {record.source}: which kinds of personal data; {stated}")


def personal_data(labels: list[str]) -> tuple[list[str], list[str]]:
    """Our personal-data kinds for labels that name one exactly, and the labels left over."""
    kinds: list[str] = []
    rest: list[str] = []
    for label in labels:
        kind = PERSONAL_DATA_LABELS.get(" ".join(str(label).lower().split()))
        if kind is None:
            rest.append(str(label))
        elif kind not in kinds:
            kinds.append(kind)
    return kinds, rest


def host_of(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def common_path(urls: list[str]) -> str:
    """The path of one URL, or the directory that several share."""
    from posixpath import commonpath

    paths = [urlsplit(u.strip()).path or "/" for u in urls]
    return paths[0] if len(paths) == 1 else commonpath(paths) or "/"


def classification(value: Any) -> str | None:
    """One of our four classifications when the source names one exactly."""
    text = str(value).strip().lower()
    return text if text in CLASSIFICATIONS else None
