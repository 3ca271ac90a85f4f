"""SPDX 3 documents (JSON-LD) with the AI and Dataset profiles -> draft records.

SPDX 3.0.1 documents are checked against the SPDX model with ``spdx-python-model`` (the ``import``
extra): types, enumerations, unknown and missing required properties. Its release 0.0.6 has
bindings for 3.0.1 only, so 3.0.0 and 3.1 documents get aiguard's structural checks alone (envelope,
unique ids, every reference resolves) and the summary says so. Either way the values are read from
the JSON graph, by the compact names the SPDX context defines.
"""

from __future__ import annotations

import io
import json
from typing import Any

from aiguard.interop.draft import Draft, Record, as_id, one_line, personal_data_unknown, pointer, slug
from aiguard.interop.source import Source, require
from aiguard.output.text import counted

CONTEXTS = {
    "https://spdx.org/rdf/3.0.0/spdx-context.jsonld": "3.0.0",
    "https://spdx.org/rdf/3.0.1/spdx-context.jsonld": "3.0.1",
    "https://spdx.org/rdf/3.1/spdx-context.jsonld": "3.1",
}
MODELLED = "3.0.1"  # the version spdx-python-model has bindings for
MODEL, DATASET = "ai_AIPackage", "dataset_DatasetPackage"
#: SPDX dataset confidentiality (Traffic Light Protocol) -> our classification.
CONFIDENTIALITY = {"red": "restricted", "amber": "confidential", "green": "internal", "clear": "public"}
#: References that may point outside the document: the SPDX license list and SPDX's own individuals.
_EXTERNAL = ("https://spdx.org/licenses/", "https://spdx.org/rdf/")
_REFERENCES = ("from", "to", "rootElement", "element", "suppliedBy", "originatedBy", "creationInfo")
_LICENSES = {"hasDeclaredLicense": "declared license", "hasConcludedLicense": "concluded license"}


def read(source: Source, draft: Draft) -> str:
    version = _version(source)
    graph = source.data.get("@graph")
    if not isinstance(graph, list) or not graph:
        raise source.error("/@graph", "an SPDX 3 JSON-LD document needs a non-empty @graph list")
    elements = _index(source, graph)
    twice = len(graph) - len(elements)
    if twice:
        draft.warnings.append(f"{source.name}: {counted(twice, 'element')} repeated verbatim under one id; read once")
    _check_references(source, graph, elements)
    if version == MODELLED:
        _check_model(source, graph)
    else:
        draft.warnings.append(f"{source.name}: SPDX {version} not checked against the SPDX model "
                              f"(spdx-python-model has bindings for {MODELLED} only); checked: ids and references")

    ids = _assign_ids(graph)
    records: dict[str, Record] = {}
    for i, element in enumerate(graph):
        kind, spdx_id = element.get("type"), element.get("spdxId")
        if elements[spdx_id or element.get("@id")][0] != i:
            continue
        if kind not in (MODEL, DATASET):
            if kind and "Relationship" not in kind:
                draft.skip(source.name, spdx_id or pointer("@graph", i), f"SPDX {kind}: not a model or dataset")
            continue
        if not isinstance(element.get("name"), str) or not element["name"].strip():
            raise source.error(f"{pointer('@graph', i, 'name')} ({spdx_id})", f"{kind} without a name")
        record = Record("models" if kind == MODEL else "datasets", ids[spdx_id], source.name,
                        f"{source.name} {pointer('@graph', i)} (spdxId {spdx_id})", {"name": element["name"]})
        _package(source, draft, record, element, elements, i)
        records[spdx_id] = record
    _relationships(source, draft, graph, elements, records)
    for record in records.values():
        draft.add(record)
    return f"SPDX {version}"


def _version(source: Source) -> str:
    context = source.data.get("@context") if isinstance(source.data, dict) else None
    urls = [context] if isinstance(context, str) else [c for c in context if isinstance(c, str)] \
        if isinstance(context, list) else []
    for url in urls:
        if url in CONTEXTS:
            return CONTEXTS[url]
    raise source.error("/@context", f"unsupported SPDX version (@context {json.dumps(context)}); supported: "
                                    f"{', '.join(CONTEXTS.values())} JSON-LD")


