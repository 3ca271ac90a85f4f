"""An inventory -> a CycloneDX 1.6 ML-BOM (JSON), deterministic for the same inventory.

Where CycloneDX has a place for a fact it goes there: models are ``machine-learning-model``
components whose model card names their training datasets, datasets are ``data`` components with
classification, sensitive data and governance (owner), stores are ``services`` (with their
provider, trust zone and data flows) that models and datasets depend on, and partners with a grant
on a dataset are its data custodians. Everything else of a record is kept as ``aiguard:*``
properties, so nothing the inventory states is dropped.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

SPEC_VERSION = "1.6"
_NAMESPACE = uuid.UUID("6f1c7a52-4d1e-4c55-9a51-0a1e2b9d3c10")  # serial numbers: uuid5 of the content
_HANDLED = {
    "models": ("id", "name", "owner", "training", "weights"),
    "datasets": ("id", "name", "owner", "classification", "personal_data", "store", "path"),
}


def bom(inventory: dict[str, Any]) -> dict[str, Any]:
    """The BOM of a merged inventory (``aiguard.api.load_inventory(paths).data``)."""
    components: list[dict[str, Any]] = []
    dependencies: list[dict[str, Any]] = []
    custodians = _partner_grants(inventory)
    partners = {p["id"]: p for p in inventory.get("partners", [])}
    for model in inventory.get("models", []):
        components.append(_model(model))
        needs = list((model.get("training") or {}).get("datasets", []))
        store = (model.get("weights") or {}).get("store")
        dependencies.append({"ref": model["id"], "dependsOn": needs + ([store] if store else [])})
    for dataset in inventory.get("datasets", []):
        components.append(_dataset(dataset, [partners[p] for p in custodians.get(dataset["id"], []) if p in partners]))
        dependencies.append({"ref": dataset["id"], "dependsOn": [dataset["store"]] if dataset.get("store") else []})
    services = [_service(store) for store in inventory.get("stores", [])]
    for store in inventory.get("stores", []):
        dependencies.append({"ref": store["id"], "dependsOn": []})
    for entry in dependencies:
        entry["dependsOn"] = sorted(set(entry["dependsOn"]))
        if not entry["dependsOn"]:
            del entry["dependsOn"]
    metadata: dict[str, Any] = {"tools": {"components": [{"type": "application", "name": "aiguard"}]}}
    organization = (inventory.get("metadata") or {}).get("organization")
    if organization:
        metadata["manufacturer"] = {"name": organization}
    owner = (inventory.get("metadata") or {}).get("owner")
    if owner:
        metadata["properties"] = [{"name": "aiguard:owner", "value": str(owner)}]
    body = {"components": components, "services": services, "dependencies": dependencies}
    digest = hashlib.sha256(json.dumps([metadata, body], sort_keys=True).encode()).hexdigest()
    out: dict[str, Any] = {
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": f"urn:uuid:{uuid.uuid5(_NAMESPACE, digest)}",
        "version": 1,
        "metadata": metadata,
    }
    out.update({k: v for k, v in body.items() if v})
    return out


def _model(model: dict[str, Any]) -> dict[str, Any]:
    component: dict[str, Any] = {"type": "machine-learning-model", "bom-ref": model["id"],
                                 "name": model.get("name") or model["id"]}
    weights = model.get("weights") or {}
    if weights.get("sha256"):
        component["hashes"] = [{"alg": "SHA-256", "content": weights["sha256"].lower()}]
    card: dict[str, Any] = {"bom-ref": f"{model['id']}#model-card"}
    datasets = (model.get("training") or {}).get("datasets", [])
    if datasets:
        card["modelParameters"] = {"datasets": [{"ref": d} for d in datasets]}
    component["modelCard"] = card
    properties = _properties(model, ("owner",)) + _properties(weights, ("store", "path", "format", "size_gb",
                                                                        "encrypted", "signature", "last_scan"), "weights.")
    base = (model.get("training") or {}).get("base_model")
    if base:
        properties.append({"name": "aiguard:training.base_model", "value": str(base)})
    properties += _properties(model, tuple(k for k in model if k not in _HANDLED["models"]))
    if properties:
        component["properties"] = properties
    return component


def _dataset(dataset: dict[str, Any], custodians: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "dataset", "name": dataset.get("name") or dataset["id"]}
    if dataset.get("classification"):
        data["classification"] = dataset["classification"]
    if "personal_data" in dataset:
        data["sensitiveData"] = list(dataset["personal_data"])
    governance: dict[str, Any] = {}
    if dataset.get("owner"):
        governance["owners"] = [_party(dataset["owner"])]
    if custodians:
        governance["custodians"] = [{"organization": {"name": p.get("name") or p["id"]}} for p in custodians]
    if governance:
        data["governance"] = governance
    component: dict[str, Any] = {"type": "data", "bom-ref": dataset["id"], "name": dataset.get("name") or dataset["id"],
                                 "data": [data]}
    properties = _properties(dataset, ("store", "path"))
    properties += _properties(dataset, tuple(k for k in dataset if k not in _HANDLED["datasets"]))
    if "personal_data" not in dataset:
        properties.append({"name": "aiguard:personal_data", "value": "not stated"})
    if properties:
        component["properties"] = properties
    return component


def _service(store: dict[str, Any]) -> dict[str, Any]:
    service: dict[str, Any] = {"bom-ref": store["id"], "name": store.get("name") or store["id"]}
    if store.get("provider"):
        service["provider"] = {"name": store["provider"]}
    if store.get("environment"):
        service["trustZone"] = store["environment"]
    properties = _properties(store, tuple(k for k in store if k not in ("id", "name", "provider", "environment")))
    if properties:
        service["properties"] = properties
    return service


def _party(owner: str) -> dict[str, Any]:
    if "@" in owner and " " not in owner:
        return {"contact": {"email": owner}}
    return {"organization": {"name": owner}}


def _partner_grants(inventory: dict[str, Any]) -> dict[str, list[str]]:
    """Dataset id -> partners granted access to it (they hold the data too: custodians)."""
    grants: dict[str, list[str]] = {}
    for grant in inventory.get("access", []):
        principal = str(grant.get("principal", ""))
        if principal.startswith("partner:"):
            partner = principal.removeprefix("partner:")
            holders = grants.setdefault(grant["asset"], [])
            if partner not in holders:
                holders.append(partner)
    return grants


def _properties(record: dict[str, Any], keys: tuple[str, ...], prefix: str = "") -> list[dict[str, str]]:
    """``aiguard:<field>`` properties for the facts CycloneDX has no field for (nested values as JSON)."""
    out = []
    for key in keys:
        if key in record and record[key] is not None:
            value = record[key]
            text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
            out.append({"name": f"aiguard:{prefix}{key}", "value": text})
    return out
