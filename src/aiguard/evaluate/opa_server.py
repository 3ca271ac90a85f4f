"""The OPA server backend, through opa-python-client (``opa_client``), with its traps wrapped.

Two modes:

- ``push``: upload aiguard's modules (Policy API ids ``aiguard/<file>``) and the declared
  parameters (``data.aiguard.parameters``), unless the server already holds exactly this policy
  set, then query. Meant for an OPA that serves one aiguard policy set.
- ``bundle``: the server already has the policies (an ``aiguard bundle build`` bundle); only the
  request is sent. Meant for shared OPA fleets.

Either way one ``POST /v1/data/aiguard/evaluation/decision?strict-builtin-errors=true`` carries the
request (as-of date, overrides, selection, inventory) as input, so concurrent clients never race
on server state (see ``opa_entry``), and the reply states the digest of the policies that answered.

The client's traps (measured in shared/notes/rego-engines.md) and what this module does:
a 1.5 s default timeout (we pass ``--opa-timeout``, default 30 s); errors as bare
``requests`` exceptions or client exceptions with OPA's message elsewhere (all mapped to
``AiguardError`` naming the server and OPA's message, exit 2); a 401 on upload reported as a parse
error (we read the error code); ``rego_compat`` silently rewriting v0 policies (switched off);
a read timeout surfacing as a ``ConnectionError`` after its retries, and "connection refused"
being a subclass of urllib3's connect timeout (told apart); and its CA bundle (``ssl=``) being
overridden by ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` from the environment (an explicit
``--opa-ca-cert`` wins).
"""

from __future__ import annotations

import contextvars
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from aiguard.errors import AiguardError, UsageError
from aiguard.evaluate import opa_entry
from aiguard.evaluate.engine import Engine, TestResult
from aiguard.evaluate.policyset import Module

MODES = ("push", "bundle")
DEFAULT_TIMEOUT = 30.0
#: The largest answer read from a server (a decision for 100,000 assets is tens of MB).
MAX_RESPONSE_BYTES = 256 << 20
#: Policy API ids of everything aiguard pushes start with this.
ID_PREFIX = "aiguard/"
_DIGEST_PATH = "aiguard/evaluation/digest"
_DECISION_PACKAGE = opa_entry.ENTRY_PACKAGE
#: The cause inside a requests error text, e.g. "... [Errno 111] Connection refused'))".
_CAUSE = re.compile(r"\[(?:Errno -?\d+|SSL: \w+)\] ([^'\"]+?)(?: \(_ssl\.c:\d+\))?['\")]*$")
_BUNDLE_HINT = "build one with `aiguard bundle build` and start OPA with it, or use --opa-mode push"


class OpaServerError(AiguardError):
    """The OPA server cannot be reached, refuses the request, or gives no usable decision."""

    kind = "OPA server error"


