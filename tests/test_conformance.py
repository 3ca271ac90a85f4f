"""Engine conformance: regorus (in process), the OPA CLI and an OPA server give identical findings.

Inventories: the project's own (``inventories/*``), the shared examples next to the repository
(``../shared/spec/examples/*``, when present), and generated ones with random field values whose
dates cluster at the policies' boundaries, evaluated on dates that stress date arithmetic (a leap
day, a year end, a month end). Identical means the same (policy, subject, principal, message, file,
line, waived) for every finding; a difference is reported per policy.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF, INVENTORIES, REPO, OpaServer

pytestmark = pytest.mark.opa

SHARED_EXAMPLES = REPO.parent / "shared" / "spec" / "examples"
#: The exposure contract examples hold expected-exposure.json beside the inventory: their YAML files
#: are passed one by one.
SHARED_EXPOSURE = REPO.parent / "shared" / "spec" / "exposure"
#: (seed, assets, as-of date, parameter overrides) of the generated inventories.
GENERATED = [
    (1, 300, AS_OF, {}),
    (2, 300, "2028-02-29", {}),
    (3, 300, "2026-12-31", {"partner_grant_max_days": 30, "access_review_interval_days": 1}),
    (4, 300, "2027-03-31", {}),
    (5, 120, "2026-11-26", {"credential_rotation_max_days": 0, "reid_risk_max": 0.1}),
]


#: Numbers both engines print differently with sprintf("%v"): floats (JSON numbers with a fraction or
#: exponent, e.g. YAML `2500000.0`) at or above 1e6 or below 1e-4 come out as Go's "%g" in OPA
#: ("2.5e+06", "5e-05") and as plain decimals in regorus ("2500000", "0.00005").
EDGE_NUMBERS = """\
apiVersion: aiguard/v1
kind: Inventory
metadata:
  organization: Edge Org
  owner: gov@example.org
stores:
  - id: s1
    name: Store one
    owner: data@example.org
    kind: object_storage
    encryption: {at_rest: true, key: customer_managed, key_rotation_days: 1500000.0, in_transit: true}
    logging: {data_access: true, retention_days: 100}
    egress_alert: {enabled: true, threshold_gb_per_day: 2500000.0}
datasets:
  - id: d1
    name: D
    owner: data@example.org
    classification: internal
    type: training
    store: s1
    personal_data: [pii]
    deidentification: {status: pseudonymised, method: tokenisation, last_risk_assessment: 2026-10-01, risk_score: 0.00005}
"""


def inventory_cases() -> list[Any]:
    directories = sorted(p for p in INVENTORIES.glob("*") if p.is_dir())
    if SHARED_EXAMPLES.is_dir():
        directories += sorted(p for p in SHARED_EXAMPLES.glob("*") if p.is_dir())
    cases = [pytest.param(("dir", str(d), AS_OF, {}), id=f"{d.parent.name}/{d.name}") for d in directories]
    if SHARED_EXPOSURE.is_dir():
        cases += [pytest.param(("files", sorted(str(f) for f in d.glob("*.yaml")), AS_OF, {}), id=f"exposure/{d.name}")
                  for d in sorted(p for p in SHARED_EXPOSURE.glob("*") if p.is_dir())]
    cases += [pytest.param(("generated", seed, day, params, assets), id=f"generated-seed{seed}-{assets}-{day}")
              for seed, assets, day, params in GENERATED]
    # Floats of 1e6 or more and below 1e-4 print differently with sprintf %v (OPA: 2.5e+06 / 5e-05,
    # regorus: 2500000 / 0.00005); policies print numbers through lib.number_text so both agree.
    cases.append(pytest.param(("text", EDGE_NUMBERS, AS_OF, {"reid_risk_max": 0.00001}), id="edge-numbers"))
    return cases


@pytest.fixture(scope="module")
def bundle_server(opa_binary: str, aiguard_bundle: Path):
    server = OpaServer(opa_binary, "--bundle", str(aiguard_bundle))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def generated_dir(tmp_path_factory: pytest.TempPathFactory):
    from aiguard.testing.generate import generate, write

    def make(seed: int, assets: int) -> str:
        out = tmp_path_factory.getbasetemp() / f"conformance-{seed}-{assets}"
        if not out.exists():
            write(generate(assets, seed), out)
        return str(out)

    return make


def outcome(paths: list[str], as_of: str, params: dict[str, Any], engine: str, **options: Any) -> Any:
    """The findings as comparable tuples, or the error an engine raised (which must then agree too)."""
    from aiguard import api
    from aiguard.errors import AiguardError

    try:
        report = api.check(paths, as_of=as_of, params=params, engine=engine, engine_options=options)
    except AiguardError as error:
        return ("error", type(error).__name__, str(error)[:500])
    return sorted((f.policy_id, f.subject, f.principal or "", f.message, f.file, f.line, f.waived)
                  for f in report.findings)


def differences(expected: Any, actual: Any) -> str:
    if isinstance(expected, tuple) or isinstance(actual, tuple):
        return f"in process: {str(expected)[:300]}\n   engine: {str(actual)[:300]}"
    by_policy: dict[str, list[str]] = defaultdict(list)
    for finding in sorted(set(expected) - set(actual)):
        by_policy[finding[0]].append(f"only in process: {finding[1:]}")
    for finding in sorted(set(actual) - set(expected)):
        by_policy[finding[0]].append(f"only this engine: {finding[1:]}")
    return "\n".join(f"{policy}:\n  " + "\n  ".join(lines[:5]) for policy, lines in sorted(by_policy.items()))


@pytest.mark.parametrize("case", inventory_cases())
def test_engines_agree(case: tuple, opa_binary: str, bundle_server: OpaServer, opa_server: OpaServer,
                       generated_dir, tmp_path: Path) -> None:
    if case[0] in ("dir", "files"):
        _, path, as_of, params = case
    elif case[0] == "text":
        _, text, as_of, params = case
        (tmp_path / "inventory.yaml").write_text(text)
        path = str(tmp_path / "inventory.yaml")
    else:
        _, seed, as_of, params, assets = case
        path = generated_dir(seed, assets)
    paths = path if isinstance(path, list) else [path]
    expected = outcome(paths, as_of, params, "regorus")
    assert not isinstance(expected, tuple), f"the in-process engine failed: {expected}"
    engines = {
        "opa (CLI)": ("opa", {"binary": opa_binary}),
        "opa-server (bundle)": ("opa-server", {"url": bundle_server.url, "mode": "bundle"}),
    }
    if case[0] in ("dir", "files"):  # pushing is slower; the project's own inventories go through it too
        engines["opa-server (push)"] = ("opa-server", {"url": opa_server.url, "mode": "push"})
    failures = []
    for label, (engine, options) in engines.items():
        actual = outcome(paths, as_of, params, engine, **options)
        if actual != expected:
            failures.append(f"{label} disagrees with regorus:\n{differences(expected, actual)}")
    assert not failures, "\n\n".join(failures)
