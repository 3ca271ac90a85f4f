"""Hostile custom policies and hostile OPA servers (issue 12: SECURITY.md's engine boundary).

Custom policy directories come from the repository under review: a policy must not reach the
network, the environment, the clock or randomness (same verdict on regorus and on OPA), and a
runaway one is stopped within the policy limits with the policy named. The OPA client keeps one
total deadline per request and a size cap against real misbehaving servers on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AS_OF, STORE, find_opa, run_cli, write_files
from inprocess import invoke

META = """# METADATA
# title: hostile
# custom:
#   id: {id}
#   severity: high
package acme.{package}

"""
OPA = find_opa()
ENGINES = ["regorus", pytest.param("opa", marks=pytest.mark.opa)]


def policy_dir(tmp_path: Path, bodies: dict[str, str]) -> Path:
    directory = tmp_path / "custom"
    for index, (package, body) in enumerate(bodies.items()):
        write_files(directory, {f"{package}.rego": META.format(id=f"ACME-HOS-00{index + 1}", package=package) + body})
    return directory


@pytest.fixture
def inventory(inventory_dir) -> Path:
    return inventory_dir({"a.yaml": STORE})


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str]:
    """In process; stdout and stderr together."""
    code, stdout, stderr = invoke(*args, env={"AIGUARD_OPA": OPA or "", **(env or {})}, cwd=cwd)
    return code, stdout + stderr


def run_end_to_end(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str]:
    """As a user runs it: a subprocess of the installed command."""
    result = run_cli(*args, env={"AIGUARD_OPA": OPA or "", **(env or {})}, cwd=cwd)
    return result.returncode, result.stdout + result.stderr


def engine_args(engine: str) -> list[str]:
    if engine == "opa" and not OPA:
        pytest.skip("opa binary not available")
    return ["--engine", engine]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("call,builtin", [
    ('http.send({"method": "post", "url": "http://127.0.0.1:9/", "body": input})', "http.send"),
    ('opa.runtime().env', "opa.runtime"),
    ('net.lookup_ip_addr("example.com")', "net.lookup_ip_addr"),
    ('time.now_ns()', "time.now_ns"),
])
def test_disallowed_builtins_are_exit_2_on_both_engines(inventory: Path, tmp_path: Path, engine: str,
                                                        call: str, builtin: str) -> None:
    # The call sits in a branch that is never evaluated: the policy is refused for using it at all.
    directory = policy_dir(tmp_path, {"leak": f"""
deny contains {{"subject": "s1", "message": sprintf("%v", [x])}} if {{
	false
	x := {call}
}}
"""})
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--policy-dir", str(directory),
                       "--only", "ACME-HOS-001", *engine_args(engine))
    assert code == 2, output
    assert "leak.rego:" in output and builtin in output, output
    assert "Traceback" not in output


def test_allowed_builtins_still_work(inventory: Path, tmp_path: Path) -> None:
    directory = policy_dir(tmp_path, {"fine": """
deny contains {"subject": s.id, "message": sprintf("%s", [upper(s.id)])} if {
	some s in input.stores
	time.parse_rfc3339_ns("2026-01-01T00:00:00Z") > 0
}
"""})
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--policy-dir", str(directory),
                       "--only", "ACME-HOS-001", "--format", "json")
    assert code == 1, output
    assert json.loads(output)["findings"][0]["message"] == "S1"


RECURSION = """
f(x) := y if { y := f(x) }