def _index(source: Source, graph: list[Any]) -> dict[str, tuple[int, dict[str, Any]]]:
    elements: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, element in enumerate(graph):
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            raise source.error(pointer("@graph", i), "an element must be an object with a type")
        element_id = element.get("spdxId", element.get("@id"))
        if not isinstance(element_id, str) or not element_id:
            raise source.error(pointer("@graph", i), f"{element['type']} without spdxId or @id")
        if element_id in elements and elements[element_id][1] == element:
            continue  # the same node twice: JSON-LD reads it once (the first stays indexed)
        if element_id in elements:
            raise source.error(pointer("@graph", i, "spdxId"), f"duplicate id {element_id}: also at "
                                                                 f"{pointer('@graph', elements[element_id][0])}")
        elements[element_id] = (i, element)
    return elements


def _check_references(source: Source, graph: list[Any], elements: dict[str, Any]) -> None:
    imported = {entry.get("externalSpdxId") for e in graph for entry in e.get("import", []) if isinstance(entry, dict)}
    relationships_first = sorted(enumerate(graph), key=lambda item: "Relationship" not in item[1]["type"])
    for i, element in relationships_first:
        for key in _REFERENCES:
            value = element.get(key)
            targets = value if isinstance(value, list) else [value] if value is not None else []
            for j, target in enumerate(targets):
                if isinstance(target, dict):
                    continue  # an inlined object, not a reference
                if not isinstance(target, str) or not (target in elements or target in imported
                                                       or target.startswith(_EXTERNAL)):
                    where = pointer("@graph", i, key, *([j] if isinstance(value, list) else []))
                    raise source.error(where, f"dangling reference {json.dumps(target)} in "
                                              f"{element.get('spdxId', element.get('@id'))}: no element of the "
                                              "document has this id")


def _check_model(source: Source, graph: list[Any]) -> None:
    """Deserialize and serialize with the SPDX model (types, enumerations, required properties)."""
    model = require("spdx_python_model", "spdx-python-model", "SPDX 3")
    context = source.data["@context"]

    def attempt(elements: list[Any]) -> None:
        bindings, objects = model.load_data({"@context": context, "@graph": elements})
        bindings.JSONLDSerializer().write(objects, io.BytesIO())

    try:
        attempt(graph)
        return
    except (ValueError, TypeError, KeyError, AttributeError, model.LoadError) as error:
        whole = error
    for i, element in enumerate(graph):  # find the element to name
        try:
            attempt([element])
        except (ValueError, TypeError, KeyError, AttributeError, model.LoadError) as error:
            raise source.error(f"{pointer('@graph', i)} ({element.get('spdxId', element.get('@id'))})",
                               f"fails the SPDX {MODELLED} model: {one_line(_reason(error), 300)}") from None
    raise source.error("/@graph", f"fails the SPDX {MODELLED} model: {one_line(_reason(whole), 300)}")


def _reason(error: Exception) -> str:
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return text or type(error).__name__