class OpaServerEngine(Engine):
    name = "opa-server"

    def __init__(self, url: str, mode: str = "push", token: str | None = None, ca_cert: str | None = None,
                 client_cert: str | None = None, client_key: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT, max_response_bytes: int = MAX_RESPONSE_BYTES) -> None:
        parts = urlsplit(url)
        shown = redact(url)  # never echo credentials written into the URL
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"--opa-url {shown!r}: expected http(s)://HOST[:PORT]")
        if parts.path.strip("/") or parts.query or parts.fragment:
            raise UsageError(f"--opa-url {shown!r}: OPA's API must be at the root of the URL (no path)")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise UsageError(f"--opa-url {shown!r}: bad port") from None
        if parts.username is not None and token:
            raise UsageError(f"--opa-url {shown!r}: give either credentials in the URL or --opa-token, not both")
        self._auth = (unquote(parts.username), unquote(parts.password or "")) if parts.username is not None else None
        self.max_response_bytes = max_response_bytes
        if mode not in MODES:
            raise UsageError(f"--opa-mode {mode!r}: choose push or bundle")
        timeout = DEFAULT_TIMEOUT if timeout is None else timeout
        if not timeout > 0:
            raise UsageError(f"--opa-timeout {timeout}: must be more than 0 seconds")
        for option, path in (("--opa-ca-cert", ca_cert), ("--opa-client-cert", client_cert), ("--opa-client-key", client_key)):
            if path is not None:
                if parts.scheme != "https":
                    raise UsageError(f"{option} needs an https:// --opa-url")
                if not Path(path).is_file():
                    raise UsageError(f"{option} {path}: no such file")
        if client_key and not client_cert:
            raise UsageError("--opa-client-key needs --opa-client-cert")
        self.url = f"{parts.scheme}://{parts.hostname}:{port}"
        self.mode = mode
        self.timeout = timeout
        self._files: dict[str, Module] = {}  # OPA's file names -> modules, for error messages
        self._settings = {
            "host": parts.hostname, "port": port,
            # opa_client turns `ssl` into requests' `verify`: True, or the CA bundle to trust.
            "ssl": (ca_cert or True) if parts.scheme == "https" else False,
            "cert": (client_cert, client_key) if client_key else client_cert,
            "token": token or None, "timeout": timeout,
        }

    def evaluate(self, modules: list[Module], data: dict[str, Any], inventory: dict[str, Any],
                 rules: dict[str, str]) -> dict[str, Any]:
        from aiguard.evaluate.builtins import check_modules

        check_modules(modules)  # before anything is pushed: the server's capabilities are its operator's
        parameters = data.get("aiguard", {}).get("parameters", {})
        entry_rules = sorted(set(opa_entry.deny_rules(modules)) | set(rules.values()))
        digest = opa_entry.digest(modules, parameters, entry_rules)
        request = opa_entry.request(data, inventory, rules.values())
        named = opa_entry.module_names(modules)
        # OPA names a module by its Policy API id (push) or its path in the bundle.
        self._files = {f"{prefix}{name}": m for name, m in named.items() for prefix in (ID_PREFIX, "/", "")}
        entry = opa_entry.entry_module(entry_rules, digest)
        self._files[ID_PREFIX + entry.name] = entry
        where = f"OPA server {self.url}"
        with self._client() as client:
            if self.mode == "bundle":
                return opa_entry.read_decision(
                    self._decision(client, request), rules, digest, where,
                    "build the bundle from the same policies (`aiguard bundle build`, same --policy-dir) and "
                    "load it there, or check with the policies the bundle was built from")
            # Push: a client checking the same policy set at the same time may be mid-upload; a
            # second look settles it. A server that keeps answering for other policies is an error.
            for _attempt in range(3):
                self._push(client, {ID_PREFIX + n: m for n, m in named.items()}, parameters, entry, digest)
                decision = self._decision(client, request)
                if decision is not None and decision.get("digest") == digest:
                    return opa_entry.read_decision(decision, rules, digest, where)
        raise OpaServerError(f"{where}: other aiguard policies keep replacing ours there; push mode needs a server "
                             "that serves one policy set (shared servers should load an aiguard bundle)")

    def run_tests(self, modules: list[Module], data: dict[str, Any], tests: list[Module]) -> list[TestResult]:
        raise UsageError("the OPA server backend does not run policy tests; use --engine opa or regorus")

    # --- the server conversation ---------------------------------------------------------------

    @contextmanager
    def _client(self) -> Iterator[Any]:
        from opa_client.opa import OpaClient

        client = OpaClient(**self._settings)
        # One total deadline and a size cap per request, and no retries (each would restart the clock).
        adapter = _BoundedAdapter(self.timeout, self.max_response_bytes, self.url)
        client._session.mount("http://", adapter)
        client._session.mount("https://", adapter)
        if self._auth:
            client._session.auth = self._auth
        if self._settings["ssl"] not in (True, False):
            # requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override the client's CA bundle
            # (``session.verify``) on every request; an explicit --opa-ca-cert must win. Proxies
            # from the environment are kept.
            import requests

            client._session.trust_env = False
            client._session.proxies.update(requests.utils.get_environ_proxies(self.url))
        try:
            yield client
        finally:
            client.close_connection()

    def _decision(self, client: Any, request: dict[str, Any]) -> dict[str, Any] | None:
        """The decision document, or None in push mode when the server has no aiguard entry."""
        with self._calls("query"):
            # strict-builtin-errors: a builtin error fails the check, as with regorus.
            reply = client.query_rule(request, _DECISION_PACKAGE, "decision",
                                      query_params={"strict-builtin-errors": "true"})
        if "result" in reply:
            return reply["result"]
        if self.mode == "bundle":
            raise OpaServerError(f"{self.url} has no aiguard policies (data.{_DECISION_PACKAGE}.decision is "
                                 f"undefined); {_BUNDLE_HINT}")
        return None

    def _push(self, client: Any, wanted: dict[str, Module], parameters: dict[str, Any], entry: Module,
              digest: str) -> None:
        """Make the ``aiguard/`` modules on the server exactly ``wanted`` plus the entry module.

        Only what differs is changed, so clients pushing the same policy set at the same time
        never undo each other's work. The entry goes first (if it differs) and comes back last:
        while modules change, other clients get "undefined" (an error), never an answer from a mix.
        """
        from opa_client.errors import PolicyNotFoundError

        with self._calls("read the pushed policies' digest"):
            try:
                if client.get_data(_DIGEST_PATH).get("result") == digest:
                    return
            except PolicyNotFoundError as error:
                if error.expression != "PolicyNotFoundError":  # the client's code for "undefined"
                    raise
        entry_id = ID_PREFIX + entry.name
        with self._calls("list policies"):
            existing = [i for i in client.get_policies_list() if i.startswith(ID_PREFIX)]
            current = {i: client.get_policy(i).get("result", {}).get("raw") for i in existing}
        if entry_id in current:
            self._in_rounds([entry_id], "remove", client.delete_policy)
        self._in_rounds(sorted((i for i in existing if i not in wanted and i != entry_id), reverse=True),
                        "remove", client.delete_policy)
        with self._calls("store the parameters"):
            client.update_or_create_data(parameters, "aiguard/parameters")
        changed = [i for i in wanted if current.get(i) != wanted[i].text]
        libraries_first = sorted(changed, key=lambda i: (bool(opa_entry.deny_rules([wanted[i]])), i))
        if not self._in_rounds(libraries_first, "upload", lambda i: self._put(client, i, wanted[i]), give_up=False):
            # Old versions of our modules conflict with the new ones: start from a clean slate.
            self._in_rounds(sorted(wanted, reverse=True), "remove", client.delete_policy)
            self._in_rounds(sorted(wanted, key=lambda i: (bool(opa_entry.deny_rules([wanted[i]])), i)),
                            "upload", lambda i: self._put(client, i, wanted[i]))
        self._in_rounds([entry_id], "upload", lambda i: self._put(client, i, entry))

    def _put(self, client: Any, policy_id: str, module: Module) -> None:
        # rego_compat=False: never let the client rewrite a policy OPA rejected and retry it.
        client.update_policy_from_string(module.text, policy_id, rego_compat=False)

    def _in_rounds(self, policy_ids: list[str], action: str, call: Any, give_up: bool = True) -> bool:
        """Upload or remove modules. OPA recompiles everything on each change and refuses a change
        that leaves a reference to a function of a module not yet uploaded (or already removed),
        reported as an undefined function or, within one package, an unsafe variable: such a
        module waits for the next round. Without progress, show OPA's errors (or return False)."""
        from opa_client.errors import DeletePolicyError, RegoParseError

        pending = list(policy_ids)
        while pending:
            waiting, last_error = [], None
            for policy_id in pending:
                with self._calls(f"{action} {policy_id}"):
                    try:
                        call(policy_id)
                    except (RegoParseError, DeletePolicyError) as error:
                        if error.expression == "resource_not_found" and action == "remove":
                            continue  # another client removed it first
                        if error.expression != "invalid_parameter":
                            raise
                        errors = [e for e in getattr(error, "errors", None) or [] if isinstance(e, dict)]
                        if any(e.get("code") == "rego_parse_error" for e in errors):  # its own fault
                            raise opa_entry.policy_error(errors, self._files, "opa") from None
                        waiting.append(policy_id)
                        last_error = error
            if len(waiting) == len(pending):
                if not give_up:
                    return False
                if last_error is not None and getattr(last_error, "errors", None):
                    raise opa_entry.policy_error(last_error.errors, self._files, "opa")
                raise OpaServerError(f"OPA server {self.url}: cannot {action} {', '.join(waiting)}: "
                                     f"{last_error.message if last_error else 'no progress'}")
            pending = waiting
        return True

    @contextmanager
    def _calls(self, action: str) -> Iterator[None]:
        """Turn whatever requests or opa_client raise into one clear error naming the server."""
        import requests
        from opa_client import errors as client_errors

        where = f"OPA server {self.url}"
        try:
            yield
        except AiguardError:
            raise
        except requests.exceptions.SSLError as error:
            raise OpaServerError(f"{where}: TLS failure ({action}): {_reason(error)}; check --opa-ca-cert, "
                                 "--opa-client-cert and --opa-client-key") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            # A read timeout comes back as a ConnectionError once the client's retries are spent.
            if isinstance(error, requests.exceptions.Timeout) or _timed_out(error):
                raise OpaServerError(f"{where}: no answer within {self.timeout:g} s ({action}); the server is "
                                     "overloaded or hung (raise --opa-timeout if it is just slow)") from None
            raise OpaServerError(f"{where}: cannot connect ({action}): {_reason(error)}") from None
        except requests.exceptions.HTTPError as error:
            raise self._http_error(error.response, action) from None
        except ValueError as error:  # includes requests' JSONDecodeError: a body that is not JSON
            raise OpaServerError(f"{where}: answered {action} with something that is not OPA's JSON ({error})") from None
        except requests.exceptions.RequestException as error:
            raise OpaServerError(f"{where}: {action} failed: {error}") from None
        except (client_errors.RegoParseError, client_errors.PolicyNotFoundError, client_errors.DeletePolicyError,
                client_errors.ConnectionsError, client_errors.QueryExecuteError) as error:
            code, message = error.expression, error.message
            errors = getattr(error, "errors", None) or []
            details = "; ".join(str(e.get("message")) for e in errors if isinstance(e, dict) and e.get("message"))
            raise OpaServerError(f"{where}: {action}: {_describe(code, message)}" + (f": {details}" if details else "")) from None

    def _http_error(self, response: Any, action: str) -> AiguardError:
        """A 4xx/5xx with OPA's own error message, which the client's ``raise_for_status`` drops."""
        try:
            body = response.json()
        except ValueError:
            body = {"message": response.text.strip()[:500] or response.reason}
        where = f"OPA server {self.url}: HTTP {response.status_code}"
        errors = [e for e in body.get("errors") or [] if isinstance(e, dict)] if isinstance(body, dict) else []
        if errors and any(e.get("code", "").startswith(("eval_", "rego_")) for e in errors):
            # A runtime error in a policy (e.g. a builtin error under strict-builtin-errors).
            return opa_entry.policy_error(errors, self._files, f"OPA server {self.url}")
        message = body.get("message") if isinstance(body, dict) else str(body)
        return OpaServerError(f"{where} ({action}): {_describe(body.get('code') if isinstance(body, dict) else None, message)}")


