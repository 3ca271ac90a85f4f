"""Generate valid, random inventories of any size (benchmarks and engine conformance tests).

``python -m aiguard.testing.generate OUT_DIR --assets 10000 --seed 1`` writes a directory of
YAML files. Values are random but every reference resolves, and dates cluster around the
boundaries the policies test (exactly N days before the as-of date, N+1, ...), so that engines
that disagree at a boundary show it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
from pathlib import Path
from typing import Any

AS_OF = dt.date(2026, 11, 25)
#: Boundaries in days that policies compare against (parameter defaults).
_BOUNDARIES = (0, 1, 30, 72, 90, 91, 365, 366, 400)
#: Share of each collection in a generated inventory of N assets.
_SHARES = {
    "stores": 0.05,
    "models": 0.15,
    "datasets": 0.35,
    "data_sources": 0.08,
    "partners": 0.04,
    "access": 0.18,
    "repositories": 0.06,
    "credentials": 0.07,
    "exceptions": 0.02,
}
RECORDS_PER_FILE = 2000


def _date(rng: random.Random, as_of: dt.date = AS_OF) -> str:
    offset = rng.choice(_BOUNDARIES) * rng.choice((-1, 1)) + rng.choice((0, 0, 0, 1, -1))
    return (as_of + dt.timedelta(days=offset)).isoformat()


def _maybe(rng: random.Random, value: Any, p: float = 0.7) -> Any:
    return value if rng.random() < p else None


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in record.items():
        if isinstance(value, dict):
            value = _clean(value)
            if not value:
                continue
        if value is not None:
            out[key] = value
    return out


def generate(assets: int, seed: int = 1) -> dict[str, Any]:
    """One merged inventory (a dict of collections) of about ``assets`` records."""
    rng = random.Random(seed)
    n = {name: max(1, int(assets * share)) for name, share in _SHARES.items()}
    classifications = ["public", "internal", "confidential", "restricted"]
    bools = [True, False, None]
    stores = []
    for i in range(n["stores"]):
        stores.append(_clean({
            "id": f"store-{i}", "name": f"Store {i}", "owner": "platform@example.org",
            "kind": rng.choice(["object_storage", "database", "model_registry", "container_registry", "warehouse"]),
            "provider": "aws", "region": "eu-central-1",
            "environment": rng.choice(["production", "research", "development", "partner_shared"]),
            "encryption": {"at_rest": rng.choice(bools),
                           "key": rng.choice(["none", "provider_managed", "customer_managed", "hsm", None]),
                           "key_rotation_days": _maybe(rng, rng.choice([90, 365, 366, 730])), "in_transit": rng.choice(bools)},
            "public_access": rng.choice(bools), "network": {"private": rng.choice(bools)},
            "logging": {"data_access": rng.choice(bools), "retention_days": _maybe(rng, rng.choice([30, 364, 365, 400]))},
            "egress_alert": {"enabled": rng.choice(bools), "threshold_gb_per_day": _maybe(rng, rng.choice([5, 50, 50.5, 2000]))},
            "backup": {"enabled": rng.choice(bools), "immutable": rng.choice(bools), "separate_account": rng.choice(bools),
                       "last_restore_test": _maybe(rng, _date(rng))},
        }))
    store_ids = [s["id"] for s in stores]
    sources = []
    for i in range(n["data_sources"]):
        sources.append(_clean({
            "id": f"source-{i}", "name": f"Source {i}",
            "kind": rng.choice(["clinical_trial", "ehr", "registry", "biobank", "public", "synthetic", "partner"]),
            "regions": ["EU"], "hipaa_applicable": rng.choice(bools),
            "ethics_approval": _maybe(rng, {"reference": f"EC-{i}", "expires": _date(rng)}),
            "consent": _maybe(rng, {"purposes": rng.sample(["ai_training", "research", "evaluation"], rng.randint(0, 2))}),
            "data_sharing_agreement": _maybe(rng, f"DSA-{i}", 0.5),
        }))
    source_ids = [s["id"] for s in sources]
    datasets = []
    for i in range(n["datasets"]):
        status = rng.choice(["none", "pseudonymised", "anonymised", None])
        datasets.append(_clean({
            "id": f"dataset-{i}", "name": f"Dataset {i}", "owner": "data@example.org",
            "classification": rng.choice(classifications),
            "type": rng.choice(["training", "evaluation", "logs", "prompts", "embeddings", "other"]),
            "store": rng.choice(store_ids), "path": f"data/{i}/", "size_gb": rng.randint(1, 900),
            "personal_data": rng.sample(["phi", "pii", "genetic", "biometric", "health"], rng.choice([0, 0, 1, 2])),
            "deidentification": _maybe(rng, {
                "status": status, "method": rng.choice(["tokenisation", "k_anonymity", None]),
                "key_store": _maybe(rng, rng.choice(store_ids)),
                "last_risk_assessment": _maybe(rng, _date(rng)),
                "risk_score": _maybe(rng, rng.choice([0.01, 0.09, 0.1, 0.5])),
            }),
            "sources": rng.sample(source_ids, min(len(source_ids), rng.randint(0, 2))),
            "purposes": rng.sample(["ai_training", "research", "evaluation", "operations"], rng.randint(0, 2)),
            "retention": _maybe(rng, {"until": _date(rng)}),
            "contains_secrets": rng.choice(bools),
        }))
    dataset_ids = [d["id"] for d in datasets]
    models = []
    for i in range(n["models"]):
        models.append(_clean({
            "id": f"model-{i}", "name": f"Model {i}", "owner": "ml@example.org",
            "classification": rng.choice(classifications), "proprietary": rng.choice(bools),
            "weights": {
                "store": rng.choice(store_ids), "path": f"models/{i}/",
                "format": rng.choice(["safetensors", "onnx", "pytorch_pickle", "pickle", "joblib", "keras_h5"]),
                "size_gb": rng.randint(1, 500), "encrypted": rng.choice(bools),
                "sha256": _maybe(rng, "ab" * 32, 0.5),
                "signature": _maybe(rng, {"signed": rng.choice(bools), "method": "sigstore"}),
                "last_scan": _maybe(rng, {"tool": "modelscan", "date": _date(rng), "result": rng.choice(["clean", "issues"])}),
            },
            "training": {"datasets": rng.sample(dataset_ids, min(len(dataset_ids), rng.randint(0, 3)))},
            "deployments": [
                _clean({"endpoint": f"https://m{i}-{j}.example.org", "exposure": rng.choice(["internal", "partner", "public"]),
                        "authentication": rng.choice(bools), "rate_limited": rng.choice(bools)})
                for j in range(rng.randint(0, 2))
            ],
        }))
    partners = []
    for i in range(n["partners"]):
        partners.append(_clean({
            "id": f"partner-{i}", "name": f"Partner {i}", "kind": rng.choice(["ai_vendor", "cro", "cloud", "academic"]),
            "agreements": {
                "dpa": _maybe(rng, {"signed": "2024-01-01", "reference": f"DPA-{i}"}),
                "baa": _maybe(rng, {"signed": "2024-01-01", "reference": f"BAA-{i}"}),
                "breach_notice_hours": _maybe(rng, rng.choice([24, 72, 73, 168])),
            },
            "attestations": [{"type": "iso27001", "expires": _date(rng)} for _ in range(rng.randint(0, 2))],
            "mfa_enforced": rng.choice(bools), "regions": ["EU"],
        }))
    asset_ids = store_ids + dataset_ids + [m["id"] for m in models]
    principals = [f"partner:{p['id']}" for p in partners]
    principals += ["group:all-employees", "group:team-a", "user:a@example.org", "service:etl"]
    access = []
    for _ in range(n["access"]):
        granted = _date(rng)
        expires = (dt.date.fromisoformat(granted) + dt.timedelta(days=rng.choice([30, 365, 366, 1000]))).isoformat()
        access.append(_clean({
            "principal": rng.choice(principals), "asset": rng.choice(asset_ids),
            "level": rng.choice(["read", "write", "admin"]), "download": rng.choice(bools),
            "purpose": rng.choice(["ai_training", "research", "operations", "fine_tuning"]),
            "granted": granted, "expires": _maybe(rng, expires), "last_review": _maybe(rng, _date(rng)),
        }))
    repositories = [
        _clean({"id": f"repo-{i}", "url": f"https://git.example.org/r{i}", "owner": "dev@example.org",
                "visibility": rng.choice(["private", "internal", "public"]),
                "contains": rng.sample(["training_code", "inference_code", "pipelines", "notebooks", "infrastructure"],
                                       rng.randint(0, 2)),
                "secret_scanning": rng.choice(bools), "push_protection": rng.choice(bools)})
        for i in range(n["repositories"])
    ]
    reachable = asset_ids + [r["id"] for r in repositories]
    credentials = [
        _clean({"id": f"cred-{i}", "kind": rng.choice(["personal_access_token", "api_token", "registry_token", "ssh_key"]),
                "reaches": rng.sample(reachable, rng.randint(1, 2)), "scopes": ["read"],
                "expires": _maybe(rng, _date(rng)),
                "stored_in": rng.choice(["vault", "ci_secret", "source_code", "client_bundle", "laptop"]),
                "last_rotated": _maybe(rng, _date(rng))})
        for i in range(n["credentials"])
    ]
    _link_secrets(rng, credentials, datasets, repositories, store_ids)
    subjects = [m["id"] for m in models] + dataset_ids + store_ids
    exceptions = [
        {"policy": rng.choice(["AIG-MOD-001", "AIG-DAT-001", "AIG-PRT-001", "AIG-CRD-002"]), "asset": rng.choice(subjects),
         "reason": "accepted risk", "approved_by": "ciso@example.org", "expires": _date(rng)}
        for _ in range(n["exceptions"])
    ]
    controls = _clean({
        "access_review_interval_days": rng.choice([None, 90, 180]),
        "incident_response": {"plan": rng.choice(bools), "covers_ai_assets": rng.choice(bools),
                              "extortion_playbook": rng.choice(bools), "last_exercise": _maybe(rng, _date(rng)),
                              "notification_hours": _maybe(rng, rng.choice([24, 72, 73]))},
        "monitoring": {"siem": True, "dlp": rng.choice(bools)},
    })
    return {"stores": stores, "models": models, "datasets": datasets, "data_sources": sources, "partners": partners,
            "access": access, "repositories": repositories, "credentials": credentials, "controls": controls,
            "exceptions": exceptions}


#: Credentials per access chain (a chain of this many hops through found_in), and every how many
#: chains one closes into a cycle.
CHAIN_LENGTH = 6
CYCLE_EVERY = 5


def _link_secrets(rng: random.Random, credentials: list[dict[str, Any]], datasets: list[dict[str, Any]],
                  repositories: list[dict[str, Any]], store_ids: list[str]) -> None:
    """Give credentials a ``found_in`` so that the access graph has chains and cycles: a third of
    the credentials form chains of CHAIN_LENGTH, each one's secret lying in a dataset of a store the
    one before it reaches (every CYCLE_EVERY-th chain closes into a cycle); a tenth of the others
    lie in a repository. Chains are disjoint, so every credential's reach stays bounded."""
    in_store: dict[str, list[str]] = {}
    for dataset in datasets:
        in_store.setdefault(dataset["store"], []).append(dataset["id"])
    filled = [store for store in store_ids if store in in_store]
    if not filled:
        return
    order = list(range(len(credentials)))
    rng.shuffle(order)
    chained = len(order) // 3 // CHAIN_LENGTH * CHAIN_LENGTH

    def secret_place(holder: dict[str, Any]) -> str:
        """A dataset in a store that ``holder`` reaches (it is given one if it reaches none)."""
        stores = [target for target in holder["reaches"] if target in in_store]
        if not stores:
            stores = [rng.choice(filled)]
            holder["reaches"] = [*holder["reaches"], stores[0]]
        return rng.choice(in_store[stores[0]])

    for chain, start in enumerate(range(0, chained, CHAIN_LENGTH)):
        links = [credentials[i] for i in order[start:start + CHAIN_LENGTH]]
        for before, after in itertools.pairwise(links):
            after["found_in"] = [secret_place(before)]
        if chain % CYCLE_EVERY == 0:
            links[0]["found_in"] = [secret_place(links[-1])]
    for i in order[chained:]:
        if repositories and rng.random() < 0.1:
            credentials[i]["found_in"] = [rng.choice(repositories)["id"]]


def write(inventory: dict[str, Any], out: Path, fmt: str = "yaml") -> list[Path]:
    """Write an inventory as several files of at most RECORDS_PER_FILE records each."""
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    files = []
    head = {"apiVersion": "aiguard/v1", "kind": "Inventory"}
    first = {**head, "metadata": {"organization": "Generated Org", "owner": "gov@example.org"},
             "controls": inventory["controls"]}
    chunks: list[dict[str, Any]] = [first]
    for name, records in inventory.items():
        if not isinstance(records, list):
            continue
        for start in range(0, len(records), RECORDS_PER_FILE):
            chunks.append({**head, name: records[start:start + RECORDS_PER_FILE]})
    for index, chunk in enumerate(chunks):
        path = out / f"part-{index:04d}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(chunk, indent=1))
        else:
            path.write_text(yaml.dump(chunk, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False))
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--assets", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    args = parser.parse_args()
    files = write(generate(args.assets, args.seed), args.out, args.format)
    print(f"wrote {len(files)} files to {args.out}")


if __name__ == "__main__":
    main()
