"""Exposure: what each starting point (the public, a principal, a credential) can reach through
the access graph, and what lies behind it (``../shared/spec/exposure.md``).

    >>> import aiguard, aiguard.api
    >>> from aiguard.exposure import exposures
    >>> inventory = aiguard.load_inventory(["inventories/gaps"])
    >>> [e.start for e in exposures(inventory, aiguard.api.parse_as_of("2026-11-25"), ["anyone"])]
    ['anyone']
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiguard.errors import REQUEST, Problem, UsageError
from aiguard.exposure.graph import ANYONE, CREDENTIAL, AccessGraph, Edge, path_to

if TYPE_CHECKING:
    from aiguard.validate import MergedInventory

__all__ = ["ANYONE", "CREDENTIAL", "MAX_EDGES", "MAX_NODES", "MAX_REACHED", "AccessGraph", "Edge", "Exposure",
           "ExposureReport", "exposure_report", "exposures", "is_sensitive", "size_gb"]

#: Limits of one exposure run. Beyond them the answer would not be read (or not fit in memory):
#: the run stops with exit 2 instead of printing part of it.
MAX_NODES = 2_000_000
MAX_EDGES = 10_000_000
#: Sum over the starting points of the models and datasets each reaches (one path each).
MAX_REACHED = 20_000_000

_SENSITIVE_CLASSIFICATIONS = frozenset({"confidential", "restricted"})
#: How an asset without a classification is listed: silence is not "public".
UNCLASSIFIED = "unclassified"


def is_sensitive(asset: dict[str, Any]) -> bool:
    """As in the catalog (policies/lib ``sensitive``): classified confidential or restricted, or a
    dataset with personal data."""
    return asset.get("classification") in _SENSITIVE_CLASSIFICATIONS or bool(asset.get("personal_data"))


def size_gb(asset: dict[str, Any], kind: str) -> int | float:
    """``weights.size_gb`` of a model, ``size_gb`` of a dataset; an absent size counts as 0."""
    if kind == "model":
        return (asset.get("weights") or {}).get("size_gb") or 0
    return asset.get("size_gb") or 0


@dataclass
class Exposure:
    """What one starting point reaches. Lists are sorted; ``paths`` holds one shortest path (its
    edges) per reached model or dataset."""

    start: str
    assets: list[str]
    gb_total: int | float
    gb_sensitive: int | float
    sensitive_assets: list[str]
    #: classifications of the reached assets ("unclassified" for those without one)
    classifications: list[str]
    #: personal-data kinds of the reached datasets
    personal_data: list[str]
    #: data sources behind the reached datasets, and the trial ids and regions they declare
    sources: list[str]
    trial_ids: list[str]
    regions: list[str]
    #: other reached nodes, by kind
    stores: list[str]
    repositories: list[str]
    credentials: list[str]
    paths: dict[str, list[Edge]] = field(repr=False)

    def path_nodes(self, asset: str) -> list[str]:
        """The path to ``asset`` as node ids, the starting point and the asset included."""
        edges = self.paths[asset]
        return [edges[0].source, *(edge.target for edge in edges)]

    def as_dict(self) -> dict[str, Any]:
        """The contract's JSON entry, with the extra facts after it."""
        return {
            "from": self.start,
            "assets": self.assets,
            "gb": {"total": self.gb_total, "sensitive": self.gb_sensitive},
            "paths": {asset: self.path_nodes(asset) for asset in self.assets},
            "sensitive_assets": self.sensitive_assets,
            "classifications": self.classifications,
            "personal_data": self.personal_data,
            "sources": self.sources,
            "trial_ids": self.trial_ids,
            "regions": self.regions,
            "stores": self.stores,
            "repositories": self.repositories,
            "credentials": self.credentials,
        }


@dataclass
class ExposureReport:
    """An exposure run: the inventory, its access graph as of a date, and one entry per start."""

    as_of: dt.date
    inventory: MergedInventory
    graph: AccessGraph
    exposures: list[Exposure]

    def kind(self, node: str) -> str:
        return self.graph.kinds.get(node, "principal")

    def record(self, asset_id: str) -> dict[str, Any]:
        """The inventory record of a model or dataset."""
        collection, index = self.inventory.ids[asset_id]
        record: dict[str, Any] = self.inventory.data[collection][index]
        return record


def exposure_report(paths: Iterable[str | os.PathLike[str]], as_of: str | dt.date | None = None,
                    starts: Iterable[str] | None = None, *, max_file_bytes: int | None = None) -> ExposureReport:
    """Load, validate and merge the inventory at ``paths`` and compute the exposures as of a date
    (what ``aiguard exposure`` prints). Raises ``AiguardError`` on bad input; never partial."""
    from aiguard.api import _collector_paused, load_inventory, parse_as_of
    from aiguard.load.documents import MAX_FILE_BYTES

    day = parse_as_of(as_of)
    with _collector_paused():  # as in check: millions of acyclic containers, no cycle to collect
        inventory = load_inventory(paths, max_file_bytes=max_file_bytes or MAX_FILE_BYTES)
        graph = AccessGraph.build(inventory, day)
        return ExposureReport(day, inventory, graph, exposures(inventory, day, starts, graph))


