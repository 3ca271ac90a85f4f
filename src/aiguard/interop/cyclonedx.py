"""CycloneDX ML-BOMs (1.5, 1.6, 1.7, JSON) -> draft records.

The document is first checked against the official CycloneDX JSON Schema of its version, as shipped
in ``cyclonedx-python-lib`` (the ``import`` extra). The schema is evaluated with ``jsonschema-rs``
(already a dependency): the library's own validator (Python ``jsonschema``) takes about a minute on
a 10,000-component BOM, ``jsonschema-rs`` milliseconds, on the same schema files.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from aiguard.interop.draft import (
    Draft,
    Record,
    as_id,
    classification,
    one_line,
    personal_data,
    personal_data_unknown,
    pointer,
    slug,
)
from aiguard.interop.source import Source, require

SUPPORTED = ("1.5", "1.6", "1.7")
_MODEL, _DATA = "machine-learning-model", "data"
_PREFIX = "http://cyclonedx.org/schema/"


@functools.cache
def validator(version: str) -> Any:
    """A validator of the official JSON Schema of CycloneDX ``version``."""
    resources = require("cyclonedx.schema._res", "cyclonedx-python-lib", "CycloneDX")
    schema_module = require("cyclonedx.schema", "cyclonedx-python-lib", "CycloneDX")
    import jsonschema_rs

    def load(path: str) -> Any:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    schema_version = schema_module.SchemaVersion.from_version(version)
    registry = jsonschema_rs.Registry([
        (_PREFIX + "spdx.SNAPSHOT.schema.json", load(resources.SPDX_JSON)),
        (_PREFIX + "jsf-0.82.SNAPSHOT.schema.json", load(resources.JSF)),
        (_PREFIX + "cryptography-defs.SNAPSHOT.schema.json", load(resources.CRYPTOGRAPHY_DEFS)),
    ])
    return jsonschema_rs.Draft7Validator(load(resources.BOM_JSON[schema_version]), registry=registry,
                                         validate_formats=True, offline=True)  # never fetch a $ref


def check(source: Source) -> str:
    """Check the envelope and the schema; returns the spec version."""
    data = source.data
    if not isinstance(data, dict) or data.get("bomFormat") != "CycloneDX":
        found = data.get("bomFormat") if isinstance(data, dict) else type(data).__name__
        raise source.error("/bomFormat", f"not a CycloneDX BOM (bomFormat is {json.dumps(found)}, expected \"CycloneDX\")")
    version = data.get("specVersion")
    if version not in SUPPORTED:
        raise source.error("/specVersion", f"unsupported CycloneDX specVersion {json.dumps(version)}; "
                                           f"supported: {', '.join(SUPPORTED)} (ML-BOMs start at 1.5)")
    error = next(iter(validator(version).iter_errors(data)), None)
    if error is not None:
        raise source.error(pointer(*error.instance_path) or "/",
                           f"fails the CycloneDX {version} schema: {one_line(error.message, 300)}")
    return str(version)


def read(source: Source, draft: Draft) -> str:
    version = check(source)
    data = source.data
    refs = _index(source)
    components = list(_walk(data.get("components", []), ("components",)))
    ids = _assign_ids(components)
    by_ref = {c["bom-ref"]: ids[path] for path, c in components if c.get("bom-ref") and path in ids}
    data_refs = {c["bom-ref"] for _, c in components if c.get("bom-ref") and c.get("type") == _DATA}
    # A data[] entry's bom-ref stands for the component holding it.
    for path, component in components:
        for entry in component.get("data", []) if component.get("type") == _DATA else []:
            if entry.get("bom-ref"):
                by_ref[entry["bom-ref"]] = ids[path]
                data_refs.add(entry["bom-ref"])
    data_ids = {r: by_ref[r] for r in data_refs}
    depends = {d["ref"]: d.get("dependsOn", []) for d in data.get("dependencies", [])}

    for path, component in components:
        where = pointer(*path) + (f" (bom-ref {component['bom-ref']})" if component.get("bom-ref") else "")
        kind = component.get("type")
        if kind not in (_MODEL, _DATA):
            draft.skip(source.name, where, f"component of type {kind}: not a model or dataset")
            continue
        origin = f"{source.name} {where}"
        record = Record("models" if kind == _MODEL else "datasets", ids[path], source.name, origin,
                        {"name": component["name"]})
        _component_notes(record, component)
        if kind == _MODEL:
            datasets = [data_ids[r] for r in depends.get(component.get("bom-ref"), []) if r in data_ids]
            _model(source, draft, record, component, path, data_ids, refs, datasets)
        else:
            _dataset(draft, record, [(pointer(*path, "data", i), e) for i, e in enumerate(component.get("data", []))])
        draft.add(record)
    for i, _ in enumerate(data.get("services", [])):
        draft.skip(source.name, pointer("services", i), "a CycloneDX service is an API, not a store: not read")
    return f"CycloneDX {version}"


def _index(source: Source) -> dict[str, str]:
    """Every bom-ref -> its pointer; two of one bom-ref and dangling references are errors."""
    data = source.data
    refs: dict[str, str] = {}

    def note(ref: Any, where: tuple[Any, ...]) -> None:
        if not isinstance(ref, str):
            return
        if ref in refs:
            raise source.error(pointer(*where, "bom-ref"),
                               f"duplicate bom-ref {json.dumps(ref)}: also at {refs[ref]}")
        refs[ref] = pointer(*where)

    metadata_component = data.get("metadata", {}).get("component")
    if isinstance(metadata_component, dict):
        note(metadata_component.get("bom-ref"), ("metadata", "component"))
    for path, component in _walk(data.get("components", []), ("components",)):
        note(component.get("bom-ref"), path)
        card = component.get("modelCard")
        if isinstance(card, dict):
            note(card.get("bom-ref"), (*path, "modelCard"))
            for i, inline in enumerate((card.get("modelParameters") or {}).get("datasets", [])):
                note(inline.get("bom-ref"), (*path, "modelCard", "modelParameters", "datasets", i))
        for i, entry in enumerate(component.get("data", [])):
            note(entry.get("bom-ref"), (*path, "data", i))
    for path, service in _walk(data.get("services", []), ("services",), "services"):
        note(service.get("bom-ref"), path)

    def resolve(ref: Any, where: tuple[Any, ...]) -> None:
        if ref not in refs:
            raise source.error(pointer(*where), f"dangling reference {json.dumps(ref)}: no component, "
                                                "service or data entry has this bom-ref")

    for i, dependency in enumerate(data.get("dependencies", [])):
        resolve(dependency["ref"], ("dependencies", i, "ref"))
        for j, ref in enumerate(dependency.get("dependsOn", [])):
            resolve(ref, ("dependencies", i, "dependsOn", j))
    for path, component in _walk(data.get("components", []), ("components",)):
        datasets = (component.get("modelCard") or {}).get("modelParameters", {}).get("datasets", [])
        for i, dataset in enumerate(datasets):
            if "ref" in dataset:
                resolve(dataset["ref"], (*path, "modelCard", "modelParameters", "datasets", i, "ref"))
    return refs


def _walk(items: list[Any], path: tuple[Any, ...], key: str = "components") -> Any:
    for i, item in enumerate(items):
        yield (*path, i), item
        yield from _walk(item.get(key, []), (*path, i, key), key)


def _assign_ids(components: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> dict[tuple[Any, ...], str]:
    """Stable ids: the bom-ref (as is when it is a valid id), else the name's slug, else name and
    version, else a numbered slug in document order."""
    ids: dict[tuple[Any, ...], str] = {}
    for path, component in components:
        if component.get("type") in (_MODEL, _DATA) and component.get("bom-ref"):
            ids[path] = as_id(component["bom-ref"])
    taken = set(ids.values())
    for path, component in components:
        if component.get("type") not in (_MODEL, _DATA) or path in ids:
            continue
        name = component["name"]
        candidates = [slug(name)]
        if component.get("version"):
            candidates.append(slug(f"{name}-{component['version']}"))
        chosen = next((c for c in candidates if c not in taken), None)
        number = 2
        while chosen is None:
            chosen = f"{candidates[-1]}-{number}" if f"{candidates[-1]}-{number}" not in taken else None
            number += 1
        ids[path] = chosen
        taken.add(chosen)
    return ids


def _component_notes(record: Record, component: dict[str, Any]) -> None:
    for key in ("group", "version"):
        if component.get(key):
            record.notes.append(f"{key}: {one_line(component[key])}")
    for key in ("supplier", "manufacturer"):
        if isinstance(component.get(key), dict) and component[key].get("name"):
            record.notes.append(f"{key}: {one_line(component[key]['name'])}")
    if component.get("publisher"):
        record.notes.append(f"publisher: {one_line(component['publisher'])}")
    licenses = [lic.get("expression") or (lic.get("license") or {}).get("id") or (lic.get("license") or {}).get("name")
                for lic in component.get("licenses", [])]
    if any(licenses):
        record.notes.append(f"license: {', '.join(str(x) for x in licenses if x)}")


def _model(source: Source, draft: Draft, record: Record, component: dict[str, Any], path: tuple[Any, ...],
           data_ids: dict[str, str], refs: dict[str, str], depends_on: list[str]) -> None:
    """``data_ids``: bom-ref of a data component or entry -> dataset id; ``depends_on``: dataset ids
    the model depends on (CycloneDX dependencies)."""
    for digest in component.get("hashes", []):
        if digest.get("alg") == "SHA-256" and len(digest.get("content", "")) == 64 and record.get("weights.sha256") is None:
            record.set("weights.sha256", digest["content"].lower())
        else:
            record.notes.append(f"hash {digest.get('alg')}: {digest.get('content')}")
    locations = [ref["url"] for ref in component.get("externalReferences", [])
                 if ref.get("type") in ("distribution", "distribution-intake")]
    if len(locations) == 1:
        found = draft.store_for(locations[0], source.name, f"{source.name} {pointer(*path, 'externalReferences')}")
        if found:
            record.set("weights.store", found[0])
            record.set("weights.path", found[1])
    elif locations:
        record.notes.append(f"distribution locations (several, none chosen): {one_line(', '.join(locations))}")
    datasets: list[str] = []
    card_datasets = (component.get("modelCard") or {}).get("modelParameters", {}).get("datasets", [])
    for i, entry in enumerate(card_datasets):
        where = pointer(*path, "modelCard", "modelParameters", "datasets", i)
        if "ref" in entry:
            if entry["ref"] in data_ids:
                datasets.append(data_ids[entry["ref"]])
            else:
                draft.skip(source.name, where, f"reference to {refs[entry['ref']]}, which is not a data component")
            continue
        name = entry.get("name") or f"dataset-{i + 1}"
        dataset_id = as_id(entry["bom-ref"]) if entry.get("bom-ref") else slug(f"{record.id}-{name}")
        dataset = Record("datasets", dataset_id, source.name, f"{source.name} {where}", {"name": name})
        _dataset(draft, dataset, [(where, entry)])
        draft.add(dataset)
        datasets.append(dataset_id)
    datasets += [d for d in depends_on if d not in datasets]
    if datasets:
        record.set("training.datasets", datasets)


def _dataset(draft: Draft, record: Record, entries: list[tuple[str, dict[str, Any]]]) -> None:
    """Fields of a dataset from its CycloneDX data entries (``componentData``)."""
    classes: set[str] = set()
    stated: list[str] = []
    sensitive: list[str] = []
    owners: list[str] = []
    urls: list[tuple[str, str]] = []
    kinds: list[str] = []
    for where, entry in entries:
        if entry.get("type"):
            kinds.append(entry["type"])
        if "classification" in entry:
            stated.append(str(entry["classification"]))
            mapped = classification(entry["classification"])
            classes.add(mapped or "?")
        sensitive += [str(s) for s in entry.get("sensitiveData", [])]
        governance = entry.get("governance") or {}
        owners += [name for p in governance.get("owners", []) if (name := _party(p))]
        for role in ("custodians", "stewards"):
            parties = [name for p in governance.get(role, []) if (name := _party(p))]
            if parties:
                record.notes.append(f"{role[:-1]}: {one_line(', '.join(parties))}")
        url = (entry.get("contents") or {}).get("url")
        if url:
            urls.append((f"{where}/contents/url", url))
    if kinds:
        record.notes.append(f"CycloneDX data: {', '.join(kinds)}")
    if len(classes) == 1 and "?" not in classes:
        record.set("classification", classes.pop())
    elif stated:
        record.notes.append(f"TODO: classification stated as {one_line(', '.join(stated))}: not one of ours")
    if any("sensitiveData" in entry for _, entry in entries):
        kinds_found, rest = personal_data(sensitive)
        if not rest:  # every label names a kind of ours; an explicit empty list states "none"
            record.set("personal_data", kinds_found)
        else:
            personal_data_unknown(record, f"sensitiveData says: {one_line('; '.join(sensitive), 100)}")
    if len(owners) == 1:
        record.set("owner", owners[0])
    elif owners:
        record.notes.append(f"owners (several, none chosen): {one_line(', '.join(owners))}")
    draft.place(record, urls)


def _party(party: dict[str, Any]) -> str | None:
    """An organization's name or a contact's email or name; None when the party names nobody."""
    organization = party.get("organization") or {}
    contact = party.get("contact") or {}
    name = organization.get("name") or contact.get("email") or contact.get("name")
    return str(name).strip() or None if name else None