def redact(url: str) -> str:
    """``url`` with any ``user:password@`` replaced, for messages."""
    return re.sub(r"(?<=//)[^/@]*@", "***@", url)


_WATCH: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar("aiguard_opa_watch", default=None)


class _Watch:
    """Shuts down the sockets of one request once its deadline passes: a per-read socket timeout
    cannot stop a server that trickles its headers or body one byte at a time."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.connections: list[Any] = []
        self.fired = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="aiguard-opa-deadline", daemon=True)

    def __enter__(self) -> _Watch:  # noqa: PYI034
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()

    def _run(self) -> None:
        if self._stop.wait(self.seconds):
            return
        self.fired = True
        while True:  # again until the request gives up: a socket may appear after the first pass
            for connection in list(self.connections):
                sock = getattr(connection, "sock", None)
                if sock is not None:
                    try:
                        import socket

                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
            if self._stop.wait(0.05):
                return


def _bounded_adapter_class() -> type:
    """The adapter class, built on first use (requests is imported only for the server backend)."""
    from requests.adapters import HTTPAdapter
    from urllib3 import HTTPConnectionPool, HTTPSConnectionPool

    class WatchedPool:
        def _get_conn(self, timeout: float | None = None) -> Any:
            connection = super()._get_conn(timeout)  # type: ignore[misc]
            watch = _WATCH.get()
            if watch is not None:
                watch.connections.append(connection)
            return connection

    class WatchedHTTPPool(WatchedPool, HTTPConnectionPool):
        pass

    class WatchedHTTPSPool(WatchedPool, HTTPSConnectionPool):
        pass

    class BoundedAdapter(HTTPAdapter):
        def __init__(self, timeout: float, max_bytes: int, where: str) -> None:
            super().__init__(max_retries=0)
            self.total, self.max_bytes, self.where = timeout, max_bytes, where

        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": WatchedHTTPPool, "https": WatchedHTTPSPool}

        def send(self, request: Any, stream: bool = False, timeout: Any = None,  # type: ignore[override]
                 **kwargs: Any) -> Any:
            import requests

            with _Watch(self.total) as watch:
                token = _WATCH.set(watch)
                try:
                    response = super().send(request, stream=True, timeout=self.total, **kwargs)
                    body = bytearray()
                    for chunk in response.raw.stream(1 << 16, decode_content=True):
                        body += chunk
                        if len(body) > self.max_bytes:
                            response.close()
                            raise OpaServerError(f"OPA server {self.where}: the answer is larger than "
                                                 f"{self.max_bytes >> 20} MiB; refused")
                    if watch.fired:  # shut down mid-answer: headers or body may be cut short
                        raise requests.exceptions.ReadTimeout(f"no complete answer within {self.total:g} s",
                                                              request=request)
                    response._content = bytes(body)
                    response._content_consumed = True
                    return response
                except (AiguardError, requests.exceptions.Timeout):
                    raise
                except Exception as error:
                    if watch.fired:
                        raise requests.exceptions.ReadTimeout(f"no complete answer within {self.total:g} s",
                                                              request=request) from None
                    if isinstance(error, requests.exceptions.RequestException):
                        raise
                    raise requests.exceptions.ConnectionError(error, request=request) from None
                finally:
                    _WATCH.reset(token)

    return BoundedAdapter


def _BoundedAdapter(timeout: float, max_bytes: int, where: str) -> Any:
    global _ADAPTER_CLASS
    if _ADAPTER_CLASS is None:
        _ADAPTER_CLASS = _bounded_adapter_class()
    return _ADAPTER_CLASS(timeout, max_bytes, where)


_ADAPTER_CLASS: type | None = None


def _describe(code: str | None, message: str | None) -> str:
    text = f"{code}: {message}" if code and message else str(message or code or "unknown error")
    if code == "unauthorized":
        text += " (check --opa-token / AIGUARD_OPA_TOKEN)"
    return text


def _timed_out(error: Exception) -> bool:
    from urllib3.exceptions import NewConnectionError
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    cause = error.args[0] if error.args else None
    reason = getattr(cause, "reason", cause)
    # urllib3 makes "connection refused" (NewConnectionError) a subclass of its connect timeout.
    return isinstance(reason, Urllib3Timeout) and not isinstance(reason, NewConnectionError)


def _reason(error: Exception) -> str:
    """The innermost cause of a requests error, e.g. 'Connection refused'."""
    text = str(error)
    match = _CAUSE.search(text)
    return match.group(1).strip() if match else text