def exposures(inventory: MergedInventory, as_of: dt.date, starts: Iterable[str] | None = None,
              graph: AccessGraph | None = None) -> list[Exposure]:
    """One ``Exposure`` per starting point (all of them, or ``starts``), sorted by starting point.

    Raises ``UsageError`` for a start that is not a starting point (with the nearest names) and
    when the graph or the answer exceeds the limits above; never returns part of an answer.
    """
    graph = graph or AccessGraph.build(inventory, as_of)
    check_size(graph)
    chosen = graph.starting_points if starts is None else _resolve(graph, starts)
    facts = _Facts(inventory)
    result = []
    reached_total = 0
    for start in chosen:
        parent = graph.parents([start])
        assets = sorted(node for node in parent if graph.kinds.get(node) in ("model", "dataset"))
        reached_total += len(assets)
        if reached_total > MAX_REACHED:
            raise UsageError(f"exposure: the starting points reach more than {MAX_REACHED:,} models and datasets "
                             "in total (one path each); choose fewer `starts`")
        result.append(facts.exposure(start, graph, parent, assets))
    return result


def check_size(graph: AccessGraph) -> None:
    nodes, edges = len(graph.kinds), graph.edge_count
    if nodes > MAX_NODES or edges > MAX_EDGES:
        raise UsageError(f"exposure: the access graph has {nodes:,} nodes and {edges:,} edges; the limits are "
                         f"{MAX_NODES:,} nodes and {MAX_EDGES:,} edges")


def _resolve(graph: AccessGraph, starts: Iterable[str]) -> list[str]:
    """The requested starting points, checked: an id that is no starting point is an error."""
    known = set(graph.starting_points)
    chosen, problems = [], []
    for start in starts:
        if start in known:
            chosen.append(start)
            continue
        hint = CREDENTIAL + start if CREDENTIAL + start in known else None
        if hint is None:
            close = difflib.get_close_matches(start, graph.starting_points, n=3)
            hint = " or ".join(close) if close else None
        problems.append(Problem(REQUEST, None, "starts", f"{start!r} is not a starting point (anyone, a principal named in "
                                f"access, or credential:<id>)" + (f"; did you mean {hint}?" if hint else "")))
    if problems:
        raise UsageError(problems)
    return sorted(set(chosen))


class _Facts:
    """Per-asset facts looked up once for every starting point."""

    def __init__(self, inventory: MergedInventory) -> None:
        data = inventory.data
        self.models = {m["id"]: m for m in data["models"]}
        self.datasets = {d["id"]: d for d in data["datasets"]}
        self.sources = {s["id"]: s for s in data["data_sources"]}

    def exposure(self, start: str, graph: AccessGraph, parent: dict[str, Edge], assets: list[str]) -> Exposure:
        total: int | float = 0
        sensitive_total: int | float = 0
        sensitive: list[str] = []
        classifications: set[str] = set()
        personal: set[str] = set()
        sources: set[str] = set()
        for asset_id in assets:
            kind = graph.kinds[asset_id]
            record = self.models[asset_id] if kind == "model" else self.datasets[asset_id]
            size = size_gb(record, kind)
            total += size
            if is_sensitive(record):
                sensitive_total += size
                sensitive.append(asset_id)
            classifications.add(record.get("classification") or UNCLASSIFIED)
            if kind == "dataset":
                personal.update(record.get("personal_data") or ())
                sources.update(record.get("sources") or ())
        trials = {self.sources[s]["trial_id"] for s in sources if self.sources[s].get("trial_id")}
        regions = {region for s in sources for region in self.sources[s].get("regions") or ()}
        by_kind: dict[str, list[str]] = {"store": [], "repository": [], "credential": []}
        for node in parent:
            bucket = by_kind.get(graph.kinds.get(node, ""))
            if bucket is not None:
                bucket.append(node)
        return Exposure(
            start=start, assets=assets, gb_total=total, gb_sensitive=sensitive_total, sensitive_assets=sensitive,
            classifications=sorted(classifications), personal_data=sorted(personal), sources=sorted(sources),
            trial_ids=sorted(trials), regions=sorted(regions), stores=sorted(by_kind["store"]),
            repositories=sorted(by_kind["repository"]), credentials=sorted(by_kind["credential"]),
            paths={asset_id: path_to(parent, asset_id) for asset_id in assets},
        )
