"""Incident scoping: what leaked items reach, who must be told, and by when.

``scope(inventory, leaked, discovered, since, as_of)`` walks the access graph
(``aiguard.exposure.graph``) from the leaked credentials, principals or the public and returns an
``Incident``: the reached models and datasets (GB, classifications, personal-data kinds), every
other credential found in a reached place (rotate it too) and what it opens, the data subjects
behind the reached data, whether each store's access logs can show what was actually read, and
a checklist of notification duties with deadlines counted from the discovery (``duties``).

Fail closed: a fact the inventory does not state counts against the organization (an unclassified
asset counts as sensitive, an undeclared ``personal_data`` as personal data of special
categories, an unknown region as EU/EEA, an undeclared log as no log) and is named in
``Incident.unknowns``. Nothing reads the clock: the same inventory and flags give the same
incident, byte for byte once rendered.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from aiguard.errors import REQUEST, Problem, UsageError

if TYPE_CHECKING:
    from aiguard.exposure.graph import AccessGraph, Edge
    from aiguard.validate import MergedInventory

DISCLAIMER = ("This is a checklist to organise the first hours of a response, not legal advice: confirm every "
              "duty, deadline and exemption with counsel and your data protection officer.")
#: The public; a credential's node name starts with this prefix (as in aiguard.exposure.graph).
ANYONE, CREDENTIAL = "anyone", "credential:"
PRINCIPAL_KINDS = ("partner", "group", "user", "service")
SPECIAL_CATEGORIES = ("phi", "health", "genetic", "biometric")
#: Nodes visited in all walks of one incident (see ``_Scoper.reach``); the graph itself is limited
#: as for ``aiguard exposure`` (``aiguard.exposure.MAX_NODES``/``MAX_EDGES``).
MAX_VISITS = 5_000_000
_COLLECTION_KIND = {"stores": "store", "models": "model", "datasets": "dataset", "repositories": "repository",
          "credentials": "credential", "data_sources": "data source", "partners": "partner"}


# --- the incident -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hop:
    """One edge of a path: holding ``source`` opens ``target`` because of ``location``."""

    source: str
    target: str
    rule: str
    location: str  # file:line of the record or field that creates the edge


@dataclass(frozen=True)
class Unknown:
    """A fact the inventory leaves out, and what the scoping assumed instead (the worse case)."""

    subject: str
    location: str
    fact: str
    assumed: str


@dataclass(frozen=True)
class ReachedAsset:
    id: str
    kind: str  # "model" or "dataset"
    size_gb: float  # 0 when undeclared (named in unknowns)
    classification: str | None
    personal_data: tuple[str, ...] | None  # None: undeclared (a model never declares it)
    sensitive: bool  # as the catalog defines it; an unclassified asset is named in the unknowns
    store: str | None
    location: str
    path: tuple[Hop, ...]


@dataclass(frozen=True)
class Reach:
    """What one starting point opens: its models and datasets and their size."""

    start: str
    assets: tuple[str, ...]
    gb_total: float
    gb_sensitive: float  # as the catalog and `aiguard exposure` count: confidential, restricted, personal data
    gb_unclassified: float  # assets with no classification: not counted sensitive, but may well be


@dataclass(frozen=True)
class ExposedCredential:
    """A credential found in a reached place (or published): whoever got in can use it too."""

    id: str
    node: str  # credential:<id>
    kind: str | None
    stored_in: str | None
    expires: str | None
    location: str
    path: tuple[Hop, ...]
    opens: Reach


@dataclass(frozen=True)
class DataSubjects:
    """A data source behind reached data: whose data it is, where they are, under which rules."""

    id: str
    name: str | None
    kind: str | None
    trial_id: str | None
    regions: tuple[str, ...]
    hipaa_applicable: bool | None
    ethics_reference: str | None
    ethics_expires: str | None
    datasets: tuple[str, ...]  # the reached datasets drawn from it
    location: str


@dataclass(frozen=True)
class StoreLogs:
    """Whether a store's data-access logs can tell what was actually read since the exposure began."""

    store: str
    data_access: bool | None  # None: undeclared
    retention_days: int | None
    logs_from: str | None  # the oldest day the logs still hold at discovery
    determinable: bool  # False: assume everything in the store was copied
    verdict: str
    assets: tuple[str, ...]  # the reached models and datasets it holds
    location: str


