"""`aiguard exposure` and the access graph: the contract example, chains, cycles, expiry, the
formats, and every way bad input ends with exit 2. In process through CliRunner; one subprocess."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, INVENTORIES, REPO, run_cli

from aiguard.cli import main

CONTRACT = REPO.parent / "shared" / "spec" / "exposure" / "dragonfly-chain"
DAY = dt.date.fromisoformat(AS_OF)

# anyone -> r0 (public repo) -> credential:c1 -> s1 -> d1 (carries c2) -> credential:c2 -> s2 -> m2,
# c2 also reaches s1 again (a cycle); group:g reads d1; an expired credential c3 reaches s3.
CHAIN = """\
repositories:
  - id: r0
    url: https://git.example.org/r0
    owner: dev@example.org
    visibility: public
stores:
  - {id: s1, name: S1, owner: data@example.org, kind: object_storage}
  - {id: s2, name: S2, owner: data@example.org, kind: object_storage}
  - {id: s3, name: S3, owner: data@example.org, kind: object_storage}
datasets:
  - {id: d1, name: D1, owner: data@example.org, classification: internal, store: s1, size_gb: 5, personal_data: []}
  - {id: d3, name: D3, owner: data@example.org, classification: restricted, store: s3, size_gb: 7, personal_data: [health]}
models:
  - id: m2
    name: M2
    owner: data@example.org
    classification: restricted
    weights: {store: s2, size_gb: 40.5}
access:
  - {principal: "group:g", asset: d1, level: read}
  - {principal: "group:old", asset: s3, level: read, expires: 2026-11-24}
credentials:
  - {id: c1, reaches: [s1], found_in: [r0]}
  - {id: c2, reaches: [s2, s1], found_in: [d1]}
  - {id: c3, reaches: [s3], expires: 2026-11-01, stored_in: client_bundle}
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def chain(inventory_dir) -> Path:
    return inventory_dir({"chain.yaml": CHAIN})