deny contains {"subject": "s1", "message": "m"} if { f(1) }
"""
HUGE = """
deny contains {"subject": "s1", "message": "m"} if { count([x | some x in numbers.range(1, 200000000)]) > 1 }
"""
BUSY = """
deny contains {"subject": "s1", "message": "m"} if {
	some a in numbers.range(1, 3000)
	some b in numbers.range(1, 3000)
	some c in numbers.range(1, 3000)
	a + b + c == 0
}
"""
HARMLESS = """
deny contains {"subject": s.id, "message": "harmless"} if { some s in input.stores; s.id == "nope" }
"""


@pytest.mark.parametrize("body,fragment", [
    (RECURSION, "died"),  # regorus overflowed its stack: exit 139 before
    (HUGE, "died"),  # 2 GB and minutes before; now the memory limit aborts it
    (BUSY, "did not finish within 2 s"),
])
def test_runaway_policies_are_exit_2_naming_the_policy_on_regorus(inventory: Path, tmp_path: Path,
                                                                   body: str, fragment: str) -> None:
    directory = policy_dir(tmp_path, {"calm": HARMLESS, "runaway": body, "quiet": HARMLESS})
    started = time.monotonic()
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--policy-dir", str(directory),
                       "--policy-timeout", "2", "--policy-memory", "1G")
    assert code == 2, output
    assert "runaway.rego: ACME-HOS-002:" in output and fragment in output, output
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("engine", ENGINES)
def test_a_runaway_custom_test_is_named(tmp_path: Path, engine: str) -> None:
    # `policies test` of a custom directory said only "the evaluation process died".
    directory = tmp_path / "custom"
    files = {f"calm{i}_test.rego": f"package acme.calm{i}_test\n\ntest_calm if true\n" for i in range(3)}
    files["busy_test.rego"] = "package acme.busy_test\n\n" + BUSY.replace("deny contains", "results contains") + \
        "\ntest_busy if count(results) == 0\n"
    write_files(directory, files)
    started = time.monotonic()
    code, output = run("policies", "test", str(directory), "--policy-timeout", "1", *engine_args(engine))
    assert code == 2, output
    assert f"{directory / 'busy_test.rego'}: " in output and "did not finish within 1 s" in output, output
    assert time.monotonic() - started < 30


@pytest.mark.opa
@pytest.mark.parametrize("body,fragment", [
    # Whichever limit a loaded machine hits first.
    (HUGE, ("ran out of memory (the policy memory limit, 2G)", "did not finish within 3 s")),
    (BUSY, ("did not finish within 3 s",)),
])
def test_runaway_policies_are_exit_2_naming_the_policy_on_opa(inventory: Path, tmp_path: Path,
                                                               body: str, fragment: tuple[str, ...]) -> None:
    directory = policy_dir(tmp_path, {"calm": HARMLESS, "runaway": body})
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--policy-dir", str(directory),
                       "--policy-timeout", "3", "--policy-memory", "2G", *engine_args("opa"))
    assert code == 2, output
    assert "runaway.rego: ACME-HOS-002:" in output and any(f in output for f in fragment), output


def test_policy_limits_reject_nonsense(inventory: Path) -> None:
    code, output = run("check", str(inventory), "--policy-memory", "lots")
    assert code == 2 and "expected a size such as 2G" in output
    code, output = run("check", str(inventory), "--policy-memory", "10M")
    assert code == 2 and "at least" in output
    code, output = run("check", str(inventory), "--policy-timeout", "0")
    assert code == 2


@pytest.mark.opa
def test_relative_opa_binary_is_resolved_against_the_working_directory(inventory: Path, tmp_path: Path) -> None:
    if not OPA:
        pytest.skip("opa binary not available")
    (tmp_path / "bin").mkdir()
    os.symlink(OPA, tmp_path / "bin" / "opa")
    code, output = run_end_to_end("check", str(inventory), "--as-of", AS_OF, "--engine", "opa", "--opa-binary", "bin/opa",
                       "--only", "AIG-SRC-001", env={"AIGUARD_OPA": ""}, cwd=tmp_path)
    assert code == 0, output


def test_a_relative_path_entry_is_never_searched_for_opa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiguard.evaluate.opa_cli import _which

    planted = tmp_path / "opa"
    planted.write_text("#!/bin/sh\necho pwned\n")
    planted.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", ".")
    assert _which("opa") is None
    assert _which("./opa") == str(planted)


# --- misbehaving OPA servers ---------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[callable]:
    """Factory: ``server(handler)`` serves each connection with ``handler(conn)`` on 127.0.0.1."""
    sockets: list[socket.socket] = []

    def start(handler) -> str:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        sockets.append(listener)

        def serve() -> None:
            while True:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                threading.Thread(target=_quietly, args=(handler, conn), daemon=True).start()

        threading.Thread(target=serve, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}"

    yield start
    for listener in sockets:
        listener.close()


def _quietly(handler, conn: socket.socket) -> None:
    try:
        conn.recv(65536)
        handler(conn)
    except OSError:
        pass
    finally:
        conn.close()


def trickle_headers(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for index in range(600):
        conn.sendall(f"X-Slow-{index}: a\r\n".encode())
        time.sleep(0.02)


def trickle_body(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
    for _ in range(1000):
        conn.sendall(b" ")
        time.sleep(0.02)


def silent(conn: socket.socket) -> None:
    time.sleep(15)


def huge(conn: socket.socket) -> None:
    size = 300 << 20
    conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n".encode())
    chunk = b" " * (1 << 20)
    for _ in range(300):
        conn.sendall(chunk)


@pytest.mark.parametrize("handler,mode,timeout,fragment", [
    (trickle_headers, "bundle", 2, "no answer within 2 s"),
    (trickle_body, "bundle", 2, "no answer within 2 s"),
    (silent, "push", 2, "no answer within 2 s"),  # push mode starts with a GET, which was retried twice
    (huge, "bundle", 60, "larger than 256 MiB"),  # 300 MiB at full speed: the size cap, not the clock
])
def test_misbehaving_servers_cannot_stretch_the_deadline(inventory: Path, server, handler, mode: str, timeout: int,
                                                         fragment: str) -> None:
    url = server(handler)
    started = time.monotonic()
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--opa-url", url, "--opa-mode", mode,
                       "--opa-timeout", str(timeout))
    elapsed = time.monotonic() - started
    assert code == 2, output
    assert fragment in output, output
    # One deadline, not one per header line, chunk or retry (a silent server took 3x before).
    assert elapsed < timeout + 3, elapsed


def test_credentials_in_the_url_are_never_printed(inventory: Path, server) -> None:
    url = server(silent).replace("http://", "http://ci-user:s3cr3t@")
    code, output = run_end_to_end("check", str(inventory), "--as-of", AS_OF, "--opa-url", url + "/v1",
                                  "--opa-timeout", "1")
    assert code == 2 and "***@" in output and "s3cr3t" not in output, output
    code, output = run_end_to_end("check", str(inventory), "--as-of", AS_OF, "--opa-url", url, "--opa-timeout", "1")
    assert code == 2 and "s3cr3t" not in output, output


@pytest.mark.opa
def test_opa_refuses_disallowed_builtins_by_itself(tmp_path: Path) -> None:
    """Defence in depth: the capabilities file alone makes OPA refuse them (no aiguard pre-check)."""
    if not OPA:
        pytest.skip("opa binary not available")
    from aiguard.errors import PolicyError
    from aiguard.evaluate.builtins import DISALLOWED, capabilities_file
    from aiguard.evaluate.opa_cli import OpaCliEngine
    from aiguard.evaluate.policyset import Module

    capabilities = json.loads(capabilities_file(OPA, tmp_path).read_text())
    names = {builtin["name"] for builtin in capabilities["builtins"]}
    assert not names & set(DISALLOWED) and "sprintf" in names and capabilities["allow_net"] == []
    text = 'package acme.leak\n\ndeny contains x if { x := opa.runtime().env }\n'
    module = Module("custom/leak.rego", tmp_path / "custom" / "leak.rego", text, "acme.leak")
    with pytest.raises(PolicyError, match=r"undefined function opa\.runtime"):
        OpaCliEngine(OPA)._evaluate([module], {"aiguard": {"parameters": {}}}, {}, {"ACME": "data.acme.leak.deny"})


def test_a_custom_policy_in_a_folder_named_evidence_is_evaluated(inventory: Path, tmp_path: Path) -> None:
    # Its area is its first folder, `evidence`: without --evidence it was dropped in silence (PASS).
    write_files(tmp_path / "custom" / "evidence", {"always.rego": META.format(id="ACME-ALW-001", package="always")
                                                   + 'deny contains {"subject": "s1", "message": "always"} if true\n'})
    code, output = run("check", str(inventory), "--as-of", AS_OF, "--policy-dir", str(tmp_path / "custom"),
                       "--only", "ACME-ALW-001")
    assert code == 1, output
    assert "ACME-ALW-001" in output
