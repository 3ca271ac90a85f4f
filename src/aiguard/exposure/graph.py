"""The access graph of an inventory (``../shared/spec/exposure.md``): "holding A opens B".

Nodes are the ids of stores, models, datasets and repositories; ``credential:<id>`` for each
credential; each principal as written in ``access``; and ``anyone``, the public. Five rules make
the edges, as of the evaluation date:

1. grant: principal -> the grant's asset, unless the grant expired before as-of;
2. credential: credential -> every id it ``reaches``, unless it expired before as-of;
3. containment: store -> every model whose weights are in it and every dataset in it;
4. secret: every id in a credential's ``found_in`` -> that credential;
5. public: ``anyone`` -> public stores, public repositories, credentials stored in a client bundle.

Each edge keeps the inventory path of the record or field that creates it, so that every hop of
a path can be shown as file:line.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from aiguard.validate.collections import PUBLIC_NODE

if TYPE_CHECKING:
    from aiguard.validate import MergedInventory
    from aiguard.validate.merge import Origin

#: The public: the starting point of whatever anybody on the internet can open.
ANYONE = PUBLIC_NODE
#: Prefix of a credential's node name.
CREDENTIAL = "credential:"
#: Rule names of the edges, in the order of the contract.
RULES = ("grant", "credential", "containment", "secret", "public")


class Edge(NamedTuple):
    """Holding ``source`` opens ``target``; ``path`` is where the inventory says so."""

    source: str
    target: str
    rule: str  # one of RULES
    path: tuple[str | int, ...]


def credential_node(credential_id: str) -> str:
    return CREDENTIAL + credential_id


def expired(record: dict[str, Any], as_of: dt.date) -> bool:
    """True when the record's ``expires`` lies before as-of (a record expiring on as-of still opens)."""
    expires = record.get("expires")
    return expires is not None and str(expires) < as_of.isoformat()


class AccessGraph:
    """Adjacency lists of the access graph, plus the starting points of the exposure report."""

    def __init__(self, inventory: MergedInventory, as_of: dt.date) -> None:
        self.inventory = inventory
        self.as_of = as_of
        #: node -> its outgoing edges, in inventory order
        self.edges: dict[str, list[Edge]] = {}
        #: node -> "store" | "model" | "dataset" | "repository" | "credential" | "principal" | "public"
        self.kinds: dict[str, str] = {ANYONE: "public"}
        self.starting_points: list[str] = []

    @classmethod
    def build(cls, inventory: MergedInventory, as_of: dt.date) -> AccessGraph:
        graph = cls(inventory, as_of)
        data = inventory.data
        kinds = graph.kinds
        for name, kind in (("stores", "store"), ("models", "model"), ("datasets", "dataset"),
                           ("repositories", "repository")):
            for record in data[name]:
                kinds[record["id"]] = kind
        for credential in data["credentials"]:
            kinds[credential_node(credential["id"])] = "credential"
        principals = set()
        add = graph._add
        for i, grant in enumerate(data["access"]):
            principal = grant["principal"]
            principals.add(principal)
            kinds.setdefault(principal, "principal")
            if not expired(grant, as_of):
                add(Edge(principal, grant["asset"], "grant", ("access", i)))
        for i, credential in enumerate(data["credentials"]):
            node = credential_node(credential["id"])
            if not expired(credential, as_of):
                for j, target in enumerate(credential.get("reaches", ())):
                    add(Edge(node, target, "credential", ("credentials", i, "reaches", j)))
            for j, place in enumerate(credential.get("found_in", ())):
                add(Edge(place, node, "secret", ("credentials", i, "found_in", j)))
            if credential.get("stored_in") == "client_bundle":
                add(Edge(ANYONE, node, "public", ("credentials", i, "stored_in")))
        for i, model in enumerate(data["models"]):
            store = (model.get("weights") or {}).get("store")
            if store is not None:
                add(Edge(store, model["id"], "containment", ("models", i, "weights", "store")))
        for i, dataset in enumerate(data["datasets"]):
            if dataset.get("store") is not None:
                add(Edge(dataset["store"], dataset["id"], "containment", ("datasets", i, "store")))
        for i, store in enumerate(data["stores"]):
            if store.get("public_access") is True:
                add(Edge(ANYONE, store["id"], "public", ("stores", i, "public_access")))
        for i, repository in enumerate(data["repositories"]):
            if repository.get("visibility") == "public":
                add(Edge(ANYONE, repository["id"], "public", ("repositories", i, "visibility")))
        credentials = [credential_node(c["id"]) for c in data["credentials"]]
        graph.starting_points = sorted({ANYONE, *principals, *credentials})
        return graph

    def _add(self, edge: Edge) -> None:
        out = self.edges.get(edge.source)
        if out is None:
            self.edges[edge.source] = [edge]
        else:
            out.append(edge)

    @property
    def edge_count(self) -> int:
        return sum(len(out) for out in self.edges.values())

    def reach(self, sources: Iterable[str]) -> dict[str, list[Edge]]:
        """Every node reachable from any of ``sources`` (union, breadth first) -> one shortest
        path to it, as its edges from a source. The sources themselves are not in the result."""
        parent = self.parents(sources)
        paths: dict[str, list[Edge]] = {}
        for node in parent:
            paths[node] = path_to(parent, node)
        return paths

    def parents(self, sources: Iterable[str]) -> dict[str, Edge]:
        """Breadth first from ``sources``: each reached node -> the edge that first reached it.
        The map is a forest rooted in the sources (which are absent from it), so following it back
        from any node gives a shortest path; cycles are walked once."""
        roots = list(dict.fromkeys(sources))
        seen = set(roots)
        parent: dict[str, Edge] = {}
        queue = deque(roots)
        edges = self.edges
        while queue:
            node = queue.popleft()
            for edge in edges.get(node, ()):
                target = edge.target
                if target not in seen:
                    seen.add(target)
                    parent[target] = edge
                    queue.append(target)
        return parent

    def locate(self, edge: Edge) -> Origin:
        """The file and line of the record or field that creates ``edge``."""
        return self.inventory.locate(edge.path)


def path_to(parent: dict[str, Edge], node: str) -> list[Edge]:
    """The edges from a source to ``node`` in a breadth-first parent map (see ``AccessGraph.parents``)."""
    hops = []
    edge = parent[node]
    while True:
        hops.append(edge)
        previous = parent.get(edge.source)
        if previous is None:
            break
        edge = previous
    hops.reverse()
    return hops