def exposure_json(*args: str, as_of: str = AS_OF) -> dict:
    code, out, err = invoke("exposure", *args, "--as-of", as_of, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.skipif(not CONTRACT.is_dir(), reason="../shared/spec (the contract) is not next to this clone")
def test_contract_example_matches_expected_exposure() -> None:
    expected = json.loads((CONTRACT / "expected-exposure.json").read_text())["exposures"]
    got = exposure_json(*sorted(str(p) for p in CONTRACT.glob("*.yaml")))["exposures"]
    assert [{key: entry[key] for key in ("from", "assets", "gb")} for entry in got] == expected


def test_chain_cycle_and_expiry(chain: Path) -> None:
    by_start = {e["from"]: e for e in exposure_json(str(chain))["exposures"]}
    assert sorted(by_start) == ["anyone", "credential:c1", "credential:c2", "credential:c3", "group:g", "group:old"]
    anyone = by_start["anyone"]
    assert anyone["assets"] == ["d1", "m2"]
    assert anyone["gb"] == {"total": 45.5, "sensitive": 40.5}
    assert anyone["paths"]["m2"] == ["anyone", "r0", "credential:c1", "s1", "d1", "credential:c2", "s2", "m2"]
    assert anyone["credentials"] == ["credential:c1", "credential:c2", "credential:c3"]
    # c3 is in a client bundle but expired: the public reaches the credential, which opens nothing
    assert "d3" not in anyone["assets"]
    assert by_start["credential:c3"]["assets"] == []
    assert by_start["group:old"]["assets"] == []  # its grant expired the day before
    assert by_start["group:g"]["paths"]["m2"] == ["group:g", "d1", "credential:c2", "s2", "m2"]
    assert by_start["credential:c2"]["assets"] == ["d1", "m2"]  # the cycle back to s1 is walked once


def test_grant_expiring_on_as_of_still_opens(chain: Path) -> None:
    by_start = {e["from"]: e for e in exposure_json(str(chain), as_of="2026-11-24")["exposures"]}
    assert by_start["group:old"]["assets"] == ["d3"]
    assert by_start["group:old"]["personal_data"] == ["health"]


def test_python_graph_agrees_with_the_policies() -> None:
    """EXP-001 and EXP-003 (Rego) against the Python graph on the project's gap inventory."""
    import aiguard
    from aiguard.exposure import exposures

    inventory = aiguard.load_inventory([INVENTORIES / "gaps"])
    report = aiguard.check([INVENTORIES / "gaps"], as_of=AS_OF, only=["AIG-EXP-001", "AIG-EXP-003"])
    by_start = {e.start: e for e in exposures(inventory, DAY)}
    assert {f.subject for f in report.findings if f.policy_id == "AIG-EXP-001"} == set(by_start["anyone"].sensitive_assets)
    over = {s.removeprefix("credential:") for s, e in by_start.items() if s.startswith("credential:") and e.gb_sensitive > 500}
    assert {f.subject for f in report.findings if f.policy_id == "AIG-EXP-003"} == over


def test_text_is_worst_first_with_a_located_hop_per_edge(chain: Path) -> None:
    code, out, _ = invoke("exposure", str(chain), "--as-of", AS_OF)
    assert code == 0
    table = out.split("\n\n")[1].splitlines()
    assert table[0].split()[:2] == ["FROM", "ASSETS"]
    assert [row.split()[0] for row in table[1:4]] == ["anyone", "credential:c1", "credential:c2"]
    assert "    d1 -> credential:c2  [secret]  " in out
    hop = next(line for line in out.splitlines() if "r0 -> credential:c1" in line)
    file, line = hop.rsplit(" ", 1)[1].rsplit(":", 1)
    text = Path(file).read_text().splitlines()
    assert "found_in: [r0]" in text[int(line) - 1]


def test_from_limits_and_is_deterministic(chain: Path) -> None:
    first = invoke("exposure", str(chain), "--as-of", AS_OF, "--from", "group:g", "--from", "anyone")
    assert first == invoke("exposure", str(chain), "--as-of", AS_OF, "--from", "anyone", "--from", "group:g")
    data = exposure_json(str(chain), "--from", "group:g")
    assert [e["from"] for e in data["exposures"]] == ["group:g"]


@pytest.mark.parametrize(("start", "hint"), [("c1", "did you mean credential:c1?"), ("group:gg", "did you mean group:g"),
                                             ("nobody-at-all", None)])
def test_unknown_from_exits_2(chain: Path, start: str, hint: str | None) -> None:
    code, out, err = invoke("exposure", str(chain), "--as-of", AS_OF, "--from", start)
    assert code == 2 and out == ""
    assert f"--from: {start!r} is not a starting point" in err
    assert (hint in err) if hint else "did you mean" not in err


def test_graph_beyond_the_limit_exits_2(chain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiguard import exposure

    monkeypatch.setattr(exposure, "MAX_NODES", 5)
    code, out, err = invoke("exposure", str(chain), "--as-of", AS_OF)
    assert code == 2 and out == "" and "the limits are 5 nodes" in err


def test_reached_beyond_the_limit_exits_2(chain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiguard import exposure

    monkeypatch.setattr(exposure, "MAX_REACHED", 3)
    code, out, err = invoke("exposure", str(chain), "--as-of", AS_OF, "--format", "json")
    assert code == 2 and out == "" and "choose fewer `--from`" in err


def test_dot_and_mermaid_draw_the_paths(chain: Path) -> None:
    code, dot, _ = invoke("exposure", str(chain), "--as-of", AS_OF, "--format", "dot", "--from", "anyone")
    assert code == 0 and dot.startswith("digraph exposure {") and dot.rstrip().endswith("}")
    assert '"d1" -> "credential:c2" [label="secret"];' in dot
    assert '"m2" [shape=box, color="#b00020"' in dot
    code, mermaid, _ = invoke("exposure", str(chain), "--as-of", AS_OF, "--format", "mermaid", "--from", "anyone")
    assert code == 0 and mermaid.startswith("flowchart LR\n")
    assert '{{"anyone"}}' in mermaid and "-->|secret|" in mermaid and "sensitive" in mermaid


def test_labels_are_escaped() -> None:
    from aiguard.output.exposure.dot import quote
    from aiguard.output.exposure.mermaid import label

    assert quote('user:a"b\\c') == '"user:a\\"b\\\\c"'
    assert label('user:"x"<y>&') == '"user:#quot;x#quot;#lt;y#gt;#amp;"'


def test_output_file(chain: Path, tmp_path: Path) -> None:
    target = tmp_path / "exposure.json"
    code, out, _ = invoke("exposure", str(chain), "--as-of", AS_OF, "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["as_of"] == AS_OF


def test_found_in_must_resolve(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": CHAIN.replace("found_in: [r0]", "found_in: [r0, nowhere]")})
    code, out, err = invoke("exposure", str(root), "--as-of", AS_OF)
    line = next(i for i, text in enumerate((root / "a.yaml").read_text().splitlines(), 1) if "nowhere" in text)
    assert code == 2 and out == ""
    assert f"a.yaml:{line}: credentials[0].found_in[1]: unknown asset (store, repository, model or dataset) 'nowhere'" in err


def test_found_in_must_not_name_a_credential_or_principal(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": CHAIN.replace("found_in: [r0]", "found_in: [c2]")})
    code, _, err = invoke("validate", str(root))
    assert code == 2 and "'c2' is a credential" in err


@pytest.mark.parametrize("ident", ["anyone", "credential:x", "partner:x", "group:x", "user:x", "service:x"])
def test_ids_spelled_like_graph_nodes_are_rejected(inventory_dir, ident: str) -> None:
    root = inventory_dir({"a.yaml": f"stores:\n  - {{id: '{ident}', name: S, owner: d@example.org, kind: object_storage}}\n"})
    code, _, err = invoke("validate", str(root))
    assert code == 2 and f"a.yaml:7: stores[0].id: {ident!r} is reserved" in err


def test_bad_inventory_exits_2(inventory_dir) -> None:
    root = inventory_dir({"a.yaml": "credentials:\n  - {id: c1, found_in: r0}\n"})
    code, out, err = invoke("exposure", str(root))
    assert code == 2 and out == "" and "found_in" in err


def test_end_to_end_subprocess() -> None:
    run = run_cli("exposure", str(INVENTORIES / "gaps"), "--as-of", AS_OF, "--from", "anyone", "--format", "json")
    assert run.returncode == 0, run.stderr
    [entry] = json.loads(run.stdout)["exposures"]
    assert entry["from"] == "anyone" and "patient-notes" in entry["assets"]


def test_unwritable_output_exits_2(chain: Path, tmp_path: Path) -> None:
    code, out, err = invoke("exposure", str(chain), "--as-of", AS_OF, "-o", str(tmp_path / "missing" / "x.json"))
    assert code == 2 and out == "" and "--output" in err

