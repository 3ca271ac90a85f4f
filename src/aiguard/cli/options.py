"""Options, arguments and helpers shared by several commands (imported by command modules)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from aiguard.severity import SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])

SEVERITY_CHOICE = click.Choice(list(SEVERITIES), case_sensitive=False)

#: Request fields (``aiguard.request.CheckRequest``, engine options, bundle arguments) -> the flag
#: that sets each, for error messages: the library names fields, the user typed flags.
FLAGS = {
    "as_of": "--as-of", "only/skip": "--only/--skip", "param_texts": "--param", "data_files": "--data",
    "engine": "--engine", "format": "--format", "engine_options.binary": "--opa-binary", "engine_options.url": "--opa-url",
    "engine_options.mode": "--opa-mode", "engine_options.timeout": "--opa-timeout",
    "engine_options.ca_cert": "--opa-ca-cert", "engine_options.client_cert": "--opa-client-cert",
    "engine_options.client_key": "--opa-client-key", "engine_options.token": "--opa-token / AIGUARD_OPA_TOKEN",
    "out": "-o", "signing_key": "--signing-key", "policy_dirs": "--policy-dir", "evidence": "--evidence",
    "date": "--date", "since": "--since", "fmt": "--from", "into": "--into", "leaked": "--leaked",
    "discovered": "--discovered", "targets.stores": "--store-root", "targets.repositories": "--repo",
    "targets.bundles": "--bundle", "starts": "--from",
}


def flags_in(text: str) -> str:
    """``text`` with each request field that a library message quotes in backticks shown as the
    flag that sets it: `as_of` as `--as-of`, `engine=opa` as `--engine opa`."""
    if "`" not in text:
        return text
    import re

    def flag(match: re.Match[str]) -> str:
        field, value = match.group(1), match.group(2)
        if field not in FLAGS:
            return match.group(0)
        return f"`{FLAGS[field]}{' ' + value if value else ''}`"

    return re.sub(r"`([a-z_.]+)(?:=([^`]+))?`", flag, text)


class _PathsArgument(click.Argument):
    """PATHS, which may come from the config file: say so when neither gives any."""

    def process_value(self, ctx: click.Context, value: Any) -> Any:
        from aiguard.cli.config import missing_paths_message, raise_config_error

        raise_config_error(ctx)  # every command that reads the config file has PATHS
        if self.value_is_missing(value):
            message = missing_paths_message(ctx)
            if message is None:
                return ()
            raise click.UsageError(message, ctx)
        return super().process_value(ctx, value)


def paths_argument(func: F) -> F:
    return click.argument("paths", cls=_PathsArgument, nargs=-1, required=True, type=click.Path(path_type=str))(func)


def max_file_size_option(func: F) -> F:
    from aiguard.load.documents import MAX_FILE_BYTES

    return click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_BYTES, show_default=True,
                        metavar="BYTES", help="Refuse inventory files larger than this.")(func)


def evidence_option(func: F) -> F:
    return click.option("--evidence", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Judge this evidence file (`aiguard verify -o FILE`) with the evidence policies.")(func)


def selection_options(func: F) -> F:
    """What a run evaluates, shared by `check` and `report`: date, parameters, policies."""
    options = [
        click.option("--as-of", metavar="YYYY-MM-DD",
                     help="Evaluation date (default: today). Fix it for reproducible audits."),
        click.option("--param", "param_texts", multiple=True, metavar="NAME=VALUE",
                     help="Override a policy parameter (repeatable); lists are comma-separated."),
        click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
                     help="YAML/JSON file of parameter overrides (repeatable)."),
        policy_options,
        click.option("--only", multiple=True, metavar="ID|AREA",
                     help="Evaluate only these policies (id, id pattern or area)."),
        click.option("--skip", multiple=True, metavar="ID|AREA", help="Skip these policies (id, id pattern or area)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def policy_options(func: F) -> F:
    options = [
        click.option("--policy-dir", "policy_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Also load policies from this directory (repeatable)."),
        click.option("--no-builtin-policies", is_flag=True, help="Load only the --policy-dir policies."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def write_output(output: str, text: str, option: str = "--output") -> None:
    """Write a report file, atomically and never through a symbolic link; failing to is a usage
    error (exit 2), never a silent pass."""
    from aiguard.output.write import write_atomically

    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        from aiguard.errors import UsageError

        raise UsageError(f"{option} {output}: {error.strerror}") from None