@dataclass(frozen=True)
class Duty:
    """One line of the notification checklist."""

    key: str
    title: str
    recipient: str
    basis: str
    status: str  # REQUIRED, ASSUMED (required because a fact is unknown) or NOT_TRIGGERED
    deadline: str | None  # ISO date or UTC time; None: no fixed deadline (see deadline_text)
    deadline_text: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Incident:
    organization: str | None
    leaked: tuple[str, ...]
    discovered: str  # UTC, minutes: 2026-11-27T14:30Z
    discovered_assumed_midnight: bool  # ``discovered`` gave a date only
    since: str | None
    as_of: str
    reach: Reach  # the union
    per_leaked: tuple[Reach, ...]
    assets: tuple[ReachedAsset, ...]
    classifications: dict[str, int]  # classification ("unclassified" for none) -> number of reached assets
    personal_data: tuple[str, ...]  # kinds reached ("undeclared" when some dataset does not say)
    other_places: tuple[str, ...]  # reached stores and repositories
    credentials: tuple[ExposedCredential, ...]
    subjects: tuple[DataSubjects, ...]
    regions: tuple[str, ...]
    stores: tuple[StoreLogs, ...]
    duties: tuple[Duty, ...]
    unknowns: tuple[Unknown, ...]
    disclaimer: str = field(default=DISCLAIMER)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- parsing the flags --------------------------------------------------------------------------


def parse_discovered(value: str) -> tuple[dt.datetime, bool]:
    """``discovered``: a date (taken as 00:00 UTC, the earliest and so the strictest reading)
    or a time with a zone (``2026-11-27T14:30Z``, ``...+01:00``). Returns the UTC time and whether
    only a date was given."""
    text = value.strip()
    if len(text) == 10:
        try:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC), True
        except ValueError:
            pass
    elif "T" in text:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                raise UsageError.of("discovered", f"{value!r}: a time needs a zone, e.g. {text}Z (UTC) or {text}+01:00")
            return moment.astimezone(dt.UTC).replace(second=0, microsecond=0), False
    raise UsageError.of("discovered", f"{value!r}: expected a date such as 2026-11-27 or a time with a zone such as "
                        "2026-11-27T14:30Z")


def parse_since(value: str | None) -> dt.date | None:
    """``since``: the first day the leaked items may have been in other hands."""
    from aiguard.api import parse_day

    return None if value is None else parse_day(value, "since")


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


# --- scoping ------------------------------------------------------------------------------------


def scope(inventory: MergedInventory, leaked: Sequence[str], discovered: dt.datetime, *,
          since: dt.date | None = None, as_of: dt.date | None = None, date_only: bool = False) -> Incident:
    """Scope the incident in which ``leaked`` fell into other hands, discovered at ``discovered`` (UTC).

    ``as_of`` (default: ``since``, else the discovery day) decides which grants and credentials
    count as unexpired: from ``since``, every one that was open at any time since then counts.
    Raises ``UsageError`` for a leaked item that names nothing in the inventory, an empty
    ``leaked``, or a discovery before ``since``.
    """
    from aiguard.exposure import AccessGraph, check_size

    check_flags(leaked, discovered, since)
    day = as_of or since or discovered.date()
    graph = AccessGraph.build(inventory, day)
    check_size(graph)  # the limits of `aiguard exposure`: exit 2 rather than part of an answer
    problems = [Problem(REQUEST, None, "leaked", problem) for item in leaked
                if (problem := unresolved(inventory, graph, item))]
    if problems:
        raise UsageError(problems)  # every bad leaked item at once
    starts = tuple(dict.fromkeys(item.strip() for item in leaked))
    return _Scoper(inventory, graph, starts, discovered, date_only, since, day).incident()


