"""The OPA server backend (`--opa-url`) against real `opa run --server` processes on 127.0.0.1.

Every failure mode must be a clear message and exit 2, never a pass: server down, server that
never answers, 401, 5xx with OPA's message, a body that is not OPA's JSON, TLS trouble, and a
server without aiguard's policies.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import AS_OF, INVENTORIES, STORE, OpaServer, finding_keys, free_port, run_cli, write_files

pytestmark = pytest.mark.opa

GAPS = str(INVENTORIES / "gaps")
TOKEN = "aiguard-test-token"
AUTHZ = f"""\
package system.authz

default allow := false

allow if input.path == ["health"]

allow if input.identity == "{TOKEN}"
"""
BAD_BUILTIN_POLICY = """\
# METADATA
# title: Test policy
# custom:
#   id: TST-SRV-001
#   severity: high
package acme.server_policy

deny contains {"subject": s.id, "message": "big"} if {
\tsome s in input.stores
\tto_number("ten") > 1
}
"""
NAMED_AFTER_ID_POLICY = """\
# METADATA
# title: Test policy
# custom:
#   id: TST-SRV-002
#   severity: low
package acme.server_policy

deny contains {"subject": s.id, "message": "named after its id"} if {
\tsome s in input.stores
\ts.name == s.id
}
"""


@pytest.fixture(scope="module")
def in_process() -> str:
    """The regorus report on the gaps inventory: what every server check must reproduce."""
    result = run_cli("check", GAPS, "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 1, result.stderr
    return result.stdout


@pytest.fixture
def scratch_server(opa_binary: str):
    """A fresh, empty OPA server for one test."""
    server = OpaServer(opa_binary)
    yield server
    server.stop()


def server_check(url: str, *extra: str, inventory: str = GAPS, env: dict[str, str] | None = None):
    return run_cli("check", inventory, "--as-of", AS_OF, "--format", "json", "--opa-url", url, *extra, env=env)


def aiguard_policy_ids(url: str) -> list[str]:
    with urllib.request.urlopen(f"{url}/v1/policies", timeout=10) as response:
        return sorted(p["id"] for p in json.load(response)["result"] if p["id"].startswith("aiguard/"))


def test_push_mode_gives_the_in_process_findings(opa_server: OpaServer, in_process: str) -> None:
    first = server_check(opa_server.url)
    assert first.returncode == 1, first.stderr
    assert finding_keys(first.stdout) == finding_keys(in_process)
    assert json.loads(first.stdout)["engine"] == "opa-server"
    ids = aiguard_policy_ids(opa_server.url)
    assert "aiguard/aiguard_evaluation.rego" in ids and "aiguard/policies/lib/grants.rego" in ids
    assert not [i for i in ids if i.endswith("_test.rego")]
    with urllib.request.urlopen(f"{opa_server.url}/v1/data/aiguard/parameters/partner_grant_max_days", timeout=10) as r:
        assert json.load(r)["result"]["default"] == 365
    second = server_check(opa_server.url)  # the server already holds this policy set: no upload
    assert finding_keys(second.stdout) == finding_keys(in_process)


def test_push_replaces_stale_aiguard_modules(opa_server: OpaServer, in_process: str) -> None:
    stale = b'package aiguard.policies.stale\n\ndeny contains {"subject": "controls", "message": "stale"}\n'
    request = urllib.request.Request(f"{opa_server.url}/v1/policies/aiguard/policies/stale.rego", data=stale, method="PUT")
    urllib.request.urlopen(request, timeout=10).close()
    # A changed set must be noticed: drop the stored digest as an older aiguard would have left it.
    urllib.request.urlopen(urllib.request.Request(f"{opa_server.url}/v1/policies/aiguard/aiguard_evaluation.rego",
                                                  method="DELETE"), timeout=10).close()
    result = server_check(opa_server.url)
    assert finding_keys(result.stdout) == finding_keys(in_process)
    assert "aiguard/policies/stale.rego" not in aiguard_policy_ids(opa_server.url)


def test_concurrent_checks_with_different_dates_and_parameters_do_not_mix(opa_server: OpaServer) -> None:
    """As-of dates and overrides travel with each request: clients sharing a server never race."""
    from aiguard import api

    cases = [("2026-11-25", {}), ("2028-02-29", {}), ("2026-11-25", {"partner_grant_max_days": 30}),
             ("2027-06-30", {"credential_rotation_max_days": 1, "access_review_interval_days": 10})]

    def keys(report):
        return [(f.policy_id, f.subject, f.principal, f.message, f.file, f.line, f.waived) for f in report.findings]

    expected = [keys(api.check([GAPS], as_of=day, params=params)) for day, params in cases]
    assert len({tuple(e) for e in expected}) == len(cases)  # the cases really differ

    def on_server(index: int):
        day, params = cases[index % len(cases)]
        return keys(api.check([GAPS], as_of=day, params=params, engine="opa-server",
                              engine_options={"url": opa_server.url}))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(on_server, range(3 * len(cases))))
    for index, result in enumerate(results):
        assert result == expected[index % len(cases)], f"case {cases[index % len(cases)]}"


def test_server_down_is_an_error() -> None:
    started = time.monotonic()
    result = server_check(f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 2
    assert "cannot connect" in result.stderr and "Connection refused" in result.stderr
    assert time.monotonic() - started < 30


@pytest.fixture
def silent_server():
    """A socket that accepts connections and never answers: a hung server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.parametrize("mode", ["push", "bundle"])