def _assign_ids(graph: list[Any]) -> dict[str, str]:
    """Stable ids: the name's slug, else the last part of the spdxId, else the whole spdxId."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for element in graph:
        if element.get("type") not in (MODEL, DATASET):
            continue
        spdx_id = element["spdxId"]
        tail = spdx_id.rstrip("/").replace("#", "/").rsplit("/", 1)[-1]
        candidates = [slug(c) for c in (element.get("name") or "", tail) if c.strip()] + [as_id(spdx_id)]
        chosen = next((c for c in candidates if c not in taken), None) or f"{candidates[-1]}-{len(taken) + 1}"
        ids[spdx_id] = chosen
        taken.add(chosen)
    return ids


def _agent(elements: dict[str, Any], ref: Any) -> str:
    element = elements.get(ref, (0, {}))[1]
    return str(element.get("name") or ref)


def _package(source: Source, draft: Draft, record: Record, element: dict[str, Any],
             elements: dict[str, Any], index: int) -> None:
    is_model = record.collection == "models"
    if element.get("software_packageVersion"):
        record.notes.append(f"version: {one_line(element['software_packageVersion'])}")
    for key in ("suppliedBy", "originatedBy"):
        agents = element.get(key)
        if agents:
            names = [_agent(elements, a) for a in (agents if isinstance(agents, list) else [agents])]
            record.notes.append(f"{key}: {one_line(', '.join(names))}")
    for check in element.get("verifiedUsing", []):
        if not isinstance(check, dict):
            continue
        algorithm, value = check.get("algorithm"), str(check.get("hashValue", ""))
        if is_model and algorithm == "sha256" and len(value) == 64 and record.get("weights.sha256") is None:
            record.set("weights.sha256", value.lower())
        elif algorithm:
            record.notes.append(f"hash {algorithm}: {value}")
    location = element.get("software_downloadLocation")
    if isinstance(location, str) and location.strip() and location.strip().upper() not in ("NOASSERTION", "NONE"):
        found = draft.store_for(location, source.name, f"{source.name} {pointer('@graph', index, 'software_downloadLocation')}")
        if found:
            record.set("weights.store" if is_model else "store", found[0])
            record.set("weights.path" if is_model else "path", found[1])
    if is_model:
        for key in ("ai_useSensitivePersonalInformation", "ai_safetyRiskAssessment", "ai_autonomyType"):
            if element.get(key):
                record.notes.append(f"{key}: {one_line(element[key])}")
        return
    level = element.get("dataset_confidentialityLevel")
    if level in CONFIDENTIALITY:
        record.set("classification", CONFIDENTIALITY[level])
        record.notes.append(f"classification from SPDX confidentialityLevel {level}")
    sensitive = element.get("dataset_hasSensitivePersonalInformation")
    if sensitive == "no":
        record.set("personal_data", [])
    elif sensitive == "yes":
        personal_data_unknown(record, "hasSensitivePersonalInformation says: yes")
    methods = element.get("dataset_anonymizationMethodUsed")
    if methods:
        record.notes.append(f"TODO: anonymization methods stated: {one_line(', '.join(map(str, methods)))}; "
                            "set deidentification")
    size = element.get("software_artifactSize", element.get("dataset_datasetSize"))
    if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
        record.set("size_gb", size / 1e9)
    if element.get("dataset_datasetType"):
        record.notes.append(f"dataset type: {one_line(', '.join(map(str, element['dataset_datasetType'])))}")


def _relationships(source: Source, draft: Draft, graph: list[Any], elements: dict[str, Any],
                   records: dict[str, Record]) -> None:
    for i, element in enumerate(graph):
        if "Relationship" not in element.get("type", "") or elements[element.get("spdxId", element.get("@id"))][0] != i:
            continue
        kind, origin = element.get("relationshipType"), element.get("from")
        targets = element.get("to") or []
        where = element.get("spdxId") or pointer("@graph", i)
        record = records.get(origin)
        if kind in ("trainedOn", "testedOn") and record is not None and record.collection == "models":
            datasets = [records[t].id for t in targets if t in records and records[t].collection == "datasets"]
            others = [t for t in targets if t not in records or records[t].collection != "datasets"]
            if kind == "trainedOn" and datasets:
                known = record.get("training.datasets") or []
                record.set("training.datasets", known + [d for d in datasets if d not in known])
            elif datasets:
                record.notes.append(f"tested on: {', '.join(datasets)}")
            if others:
                draft.skip(source.name, where, f"{kind} to elements that are not dataset packages: not read")
        elif kind in _LICENSES and record is not None:
            names = [_license(elements, t) for t in targets]
            record.notes.append(f"{_LICENSES[kind]}: {one_line(', '.join(names))}")
        else:
            about = elements.get(origin, (0, {}))[1].get("type", "?")
            draft.skip(source.name, where, f"relationship {kind} from a {about}: not read")


def _license(elements: dict[str, Any], ref: str) -> str:
    element = elements.get(ref, (0, {}))[1]
    return str(element.get("simplelicensing_licenseExpression") or element.get("name")
               or ref.removeprefix("https://spdx.org/licenses/"))
