"""Merge validated files into one inventory, check ids are unique and every reference resolves."""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from aiguard.errors import MAX_PER_KIND, InputError, Problem
from aiguard.load import Document, dotted
from aiguard.validate.collections import COLLECTIONS, ID_COLLECTIONS, NODE_PREFIXES, PUBLIC_NODE

if TYPE_CHECKING:
    from aiguard.validate.model import Inventory as InventoryModel

#: Subject of organization-wide findings; exceptions may name it.
CONTROLS = "controls"
#: What each kind of reference may point at.
_ASSETS = ("models", "datasets", "stores", "repositories")


class Origin(NamedTuple):
    """Where something was written (a tuple: one is made per finding, and a frozen dataclass
    costs ten times as much to make)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class MergedInventory:
    """All files of an inventory merged into the document that policies see as ``input``."""

    data: dict[str, Any]
    documents: list[Document]
    #: collection -> the merged index where each document's records start, and that document
    _starts: dict[str, tuple[list[int], list[Document]]] = field(repr=False)
    #: id -> (collection, merged index)
    ids: dict[str, tuple[str, int]] = field(repr=False)
    _controls: Document | None = field(repr=False)

    def _record(self, path: tuple[str | int, ...]) -> tuple[Document, int] | None:
        """The document holding record ``path[:2]`` (such as ``("access", 3)``) and its index there."""
        if len(path) < 2 or path[0] not in self._starts:
            return None
        name, index = str(path[0]), path[1]
        if not isinstance(index, int) or not 0 <= index < len(self.data[name]):
            return None
        starts, documents = self._starts[name]
        at = bisect.bisect_right(starts, index) - 1
        return documents[at], index - starts[at]

    def locate(self, path: tuple[str | int, ...]) -> Origin:
        """File and line of a path into ``data`` such as ``("access", 3, "expires")``."""
        record = self._record(path)
        if record is not None:
            document, index = record
            return Origin(str(document.path), document.line((path[0], index, *path[2:])))
        if path and path[0] == CONTROLS and self._controls is not None:
            return Origin(str(self._controls.path), self._controls.line(path))
        first = self.documents[0]
        return Origin(str(first.path), 1)

    def origin_of(self, subject: str) -> Origin:
        """Where the record with this id (or ``controls``) is defined."""
        if subject in self.ids:
            return self.locate(self.ids[subject])
        return self.locate((CONTROLS,))

    def field(self, path: tuple[str | int, ...]) -> str:
        """The field as written in its own file: ``access[2].asset`` counts within that file."""
        record = self._record(path)
        if record is not None:
            path = (path[0], record[1], *path[2:])
        return dotted(path)

    def to_model(self) -> InventoryModel:
        """The merged inventory as typed pydantic objects (for library users)."""
        from aiguard.validate.model import Inventory

        return Inventory.model_validate(self.data)


def merge(documents: list[Document]) -> MergedInventory:
    """Merge schema-valid documents; raise ``InputError`` listing every duplicate and dangling reference."""
    inventory, problems = merge_checked(documents)
    if problems:
        raise InputError(problems)
    return inventory


def merge_checked(documents: list[Document], others: frozenset[str] | None = frozenset(), complete: bool = True
                  ) -> tuple[MergedInventory, list[Problem]]:
    """Merge schema-valid documents, and list every duplicate and dangling reference.

    ``others``: the ids of the inventory's other files, which failed validation (so that a
    reference to them is not called unknown); None when some file could not even be parsed, and
    the ids it holds are unknown: then no reference is called unknown. ``complete``: no file
    failed, so a missing ``metadata`` is missing (and not in a file that failed).
    """
    problems: list[Problem] = []
    data: dict[str, Any] = {name: [] for name in COLLECTIONS}
    starts: dict[str, tuple[list[int], list[Document]]] = {name: ([], []) for name in COLLECTIONS}
    controls_doc: Document | None = None
    metadata_doc: Document | None = None
    for document in documents:
        for name in COLLECTIONS:
            records = document.data.get(name)
            if records:
                starts[name][0].append(len(data[name]))
                starts[name][1].append(document)
                data[name].extend(records)
        if "controls" in document.data:
            if controls_doc is not None:
                problems.append(_twice(document, controls_doc, ("controls",), "controls"))
            else:
                controls_doc = document
                data["controls"] = document.data["controls"]
        if "metadata" in document.data:
            if metadata_doc is not None and metadata_doc.data["metadata"] != document.data["metadata"]:
                problems.append(_twice(document, metadata_doc, ("metadata",), "metadata (with different values)"))
            elif metadata_doc is None:
                metadata_doc = document
                data["metadata"] = document.data["metadata"]
    if metadata_doc is None and complete and documents:
        problems.append(
            Problem(str(documents[0].path), 1, "metadata", "no file of the inventory has 'metadata' (organization, owner)")
        )
    inventory = MergedInventory(data, documents, starts, {}, controls_doc)
    problems += _index_ids(inventory)
    problems += _check_references(inventory, others)
    return inventory, problems


def _twice(later: Document, first: Document, path: tuple[str, ...], what: str) -> Problem:
    return Problem(str(later.path), later.line(path), path[0], f"{what} defined twice; first at {first.path}:{first.line(path)}")


def _index_ids(inventory: MergedInventory) -> list[Problem]:
    problems = []
    for name in ID_COLLECTIONS:
        for index, record in enumerate(inventory.data[name]):
            ident = record["id"]
            if ident == CONTROLS or ident == "*":
                where = inventory.locate((name, index, "id"))
                problems.append(Problem(where.file, where.line, f"{name}[{index}].id", f"{ident!r} is reserved"))
            elif ident == PUBLIC_NODE or ident.startswith(NODE_PREFIXES):
                where = inventory.locate((name, index, "id"))
                problems.append(Problem(where.file, where.line, inventory.field((name, index, "id")),
                                        f"{ident!r} is reserved: 'anyone' and ids beginning with "
                                        f"{', '.join(NODE_PREFIXES)} name nodes of the access graph"))
            elif ident in inventory.ids:
                where = inventory.locate((name, index, "id"))
                first = inventory.locate((*inventory.ids[ident], "id"))
                problems.append(
                    Problem(where.file, where.line, inventory.field((name, index, "id")),
                            f"duplicate id {ident!r}; first defined at {first}")
                )
            else:
                inventory.ids[ident] = (name, index)
    return problems


def _check_references(inventory: MergedInventory, others: frozenset[str] | None = frozenset()) -> list[Problem]:
    problems: list[Problem] = []
    by_kind: dict[tuple[str, ...], list[str]] = {}

    def expect(path: tuple[str | int, ...], ident: Any, kinds: tuple[str, ...], what: str) -> None:
        found = inventory.ids.get(ident)
        if found is None and (others is None or ident in others):
            return  # perhaps defined in a file that failed: said there
        if found is None or found[0] not in kinds:
            where = inventory.locate(path)
            if found:
                detail = f"; {ident!r} is a {found[0][:-1].replace('_', ' ')}"
            elif len(problems) < MAX_PER_KIND:  # suggestions cost a search each: only for those listed
                if kinds not in by_kind:  # the ids of the right kind, and those of files that failed
                    by_kind[kinds] = [key for key, (name, _) in inventory.ids.items() if name in kinds]
                    by_kind[kinds] += sorted(others or ())
                hint = difflib.get_close_matches(str(ident), by_kind[kinds], n=1)
                detail = f"; did you mean {hint[0]!r}?" if hint else ""
            else:
                detail = ""
            problems.append(Problem(where.file, where.line, inventory.field(path), f"unknown {what} {ident!r}{detail}"))

    data = inventory.data
    for i, model in enumerate(data["models"]):
        store = model.get("weights", {}).get("store")
        if store is not None:
            expect(("models", i, "weights", "store"), store, ("stores",), "store")
        for j, dataset in enumerate(model.get("training", {}).get("datasets", ())):
            expect(("models", i, "training", "datasets", j), dataset, ("datasets",), "dataset")
    for i, dataset in enumerate(data["datasets"]):
        if "store" in dataset:
            expect(("datasets", i, "store"), dataset["store"], ("stores",), "store")
        key_store = dataset.get("deidentification", {}).get("key_store")
        if key_store is not None:
            expect(("datasets", i, "deidentification", "key_store"), key_store, ("stores",), "store")
        for j, source in enumerate(dataset.get("sources", ())):
            expect(("datasets", i, "sources", j), source, ("data_sources",), "data source")
    for i, grant in enumerate(data["access"]):
        expect(("access", i, "asset"), grant["asset"], _ASSETS, "asset (model, dataset, store or repository)")
        kind, _, name = grant["principal"].partition(":")
        if kind == "partner":
            expect(("access", i, "principal"), name, ("partners",), "partner")
    for i, credential in enumerate(data["credentials"]):
        for j, target in enumerate(credential.get("reaches", ())):
            expect(("credentials", i, "reaches", j), target, _ASSETS, "asset (store, repository, model or dataset)")
        for j, place in enumerate(credential.get("found_in", ())):
            expect(("credentials", i, "found_in", j), place, _ASSETS, "asset (store, repository, model or dataset)")
    for i, exception in enumerate(data["exceptions"]):
        if exception["asset"] not in ("*", CONTROLS):
            expect(("exceptions", i, "asset"), exception["asset"], ID_COLLECTIONS, "subject")
    return problems