def test_slow_server_times_out(silent_server: str, mode: str) -> None:
    started = time.monotonic()
    result = server_check(silent_server, "--opa-mode", mode, "--opa-timeout", "1")
    elapsed = time.monotonic() - started
    assert result.returncode == 2
    assert "no answer within 1 s" in result.stderr
    assert elapsed < 30  # bounded: the timeout applies per attempt and the client retries reads at most twice


def test_answer_that_is_not_opa_json(tmp_path: Path) -> None:
    """A proxy in front of OPA answering 502 with HTML."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class BadGateway(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            body = b"<html><body>502 Bad Gateway</body></html>"
            self.send_response(502)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), BadGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        for mode in ("push", "bundle"):
            result = server_check(f"http://127.0.0.1:{server.server_address[1]}", "--opa-mode", mode)
            assert result.returncode == 2, result.stdout
            assert "502" in result.stderr or "not OPA's JSON" in result.stderr
            assert "Traceback" not in result.stderr
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def token_server(opa_binary: str, tmp_path_factory: pytest.TempPathFactory):
    """OPA with bearer-token authentication and a policy that admits only TOKEN."""
    authz = write_files(tmp_path_factory.mktemp("authz"), {"authz.rego": AUTHZ}) / "authz.rego"
    server = OpaServer(opa_binary, "--authentication=token", "--authorization=basic", str(authz))
    yield server
    server.stop()


@pytest.mark.parametrize("mode", ["push", "bundle"])
def test_401_without_or_with_a_wrong_token(token_server: OpaServer, mode: str) -> None:
    for env in ({}, {"AIGUARD_OPA_TOKEN": "wrong"}):
        result = server_check(token_server.url, "--opa-mode", mode, env=env)
        assert result.returncode == 2, result.stdout
        assert "unauthorized" in result.stderr and "--opa-token" in result.stderr


def test_token_from_the_environment_or_option(token_server: OpaServer, tmp_path: Path, inventory_dir) -> None:
    """Every request (read, upload, remove, query) carries the token. A small policy set keeps the push quick."""
    policy_dir = write_files(tmp_path / "custom", {"acme/server_policy.rego": NAMED_AFTER_ID_POLICY})
    inventory = str(inventory_dir({"a.yaml": STORE.replace("name: Store", "name: s1")}))
    args = ["--no-builtin-policies", "--policy-dir", str(policy_dir)]
    from_env = server_check(token_server.url, *args, inventory=inventory, env={"AIGUARD_OPA_TOKEN": TOKEN})
    assert from_env.returncode == 1, from_env.stderr
    assert [key[:2] for key in finding_keys(from_env.stdout)] == [("TST-SRV-002", "s1")]
    # Changed policies: the stale module is removed and the new one uploaded, with the token.
    (policy_dir / "acme" / "server_policy.rego").rename(policy_dir / "acme" / "renamed_policy.rego")
    from_option = server_check(token_server.url, *args, "--opa-token", TOKEN, inventory=inventory)
    assert finding_keys(from_option.stdout) == finding_keys(from_env.stdout)
    anonymous = server_check(token_server.url, *args, "--opa-mode", "bundle", inventory=inventory)
    assert anonymous.returncode == 2 and "unauthorized" in anonymous.stderr


def test_undefined_decision_in_bundle_mode(scratch_server: OpaServer) -> None:
    result = server_check(scratch_server.url, "--opa-mode", "bundle")
    assert result.returncode == 2
    assert "has no aiguard policies" in result.stderr and "aiguard bundle build" in result.stderr


def test_runtime_error_on_the_server_names_the_policy(scratch_server: OpaServer, tmp_path: Path,
                                                      inventory_dir) -> None:
    """A builtin error under strict-builtin-errors: HTTP 500 with OPA's message and the policy file."""
    policy_dir = write_files(tmp_path / "custom", {"acme/server_policy.rego": BAD_BUILTIN_POLICY})
    result = server_check(scratch_server.url, "--no-builtin-policies", "--policy-dir", str(policy_dir),
                          inventory=str(inventory_dir({"a.yaml": STORE})))
    assert result.returncode == 2, result.stdout
    assert f"{policy_dir / 'acme' / 'server_policy.rego'}:10" in result.stderr
    assert "eval_builtin_error" in result.stderr and "to_number" in result.stderr


