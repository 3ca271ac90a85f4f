"""The library API: a check is one ``CheckRequest``; errors about it name its fields, the CLI its flags."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import AS_OF, INVENTORIES, run_cli

import aiguard
from aiguard.errors import REQUEST, UsageError

GAPS = INVENTORIES / "gaps"


def test_a_request_and_keywords_give_the_same_report() -> None:
    request = aiguard.CheckRequest(paths=(str(GAPS),), as_of=AS_OF, skip=("models",))
    by_request = aiguard.check(request)
    by_keywords = aiguard.check([GAPS], as_of=AS_OF, skip=["models"])
    assert by_request.request == by_keywords.request == request  # paths and lists normalised to tuples of str
    assert [f.as_dict() for f in by_request.findings] == [f.as_dict() for f in by_keywords.findings]
    assert by_request.findings and all(f.area != "models" for f in by_request.findings)


def test_a_request_is_frozen_and_takes_no_extra_keywords() -> None:
    request = aiguard.CheckRequest(paths=GAPS)  # type: ignore[arg-type]  # one path is accepted too
    assert request.paths == (str(GAPS),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.as_of = AS_OF  # type: ignore[misc]
    with pytest.raises(TypeError):
        aiguard.check(request, as_of=AS_OF)


@pytest.mark.parametrize("options,field,flag", [
    ({"as_of": "25/11/2026"}, "as_of", "--as-of"),
    ({"only": ["AIG-NOPE-*"]}, "only/skip", "--only/--skip"),
    ({"param_texts": ["nope=1"]}, "param_texts", "--param"),
    ({"engine": "opa-server", "engine_options": {"url": "ftp://x"}}, "engine_options.url", "--opa-url"),
])
def test_library_errors_name_fields_and_the_cli_names_flags(options: dict, field: str, flag: str) -> None:
    with pytest.raises(UsageError) as raised:
        aiguard.check([GAPS], **options)
    problem = raised.value.problems[0]
    assert (problem.file, problem.field) == (REQUEST, field)
    assert "--" not in problem.message  # no flag in a library message
    args = {"as_of": ["--as-of", "25/11/2026"], "only/skip": ["--only", "AIG-NOPE-*"],
            "param_texts": ["--param", "nope=1"], "engine_options.url": ["--opa-url", "ftp://x"]}[field]
    result = run_cli("check", str(GAPS), *args)
    assert result.returncode == 2 and f"  {flag}: {problem.message}" in result.stderr


def test_without_regorus_the_error_says_how_to_use_opa(monkeypatch: pytest.MonkeyPatch) -> None:
    """Platforms without a regorus wheel (musllinux, older glibc): exit 2 with the OPA route."""
    monkeypatch.setitem(sys.modules, "regorus", None)  # makes `import regorus` raise ImportError
    result = run_cli("check", str(GAPS), "--as-of", AS_OF)
    assert result.returncode == 2
    assert "--engine: the in-process engine regorus cannot be loaded here" in result.stderr
    assert "`--engine opa`" in result.stderr and "`--opa-url URL`" in result.stderr
    assert "Traceback" not in result.stderr
    with pytest.raises(UsageError, match="`engine=opa`"):
        aiguard.check([GAPS], as_of=AS_OF)


def test_messages_about_no_file_are_not_prefixed_twice(tmp_path: object) -> None:
    result = run_cli("check", str(GAPS), "--engine", "opa", "--opa-binary", "/nonexistent/opa")
    assert result.returncode == 2
    assert "aiguard: aiguard:" not in result.stderr and "\n  aiguard:" not in result.stderr


def test_fields_quoted_in_messages_read_as_flags_on_the_command_line() -> None:
    from aiguard.cli.options import flags_in

    assert flags_in("raise `engine_options.timeout` if slow") == "raise `--opa-timeout` if slow"
    assert flags_in("use `engine=opa` or `engine_options.mode=push`") == "use `--engine opa` or `--opa-mode push`"
    assert flags_in("run `aiguard bundle build` first") == "run `aiguard bundle build` first"  # not a field


def test_an_unknown_format_fails_before_the_inventory_is_read(tmp_path: object) -> None:
    result = run_cli("check", "/nonexistent/inventory", "--format", "yamlish")
    assert result.returncode == 2
    assert "--format: unknown format 'yamlish'" in result.stderr and "nonexistent" not in result.stderr


def _library_calls(tmp_path: Path) -> dict[str, Callable[[], object]]:
    """One bad request per field of the import, export, verify, incident and exposure library functions."""
    from aiguard import incident
    from aiguard.evidence.verify import FIELDS, Targets, parse_mapping, verify
    from aiguard.exposure import exposure_report
    from aiguard.interop import Draft, import_sources, merge_into, write_new

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    return {
        "fmt": lambda: import_sources([tmp_path / "x.json"], "xml"),
        "out": lambda: write_new(Draft(), tmp_path / "full"),
        "into": lambda: merge_into(Draft(), tmp_path / "missing"),
        "targets.stores": lambda: parse_mapping(["no-equals-sign"], FIELDS["store"]),
        "targets.repositories": lambda: verify([GAPS], Targets(repositories={"nope": str(tmp_path)})),
        "signing_key": lambda: verify([GAPS], Targets(), signing_key=str(tmp_path / "missing.pem")),
        "discovered": lambda: incident.parse_discovered("27.11.2026"),
        "leaked": lambda: incident.run([GAPS], ["nobody"], "2026-11-27"),
        "starts": lambda: exposure_report([GAPS], AS_OF, ["nobody"]),
    }


@pytest.mark.parametrize("field", ["fmt", "out", "into", "targets.stores", "targets.repositories", "signing_key",
                                   "discovered", "leaked", "starts"])
def test_import_verify_incident_and_exposure_errors_name_fields_not_flags(tmp_path: Path, field: str) -> None:
    from aiguard.cli.options import FLAGS

    with pytest.raises(UsageError) as raised:
        _library_calls(tmp_path)[field]()
    problem = raised.value.problems[0]
    assert (problem.file, problem.field) == (REQUEST, field)
    assert "--" not in problem.message and not problem.message.startswith("-o")
    assert field in FLAGS  # the CLI shows the flag that sets it
