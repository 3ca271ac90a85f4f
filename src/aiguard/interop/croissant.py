"""Croissant dataset metadata (JSON-LD, 1.0 and 1.1, with the RAI extension) -> a draft dataset.

Checked here: the JSON-LD envelope, the Croissant version (``conformsTo``), a name, unique
``@id``s, and that every ``containedIn``/``source``/``fileObject``/``fileSet`` reference resolves.
``mlcroissant`` (the reference validator) is not used: it pulls in pandas, rdflib and network
access to load data, none of which an importer of metadata may need.
"""

from __future__ import annotations

import json
from typing import Any

from aiguard.interop.draft import (
    Draft,
    Record,
    one_line,
    pointer,
    slug,
)
from aiguard.interop.source import Source

VERSIONS = {"http://mlcommons.org/croissant/1.0": "1.0", "http://mlcommons.org/croissant/1.1": "1.1"}
_REFERENCE_KEYS = ("containedIn", "fileObject", "fileSet", "source", "references")


def read(source: Source, draft: Draft) -> str:
    data = source.data
    if not isinstance(data, dict) or "@context" not in data:
        raise source.error("/@context", "not Croissant: no JSON-LD @context")
    if data.get("@type") not in ("sc:Dataset", "https://schema.org/Dataset", "schema:Dataset", "Dataset"):
        raise source.error("/@type", f"not a Croissant dataset (@type {json.dumps(data.get('@type'))}, expected \"sc:Dataset\")")
    conforms = data.get("conformsTo")
    if not isinstance(conforms, str) or conforms not in VERSIONS:
        raise source.error("/conformsTo", f"unsupported Croissant version {json.dumps(conforms)}; supported: "
                                          f"{', '.join(VERSIONS)}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise source.error("/name", "a Croissant dataset must have a non-empty name")
    for key in ("distribution", "recordSet"):
        if not isinstance(data.get(key) or [], list):
            raise source.error(f"/{key}", f"expected a list, got {json.dumps(data[key])}")
    _check_references(source)

    record = Record("datasets", slug(name), source.name, f"{source.name} / (Croissant dataset {one_line(name, 80)})",
                    {"name": name})
    for key in ("version", "license", "url", "creator", "publisher"):
        if data.get(key):
            record.notes.append(f"{key}: {one_line(_text(data[key]))}")
    for key in ("rai:personalSensitiveInformation", "personalSensitiveInformation"):
        if data.get(key):
            # Free text ("no PII", "pseudonymised health records"): never parsed into a kind.
            record.notes.append(f"TODO: Croissant RAI personalSensitiveInformation says: {one_line(_text(data[key]))}")
    urls = []
    for i, item in enumerate(data.get("distribution") or []):
        if isinstance(item, dict) and isinstance(item.get("contentUrl"), str):
            urls.append((pointer("distribution", i, "contentUrl"), item["contentUrl"]))
            if item.get("sha256") and len(str(item["sha256"])) == 64:
                record.notes.append(f"sha256 of {one_line(item.get('name') or item['contentUrl'], 80)}: {item['sha256']}")
    draft.place(record, urls)
    draft.add(record)
    for i, _ in enumerate(data.get("recordSet") or []):
        draft.skip(source.name, pointer("recordSet", i), "Croissant record sets describe columns: not read")
    return f"Croissant {VERSIONS[conforms]}"


def _check_references(source: Source) -> None:
    ids: dict[str, str] = {}
    references: list[tuple[str, str]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("@id"), str) and path and len(node) > 1:  # {"@id": x} alone refers
                if node["@id"] in ids:
                    raise source.error(pointer(*path, "@id"), f"duplicate @id {json.dumps(node['@id'])}: also at "
                                                               f"{ids[node['@id']]}")
                ids[node["@id"]] = pointer(*path)
            for key, value in node.items():
                if key in _REFERENCE_KEYS:
                    targets = value if isinstance(value, list) else [value]
                    for j, target in enumerate(targets):
                        if isinstance(target, dict) and isinstance(target.get("@id"), str) and len(target) == 1:
                            references.append((pointer(*path, key, *([j] if isinstance(value, list) else []), "@id"),
                                               target["@id"]))
                if key != "@context":
                    walk(value, (*path, key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*path, i))

    walk(source.data, ())
    for where, target in references:
        if target not in ids:
            raise source.error(where, f"dangling reference {json.dumps(target)}: no element has this @id")


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("@id") or json.dumps(value))
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    return str(value)