def test_parse_error_at_upload_names_the_policy(scratch_server: OpaServer, tmp_path: Path, inventory_dir) -> None:
    broken = BAD_BUILTIN_POLICY.replace('to_number("ten") > 1', "x := ")
    policy_dir = write_files(tmp_path / "custom", {"acme/server_policy.rego": broken})
    result = server_check(scratch_server.url, "--no-builtin-policies", "--policy-dir", str(policy_dir),
                          inventory=str(inventory_dir({"a.yaml": STORE})))
    assert result.returncode == 2, result.stdout
    assert str(policy_dir / "acme" / "server_policy.rego") in result.stderr and "rego_parse_error" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--opa-mode", "bundle"], "only apply with --opa-url"),
    (["--engine", "opa", "--opa-url", "http://127.0.0.1:1"], "cannot be combined with --engine opa"),
    (["--engine", "opa-server"], "needs --opa-url"),
    (["--opa-url", "http://127.0.0.1:8181/v1"], "no path"),
    (["--opa-url", "ftp://127.0.0.1"], "expected http(s)://HOST[:PORT]"),
    (["--opa-url", "http://127.0.0.1:1", "--opa-timeout", "0"], "more than 0 seconds"),
])
def test_usage_errors(args: list[str], message: str) -> None:
    result = run_cli("check", GAPS, *args)
    assert result.returncode == 2
    assert message in result.stderr


# --- TLS ------------------------------------------------------------------------------------------

def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway CA, a server certificate for 127.0.0.1 and a client certificate."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make test certificates")
    root = tmp_path_factory.mktemp("tls")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=aiguard test CA", cwd=root)
    (root / "server.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    (root / "client.ext").write_text("extendedKeyUsage=clientAuth\n")
    for name in ("server", "client"):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
                "-subj", f"/CN=aiguard test {name}", cwd=root)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=root)
    return root


# The TLS servers load the aiguard bundle, so that the checks need no (slow) push.

def test_https_with_a_private_ca(opa_binary: str, certificates: Path, in_process: str, aiguard_bundle: Path) -> None:
    server = OpaServer(opa_binary, "--tls-cert-file", str(certificates / "server.pem"),
                       "--tls-private-key-file", str(certificates / "server.key"),
                       "--bundle", str(aiguard_bundle), scheme="https")
    try:
        # REQUESTS_CA_BUNDLE (set on many machines) must not override the CA given on the command line.
        untrusted = server_check(server.url, "--opa-mode", "bundle")
        assert untrusted.returncode == 2
        assert "TLS failure" in untrusted.stderr and "--opa-ca-cert" in untrusted.stderr
        trusted = server_check(server.url, "--opa-mode", "bundle", "--opa-ca-cert", str(certificates / "ca.pem"),
                               env={"REQUESTS_CA_BUNDLE": "/nonexistent/ca.pem"})
        assert trusted.returncode == 1, trusted.stderr
        assert finding_keys(trusted.stdout) == finding_keys(in_process)
    finally:
        server.stop()


def test_mutual_tls(opa_binary: str, certificates: Path, in_process: str, aiguard_bundle: Path) -> None:
    server = OpaServer(opa_binary, "--tls-cert-file", str(certificates / "server.pem"),
                       "--tls-private-key-file", str(certificates / "server.key"),
                       "--tls-ca-cert-file", str(certificates / "ca.pem"), "--authentication=tls",
                       "--bundle", str(aiguard_bundle), scheme="https")
    ca = ["--opa-mode", "bundle", "--opa-ca-cert", str(certificates / "ca.pem")]
    try:
        anonymous = server_check(server.url, *ca)
        assert anonymous.returncode == 2
        assert "OPA server" in anonymous.stderr and "Traceback" not in anonymous.stderr
        with_cert = server_check(server.url, *ca, "--opa-client-cert", str(certificates / "client.pem"),
                                 "--opa-client-key", str(certificates / "client.key"))
        assert with_cert.returncode == 1, with_cert.stderr
        assert finding_keys(with_cert.stdout) == finding_keys(in_process)
    finally:
        server.stop()
