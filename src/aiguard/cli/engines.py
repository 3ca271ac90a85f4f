"""The ``--engine`` and OPA options shared by commands that evaluate Rego.

``engine_flags()`` adds the options and hands the command two arguments instead of ten:
``engine`` (a backend name from ``aiguard.evaluate.engine.BACKENDS``) and ``engine_options``
(the keyword arguments of that backend's constructor).
"""

from __future__ import annotations

import functools
from typing import Any

import click

_SERVER_ONLY = ("opa_mode", "opa_ca_cert", "opa_client_cert", "opa_client_key", "opa_timeout")
_LIMITS = ("policy_timeout", "policy_memory")


def _memory(value: Any) -> int | None:
    from aiguard.evaluate.limits import parse_bytes

    if value is None or isinstance(value, int):
        return value
    try:
        return parse_bytes(str(value))
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def engine_flags(server: bool = True) -> Any:
    """Decorator: ``--engine`` and ``--opa-binary``; with ``server``, the ``--opa-url`` family too."""
    from aiguard.evaluate.engine import BACKENDS

    names = [name for name in BACKENDS if server or name != "opa-server"]
    file_option = click.Path(exists=True, dir_okay=False)
    options = [
        click.option("--engine", type=click.Choice(names), default=None,
                     help="Rego engine: regorus (in process, the default), opa (a local `opa eval`)"
                          + (", opa-server (implied by --opa-url)." if server else ".")),
        click.option("--opa-binary", metavar="PATH", help="The opa binary (default: $AIGUARD_OPA, PATH, then "
                     "scripts/install-opa's cache)."),
        click.option("--policy-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
                     help="Stop evaluating custom policies after this long, exit 2 (default 120)."),
        click.option("--policy-memory", type=str, default=None, callback=lambda _c, _p, v: _memory(v), metavar="SIZE",
                     help="Address space for evaluating custom policies, e.g. 2G (default 4G, at least 1G)."),
    ]
    if server:
        options += [
            click.option("--opa-url", metavar="URL", help="Evaluate on the OPA server at this http(s) URL."),
            click.option("--opa-mode", type=click.Choice(["push", "bundle"]), default=None,
                         help="push: upload aiguard's policies and parameters first (default); bundle: "
                              "use the policies the server loaded from `aiguard bundle build`."),
            click.option("--opa-token", metavar="TOKEN", envvar="AIGUARD_OPA_TOKEN", show_envvar=True,
                         help="Bearer token for the OPA server (prefer the environment variable)."),
            click.option("--opa-ca-cert", type=file_option, help="CA bundle to verify an https OPA server."),
            click.option("--opa-client-cert", type=file_option, help="Client certificate for mutual TLS."),
            click.option("--opa-client-key", type=file_option, help="Key of --opa-client-cert (if not in it)."),
            click.option("--opa-timeout", type=float, default=None, metavar="SECONDS",
                         help="Give up on an OPA server request after this long (default 30)."),
        ]

    def decorate(func: Any) -> Any:
        @functools.wraps(func)
        def command(*args: Any, **kwargs: Any) -> Any:
            opa = {key: kwargs.pop(key, None) for key in
                   ("opa_binary", "opa_url", "opa_token", *_SERVER_ONLY, *_LIMITS)}
            name, settings = choose_engine(kwargs.pop("engine"), **opa)
            return func(*args, engine=name, engine_options=settings, **kwargs)

        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def choose_engine(engine: str | None, opa_binary: str | None = None, opa_url: str | None = None,
                  opa_token: str | None = None, opa_mode: str | None = None, opa_ca_cert: str | None = None,
                  opa_client_cert: str | None = None, opa_client_key: str | None = None,
                  opa_timeout: float | None = None, policy_timeout: float | None = None,
                  policy_memory: int | None = None) -> tuple[str, dict[str, Any]]:
    """The backend name and its constructor arguments; contradictory options are a usage error.

    The policy limits apply to the engines aiguard runs (regorus, opa); an OPA server's own
    limits are its operator's."""
    from aiguard.errors import UsageError

    if opa_url:
        if engine not in (None, "opa-server"):
            raise UsageError(f"--opa-url evaluates on an OPA server: it cannot be combined with --engine {engine}")
        if opa_binary:
            raise UsageError("--opa-binary is for --engine opa, not for an OPA server (--opa-url)")
        return "opa-server", {"url": opa_url, "mode": opa_mode or "push", "token": opa_token,
                              "ca_cert": opa_ca_cert, "client_cert": opa_client_cert,
                              "client_key": opa_client_key, "timeout": opa_timeout}
    if engine == "opa-server":
        raise UsageError("--engine opa-server needs --opa-url")
    given = {"--" + key.replace("_", "-"): value for key, value in
             zip(_SERVER_ONLY, (opa_mode, opa_ca_cert, opa_client_cert, opa_client_key, opa_timeout))}
    stray = [option for option, value in given.items() if value is not None]
    if stray:
        raise UsageError(f"{', '.join(stray)} only apply with --opa-url")
    if opa_binary and engine != "opa":
        raise UsageError("--opa-binary only applies with --engine opa")
    options: dict[str, Any] = {"binary": opa_binary} if opa_binary else {}
    if policy_timeout is not None or policy_memory is not None:
        from aiguard.evaluate.limits import DEFAULT_MEMORY, DEFAULT_TIMEOUT, Limits

        options["limits"] = Limits(policy_timeout or DEFAULT_TIMEOUT, policy_memory or DEFAULT_MEMORY)
    return engine or "regorus", options
