"""Large inventories are parsed, and evaluated and collected, in forked workers: same results, same errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiguard import api
from aiguard.errors import InputError, PolicyError
from aiguard.evaluate import regorus_engine
from aiguard.load import documents
from conftest import AS_OF, ENVELOPE, INVENTORIES, METADATA


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the multi-process paths whatever the size (they normally start at 2 MB of input)."""
    monkeypatch.setattr(documents, "PARALLEL_ABOVE_BYTES", 0)
    monkeypatch.setattr(regorus_engine, "PARALLEL_ABOVE_BYTES", 0)


def findings(path: Path) -> list[dict]:
    return [f.as_dict() for f in api.check([path], as_of=AS_OF, engine_options={"workers": 2}).findings]


def test_parallel_and_serial_runs_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    serial = findings(INVENTORIES / "gaps")
    monkeypatch.setattr(documents, "PARALLEL_ABOVE_BYTES", 0)
    monkeypatch.setattr(regorus_engine, "PARALLEL_ABOVE_BYTES", 0)
    assert findings(INVENTORIES / "gaps") == serial
    assert len(serial) > 40


def test_worker_parse_errors_are_reported(always_parallel: None, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(ENVELOPE + METADATA)
    (tmp_path / "b.yaml").write_text(ENVELOPE + "stores: [\n")
    (tmp_path / "c.yaml").write_bytes(b"apiVersion: aiguard/v1\nname: caf\xe9\n")
    with pytest.raises(InputError) as error:
        api.load_inventory([tmp_path])
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
        api.check([INVENTORIES / "compliant"], as_of=AS_OF, policy_dirs=[policies],
                   engine_options={"workers": 2})
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


def test_json_rows_encoded_by_two_processes_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from aiguard.output import json_format, render

    report = api.check([INVENTORIES / "gaps"], as_of=AS_OF)
    serial = render(report, "json")
    monkeypatch.setattr(json_format, "PARALLEL_ABOVE_FINDINGS", 0)
    assert render(report, "json") == serial
    assert serial.count('"policy_id"') == len(report.findings) > 40
