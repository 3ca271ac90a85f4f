"""Large inventories are parsed, and evaluated and collected, in forked workers: same results, same errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import AS_OF, ENVELOPE, INVENTORIES, METADATA

from aiguard import api, parallel
from aiguard.errors import InputError, PolicyError
from aiguard.load import documents


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the multi-process paths whatever the size (they normally start at 2 MB of input)."""
    monkeypatch.setattr(parallel, "PARALLEL_ABOVE_BYTES", 0)


def findings(path: Path, workers: int) -> list[dict]:
    return [f.as_dict() for f in api.check([path], as_of=AS_OF, workers=workers).findings]


_RECORD: list[Path] = []
_ORIGINALS = {"parse": documents._parse_one, "evaluate": api._Run._collect}


def _note(kind: str) -> None:
    import os

    with open(_RECORD[0], "a") as handle:
        handle.write(f"{kind} {os.getpid()}\n")


def _parse_noted(*args: Any) -> Any:  # module level: fork_map pickles the function it runs
    _note("parse")
    return _ORIGINALS["parse"](*args)


def _collect_noted(*args: Any) -> Any:
    _note("evaluate")
    return _ORIGINALS["evaluate"](*args)


@pytest.fixture
def pids(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Record the process id of every parse and every share evaluated, in a file (the workers'
    memory is their own): proof that the work was forked, not just that the results agree."""
    _RECORD[:] = [tmp_path / "pids"]
    monkeypatch.setattr(documents, "_parse_one", _parse_noted)
    monkeypatch.setattr(api._Run, "_collect", _collect_noted)
    return _RECORD[0]


def recorded(record: Path, kind: str) -> set[int]:
    return {int(line.split()[1]) for line in record.read_text().splitlines() if line.startswith(kind)}


def test_parallel_and_serial_runs_agree(always_parallel: None, pids: Path) -> None:
    import os

    serial = findings(INVENTORIES / "gaps", workers=1)
    assert recorded(pids, "parse") == recorded(pids, "evaluate") == {os.getpid()}  # the library's default
    pids.unlink()
    assert findings(INVENTORIES / "gaps", workers=2) == serial
    assert len(serial) > 40
    # Files go to forked workers (one of them may take them all); the policies are split between
    # this process and a forked one.
    parsed = recorded(pids, "parse")
    assert parsed and os.getpid() not in parsed, parsed
    evaluated = recorded(pids, "evaluate")
    assert len(evaluated) == 2 and os.getpid() in evaluated, evaluated


def test_small_inputs_stay_in_process(pids: Path) -> None:
    import os

    findings(INVENTORIES / "gaps", workers=4)
    assert recorded(pids, "parse") | recorded(pids, "evaluate") == {os.getpid()}


def test_shares_keep_areas_together_and_balance_cost() -> None:
    from aiguard.evaluate.policyset import load_policy_set

    policies = load_policy_set().policies
    shares = parallel.policy_shares(policies, 2)
    assert sorted(p.id for share in shares for p in share) == sorted(p.id for p in policies)
    areas = [{p.area for p in share} for share in shares]
    assert not areas[0] & areas[1]
    def cost(area: str) -> int:  # a measured area's cost, else the default per policy
        return parallel.AREA_COST.get(area, parallel.POLICY_COST * sum(p.area == area for p in policies))

    loads = [sum(cost(area) for area in share) for share in areas]
    assert max(loads) / sum(loads) < 0.55
    assert sorted(map(id, parallel.policy_shares(policies, 1)[0])) == sorted(map(id, policies))


def test_worker_parse_errors_are_reported(always_parallel: None, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    (tmp_path / "b.yaml").write_text(ENVELOPE + "stores: [\n")
    (tmp_path / "c.yaml").write_bytes(b"apiVersion: aiguard/v1\nname: caf\xe9\n")
    with pytest.raises(InputError) as error:
        api.load_inventory([tmp_path], workers=2)
    text = str(error.value)
    assert "b.yaml:4: invalid YAML" in text and "c.yaml:2: not UTF-8" in text


def test_worker_policy_errors_fail_the_run(always_parallel: None, tmp_path: Path) -> None:
    policies = tmp_path / "policies"
    policies.mkdir()
    (policies / "boom.rego").write_text(
        "# METADATA\n# custom:\n#   id: ACME-BOOM-001\n#   severity: low\npackage acme.boom\n\n"
        'deny contains {"subject": "s", "message": "m"} if { x := 1 / count([]) }\n'
    )
    with pytest.raises(PolicyError) as error:
        api.check([INVENTORIES / "compliant"], as_of=AS_OF, policy_dirs=[policies], workers=2)
    assert "boom.rego" in str(error.value)
    assert error.value.problems[0].file.endswith("boom.rego")  # rebuilt from its problems, not its text


def _die(code: int) -> int:
    import os
    import signal

    if code:
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's OOM killer does
    return code


def test_a_worker_that_dies_fails_the_run() -> None:
    from aiguard.errors import AiguardError
    from aiguard.parallel import fork_map

    assert fork_map(_die, [(0,), (0,)], 2) == [0, 0]
    with pytest.raises(AiguardError, match="worker process died"):
        fork_map(_die, [(0,), (1,)], 2)