def run(paths: Iterable[str], leaked: Sequence[str], discovered: str, *, since: str | None = None,
        as_of: str | None = None, max_file_bytes: int | None = None) -> Incident:
    """Parse the flags as the CLI does, then load the inventory at ``paths`` and scope the incident."""
    from aiguard.api import load_inventory, parse_as_of
    from aiguard.load.documents import MAX_FILE_BYTES

    moment, date_only = parse_discovered(discovered)
    first_day = parse_since(since)
    day = parse_as_of(as_of) if as_of is not None else None
    check_flags(leaked, moment, first_day)  # before reading anything: bad flags fail fast
    inventory = load_inventory(paths, max_file_bytes=max_file_bytes or MAX_FILE_BYTES)
    return scope(inventory, leaked, moment, since=first_day, as_of=day, date_only=date_only)


def check_flags(leaked: Sequence[str], discovered: dt.datetime, since: dt.date | None) -> None:
    if not leaked:
        raise UsageError.of("leaked", "name at least one leaked item (credential:<id>, a principal, or anyone)")
    if since is not None and discovered.date() < since:
        raise UsageError.of("discovered", f"{discovered.date().isoformat()} is before `since={since.isoformat()}`: "
                            "an exposure cannot be discovered before it began")


def unresolved(inventory: MergedInventory, graph: AccessGraph, item: str) -> str | None:
    """None when a ``leaked`` item names a starting point of the graph; else why not, with a
    did-you-mean."""
    text = item.strip()
    if text == ANYONE or text in graph.starting_points:
        return None
    kind, _, name = text.partition(":")
    if kind == "partner" and inventory.ids.get(name, ("",))[0] == "partners":
        return None  # a partner without grants: valid, it opens nothing by itself
    candidates = list(graph.starting_points)
    hint = ""
    found = inventory.ids.get(text) or (inventory.ids.get(name) if kind in ("credential", *PRINCIPAL_KINDS) else None)
    if found and found[0] == "credentials":
        hint = f"; did you mean '{CREDENTIAL}{inventory.data['credentials'][found[1]]['id']}'?"
    elif found and found[0] == "partners":
        hint = f"; did you mean 'partner:{inventory.data['partners'][found[1]]['id']}'?"
    elif found:
        hint = (f"; {text!r} is a {_COLLECTION_KIND[found[0]]}: leak its credential or principal instead "
                "(credential:<id>, partner:<id>, group:<name>, user:<email>, service:<name>, anyone)")
    else:
        close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6) or difflib.get_close_matches(
            CREDENTIAL + text, candidates, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean {close[0]!r}?"
    what = "credential" if kind == "credential" else "principal" if kind in PRINCIPAL_KINDS else "item"
    return f"{item!r}: no such {what} in the inventory{hint}"


class _Scoper:
    """The walk from the leaked items and everything derived from it; one instance per incident."""

    def __init__(self, inventory: MergedInventory, graph: AccessGraph, starts: tuple[str, ...],
                 discovered: dt.datetime, date_only: bool, since: dt.date | None, as_of: dt.date) -> None:
        self.inventory, self.graph, self.starts = inventory, graph, starts
        self.discovered, self.date_only, self.since, self.as_of = discovered, date_only, since, as_of
        self.data = inventory.data
        self.unknowns: dict[tuple[str, str], Unknown] = {}
        self.visits = 0
        self.located: dict[tuple[str | int, ...], str] = {}

    # helpers

    def reach(self, starts: Sequence[str]) -> dict[str, Edge]:
        """The graph's reach, counted against ``MAX_VISITS``: the union, each leaked item and each
        exposed credential are walked once, so a large graph with many exposed credentials would
        grow quadratically; past the limit the run stops (exit 2) rather than answer in part."""
        reached = self.graph.parents(starts)  # node -> the edge that reached it; paths only where shown
        self.visits += len(reached)
        if self.visits > MAX_VISITS:
            raise UsageError("incident: the leaked items and the credentials they expose reach more than "
                             f"{MAX_VISITS:,} nodes in total (one walk each); scope fewer `leaked` items or a "
                             "part of the inventory")
        return reached

    def record(self, ident: str) -> tuple[str, int, dict[str, Any]] | None:
        found = self.inventory.ids.get(ident)
        if found is None:
            return None
        return found[0], found[1], self.data[found[0]][found[1]]

    def where(self, *path: str | int) -> str:
        """``file:line`` of an inventory path, each looked up once: paths share their first hops,
        and a line lookup is most of the cost of a large incident."""
        located = self.located.get(path)
        if located is None:
            located = self.located[path] = str(self.inventory.locate(path))
        return located

    def unknown(self, subject: str, location: str, fact: str, assumed: str) -> None:
        self.unknowns.setdefault((subject, fact), Unknown(subject, location, fact, assumed))

    def hops(self, edges: Iterable[Edge]) -> tuple[Hop, ...]:
        return tuple(Hop(e.source, e.target, e.rule, self.where(*e.path)) for e in edges)

    def summarise(self, start: str, reached: Iterable[str]) -> Reach:
        from aiguard.exposure import is_sensitive, size_gb

        kinds = self.graph.kinds
        assets = sorted(n for n in reached if kinds.get(n) in ("model", "dataset"))
        total = sensitive = unclassified = 0.0
        for ident in assets:
            record = self.record(ident)[2]  # type: ignore[index]
            size = size_gb(record, kinds[ident])
            total += size
            if is_sensitive(record):
                sensitive += size
            elif record.get("classification") is None:
                unclassified += size
        return Reach(start, tuple(assets), _round(total), _round(sensitive), _round(unclassified))

    # the incident

    def incident(self) -> Incident:
        from aiguard.exposure.graph import path_to

        reached = self.reach(self.starts)
        union = self.summarise(", ".join(self.starts), reached)
        per_leaked = tuple(self.summarise(start, self.reach([start])) for start in self.starts)
        assets = tuple(self.asset(ident, path_to(reached, ident)) for ident in union.assets)
        classifications: dict[str, int] = {}
        for asset in assets:
            name = asset.classification or "unclassified"
            classifications[name] = classifications.get(name, 0) + 1
        kinds = {kind for a in assets if a.personal_data for kind in a.personal_data}
        if any(a.kind == "dataset" and a.personal_data is None for a in assets):
            kinds.add("undeclared")
        places = tuple(sorted(n for n in reached if self.record(n) and self.record(n)[0] in ("stores",  # type: ignore[index]
                                                                                             "repositories")))
        credentials = tuple(self.credential(node, path_to(reached, node)) for node in sorted(reached)
                            if node.startswith(CREDENTIAL) and node not in self.starts)
        subjects = self.subjects(assets)
        stores = self.stores(assets, places)
        from aiguard.incident.duties import Checklist

        regions = tuple(sorted({region for s in subjects for region in s.regions}))
        duties = Checklist(self, assets, subjects, places).duties()
        return Incident(
            organization=(self.data.get("metadata") or {}).get("organization"),
            leaked=self.starts,
            discovered=utc_text(self.discovered),
            discovered_assumed_midnight=self.date_only,
            since=self.since.isoformat() if self.since else None,
            as_of=self.as_of.isoformat(),
            reach=union,
            per_leaked=per_leaked,
            assets=assets,
            classifications=dict(sorted(classifications.items())),
            personal_data=tuple(sorted(kinds)),
            other_places=places,
            credentials=credentials,
            subjects=subjects,
            regions=regions,
            stores=stores,
            duties=duties,
            unknowns=tuple(sorted(self.unknowns.values(), key=lambda u: (u.subject, u.fact))),
        )

    def asset(self, ident: str, path: list[Edge]) -> ReachedAsset:
        from aiguard.exposure import is_sensitive, size_gb

        collection, index, record = self.record(ident)  # type: ignore[misc]
        location = self.where(collection, index)
        kind = _COLLECTION_KIND[collection]
        if record.get("classification") is None:
            self.unknown(ident, location, "classification undeclared",
                         "may be sensitive: handle it as restricted (its GB are shown as unclassified)")
        if (record.get("weights") or {}).get("size_gb") is None and record.get("size_gb") is None:
            self.unknown(ident, location, "size undeclared", "counted as 0 GB: the totals are a lower bound")
        personal: tuple[str, ...] | None = None
        if kind == "dataset":
            if "personal_data" in record:
                personal = tuple(sorted(record["personal_data"]))
            else:
                self.unknown(ident, location, "personal_data undeclared",
                             "treated as personal data of special categories (GDPR Art. 33/34 and HIPAA assumed)")
        store = (record.get("weights") or {}).get("store") if kind == "model" else record.get("store")
        return ReachedAsset(ident, kind, size_gb(record, kind), record.get("classification"), personal,
                            is_sensitive(record), store, location, self.hops(path))

    def credential(self, node: str, path: list[Edge]) -> ExposedCredential:
        ident = node[len(CREDENTIAL):]
        collection, index, record = self.record(ident)  # type: ignore[misc]
        opens = self.summarise(node, self.reach([node]))
        return ExposedCredential(ident, node, record.get("kind"), record.get("stored_in"), record.get("expires"),
                                 self.where(collection, index), self.hops(path), opens)

    def subjects(self, assets: tuple[ReachedAsset, ...]) -> tuple[DataSubjects, ...]:
        by_source: dict[str, list[str]] = {}
        for asset in assets:
            if asset.kind != "dataset":
                continue
            _, _, record = self.record(asset.id)  # type: ignore[misc]
            for source in record.get("sources") or ():  # none declared: named by the checklist
                by_source.setdefault(source, []).append(asset.id)
        result = []
        for source, datasets in sorted(by_source.items()):
            collection, index, record = self.record(source)  # type: ignore[misc]
            location = self.where(collection, index)
            ethics = record.get("ethics_approval") or {}
            result.append(DataSubjects(source, record.get("name"), record.get("kind"), record.get("trial_id"),
                                       tuple(record.get("regions") or ()), record.get("hipaa_applicable"),
                                       ethics.get("reference"), ethics.get("expires"), tuple(sorted(datasets)),
                                       location))
        return tuple(result)

    def stores(self, assets: tuple[ReachedAsset, ...], places: tuple[str, ...]) -> tuple[StoreLogs, ...]:
        held: dict[str, list[str]] = {p: [] for p in places if self.record(p)[0] == "stores"}  # type: ignore[index]
        for asset in assets:
            if asset.store is None:
                self.unknown(asset.id, asset.location, "store undeclared",
                             "no access log can be consulted: assume it was copied in full")
            else:
                held.setdefault(asset.store, []).append(asset.id)
        return tuple(self.logs(store, tuple(sorted(ids))) for store, ids in sorted(held.items()))

    def logs(self, store: str, assets: tuple[str, ...]) -> StoreLogs:
        collection, index, record = self.record(store)  # type: ignore[misc]
        location = self.where(collection, index)
        logging = record.get("logging") or {}
        data_access, retention = logging.get("data_access"), logging.get("retention_days")
        copied = "assume everything in it was copied"
        logs_from = None
        if data_access is None:
            self.unknown(store, location, "logging.data_access undeclared", "no data-access log: " + copied)
            verdict, determinable = f"data-access logging undeclared: {copied}", False
        elif not data_access:
            verdict, determinable = f"no data-access logs: {copied}", False
        elif retention is None:
            self.unknown(store, location, "logging.retention_days undeclared", "logs may not reach back: " + copied)
            verdict, determinable = f"logs kept for an undeclared time: {copied}", False
        else:
            oldest = self.discovered.date() - dt.timedelta(days=retention)
            logs_from = oldest.isoformat()
            if self.since is None:
                verdict, determinable = (f"logs from {logs_from} on; --since not given, so whether they reach back to "
                                         f"the start of the exposure is unknown: {copied}"), False
            elif oldest <= self.since:
                verdict, determinable = (f"logs from {logs_from} on reach back to --since {self.since}: actual "
                                         "access can be determined"), True
            else:
                verdict, determinable = (f"logs from {logs_from} on start after --since {self.since}: earlier access "
                                         f"cannot be determined; {copied}"), False
        return StoreLogs(store, data_access, retention, logs_from, determinable, verdict, assets, location)


def _round(value: float) -> float:
    """GB totals to two decimals: floating sums must print the same on every machine."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded
