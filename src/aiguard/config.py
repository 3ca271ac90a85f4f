"""Settings from a config file and ``AIGUARD_*`` environment variables.

Precedence, per setting: command-line flag > environment variable > config file > default.
Parameters (``params``) merge per name in the same order, so a file can set ten parameters and a
flag override one of them.

The config file is ``aiguard.toml`` (top-level keys) or the ``[tool.aiguard]`` table of a
``pyproject.toml``, found from the working directory upwards; the first directory holding either
wins, and in one directory ``aiguard.toml`` wins over ``pyproject.toml`` (a ``pyproject.toml``
without ``[tool.aiguard]`` is not a config file). ``AIGUARD_CONFIG=FILE`` names the file instead.
Relative paths in the file are relative to the file's directory. An unknown key or a value of the
wrong type is an error naming the file, the key and its line: a typo must not be ignored silently.

This module knows nothing of click; ``aiguard.cli.config`` feeds it into the commands.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiguard.errors import Problem, UsageError

CONFIG_FILE = "aiguard.toml"
PYPROJECT = "pyproject.toml"
CONFIG_ENV = "AIGUARD_CONFIG"
PARAMS_ENV = "AIGUARD_PARAMS"
SEVERITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Key:
    """One setting: its name in the file, the option it sets, its type and its variable."""

    name: str
    param: str  # the click parameter name (``aiguard check``'s)
    kind: str  # paths | path | mappings | strings | string | severity | format | engine | date | bool | count | seconds | choice:A,B
    help: str

    @property
    def env(self) -> str:
        return "AIGUARD_" + self.name.upper()


KEYS = (
    Key("paths", "paths", "paths", "inventory files or directories to check when none are given"),
    Key("as_of", "as_of", "date", "evaluation date, YYYY-MM-DD"),
    Key("data", "data_files", "paths", "YAML/JSON files of parameter overrides"),
    Key("policy_dirs", "policy_dirs", "paths", "extra policy directories"),
    Key("only", "only", "strings", "evaluate only these policies (ids, id patterns, areas)"),
    Key("skip", "skip", "strings", "skip these policies"),
    Key("format", "fmt", "format", "output format"),
    Key("output", "output", "path", "write the output format to this file (the text report still goes to stdout)"),
    Key("fail_on", "fail_on", "severity", "lowest severity that fails the check"),
    Key("engine", "engine", "engine", "Rego engine"),
    Key("baseline", "baseline", "path", "baseline file: only findings absent from it fail"),
    Key("no_exceptions", "no_exceptions", "bool", "ignore every exception (audits)"),
    Key("max_file_size", "max_file_size", "count", "refuse inventory files larger than this many bytes"),
    # Evidence (``aiguard verify``, ``check --evidence``): ID=DIR items; a relative DIR is relative
    # to the config file, a URL (s3://...) is kept as it is.
    Key("store_roots", "store_roots", "mappings", "aiguard verify: STORE_ID=DIR|URL where a store's files are"),
    Key("repos", "repos", "mappings", "aiguard verify: REPO_ID=DIR of repository checkouts to scan for secrets"),
    Key("bundles", "bundles", "mappings", "aiguard verify: REPO_ID=DIR of built client bundles to scan for secrets"),
    Key("signing_key", "signing_key", "path", "aiguard verify: public key (PEM) that model signatures are verified against"),
    Key("evidence", "evidence", "path", "evidence file (`aiguard verify -o`) that check and report judge"),
    # OPA (``--engine opa`` / ``opa-server``). The token is deliberately not a file setting: keep
    # secrets out of files; ``--opa-token`` reads AIGUARD_OPA_TOKEN itself.
    Key("opa_binary", "opa_binary", "path", "the opa binary for --engine opa"),
    Key("opa_url", "opa_url", "string", "evaluate on the OPA server at this URL"),
    Key("opa_mode", "opa_mode", "choice:push,bundle", "push policies to the server, or use its bundle"),
    Key("opa_ca_cert", "opa_ca_cert", "path", "CA bundle for an https OPA server"),
    Key("opa_client_cert", "opa_client_cert", "path", "client certificate for mutual TLS"),
    Key("opa_client_key", "opa_client_key", "path", "key of the client certificate"),
    Key("opa_timeout", "opa_timeout", "seconds", "OPA server request timeout"),
)
KEYS_BY_NAME = {key.name: key for key in KEYS}
#: ``params`` is a table of policy parameters, not an option: it merges per name.
PARAMS_KEY = "params"
#: Every variable aiguard reads, for the docs and ``config show``.
ENVIRONMENT = (CONFIG_ENV, PARAMS_ENV, *(key.env for key in KEYS))


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # "file:PATH", "env:NAME"


@dataclass
class Config:
    """What the config file and the environment say; flags are applied on top by the CLI."""

    file: Path | None = None
    settings: dict[str, Setting] = field(default_factory=dict)  # by key name
    params: dict[str, Any] = field(default_factory=dict)  # typed, from the file
    params_origin: dict[str, str] = field(default_factory=dict)  # name -> "FILE:LINE: params.NAME"
    env_params: list[str] = field(default_factory=list)  # NAME=VALUE texts from AIGUARD_PARAMS

    @property
    def source_label(self) -> str:
        return f"file:{self.file}"


def load(cwd: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """The config file found from ``cwd`` upwards (or named by ``AIGUARD_CONFIG``), then the
    environment on top of it. Raises ``UsageError`` naming the file, key and line on bad input."""
    environ = os.environ if environ is None else environ
    start = Path(cwd) if cwd is not None else Path.cwd()
    config = Config()
    explicit = environ.get(CONFIG_ENV, "").strip()
    found = _explicit(Path(explicit)) if explicit else find(start)
    if found:
        config.file, table, text = found
        _apply_file(config, table, text, start)
    _apply_environment(config, environ)
    return config


def find(start: Path) -> tuple[Path, dict[str, Any], str] | None:
    """The first ``aiguard.toml`` or ``pyproject.toml`` with ``[tool.aiguard]`` from ``start`` up."""
    start = Path(os.path.abspath(start))
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            data, text = _read(candidate)
            return candidate, data, text
        candidate = directory / PYPROJECT
        if candidate.is_file():
            data, text = _read(candidate)
            table = _tool_table(candidate, data, text)
            if table is not None:
                return candidate, table, text
    return None


def _explicit(path: Path) -> tuple[Path, dict[str, Any], str]:
    if not path.is_file():
        raise UsageError([Problem(str(path), None, CONFIG_ENV, "config file not found")])
    path = Path(os.path.abspath(path))
    data, text = _read(path)
    if path.name == PYPROJECT:
        table = _tool_table(path, data, text)
        if table is None:
            raise UsageError([Problem(str(path), None, CONFIG_ENV, "has no [tool.aiguard] table")])
        return path, table, text
    return path, data, text


def _read(path: Path) -> tuple[dict[str, Any], str]:
    import tomllib

    from aiguard.load.safe import MAX_POLICY_BYTES, read_text

    text = read_text(path, MAX_POLICY_BYTES, UsageError, "config file")
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error)) if match else str(error)
        raise UsageError([Problem(str(path), line, None, f"invalid TOML: {message}")]) from None
    except RecursionError:
        raise UsageError([Problem(str(path), None, None, "invalid TOML: nested too deeply")]) from None


def _tool_table(path: Path, data: dict[str, Any], text: str) -> dict[str, Any] | None:
    table = data.get("tool", {}).get("aiguard") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise UsageError([Problem(str(path), key_line(text, ("tool", "aiguard")), "tool.aiguard", "must be a table")])
    return table


def _apply_file(config: Config, table: dict[str, Any], text: str, cwd: Path) -> None:
    assert config.file is not None
    prefix = ("tool", "aiguard") if config.file.name == PYPROJECT else ()
    base = config.file.parent
    problems = []

    def problem(key: tuple[str, ...], message: str) -> Problem:
        return Problem(str(config.file), key_line(text, prefix + key), ".".join(prefix + key), message)

    for name, value in table.items():
        if name == PARAMS_KEY:
            if not isinstance(value, dict):
                problems.append(problem((name,), f"must be a table of parameter values, got {_toml_type(value)}"))
                continue
            for param, param_value in value.items():
                config.params[param] = param_value
                line = key_line(text, (*prefix, name, param))
                config.params_origin[param] = f"{config.file}{f':{line}' if line else ''}: {'.'.join((*prefix, name, param))}"
            continue
        key = KEYS_BY_NAME.get(name)
        if key is None:
            known = ", ".join(sorted([*KEYS_BY_NAME, PARAMS_KEY]))
            hint = _did_you_mean(name)
            problems.append(problem((name,), f"unknown key{hint}; known keys: {known}"))
            continue
        try:
            config.settings[name] = Setting(_from_file(key, value, base, cwd), config.source_label)
        except ValueError as error:
            problems.append(problem((name,), str(error)))
    if problems:
        raise UsageError(problems)


def _apply_environment(config: Config, environ: Mapping[str, str]) -> None:
    problems = []
    for key in KEYS:
        text = environ.get(key.env, "").strip()
        if not text:
            continue  # empty means unset, as for most tools' variables
        try:
            config.settings[key.name] = Setting(_from_env(key, text), f"env:{key.env}")
        except ValueError as error:
            message = str(error) if repr(text) in str(error) else f"{error}, got {text!r}"
            problems.append(Problem(key.env, None, None, message))
    params = environ.get(PARAMS_ENV, "")
    for item in re.split(r"[;\n]", params):
        if item.strip():
            if "=" not in item:
                problems.append(Problem(PARAMS_ENV, None, None, f"{item.strip()!r}: expected NAME=VALUE (separate several with ';')"))
            config.env_params.append(item.strip())
    if problems:
        raise UsageError(problems)


# -- values ---------------------------------------------------------------------------------------


def _from_file(key: Key, value: Any, base: Path, cwd: Path) -> Any:
    """Check a file value's type; resolve relative paths against the file's directory."""

    def path(item: Any) -> str:
        if not isinstance(item, str) or not item:
            raise ValueError(f"expected a path string, got {_toml_type(item)} {item!r}")
        expanded = os.path.expanduser(item)
        return expanded if os.path.isabs(expanded) else _relative_to_cwd(base / expanded, cwd)

    if key.kind == "paths":
        return [path(item) for item in _list(value)]
    if key.kind == "mappings":
        return [_mapping(item, path) for item in _list(value)]
    if key.kind == "path":
        return path(value)
    if key.kind == "strings":
        items = _list(value)
        if not all(isinstance(item, str) and item for item in items):
            raise ValueError(f"expected a list of strings, got {value!r}")
        return items
    if key.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {_toml_type(value)} {value!r}")
        return value
    if key.kind == "count":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"expected a positive integer, got {_toml_type(value)} {value!r}")
        return value
    if key.kind == "seconds":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"expected a positive number of seconds, got {_toml_type(value)} {value!r}")
        return float(value)
    if key.kind == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()  # TOML's own date type: as_of = 2026-11-25
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_toml_type(value)} {value!r}")
    return _check_string(key, value)


def _check_string(key: Key, value: str) -> str:
    kind, _, choices = key.kind.partition(":")
    if kind == "choice":
        if value not in choices.split(","):
            raise ValueError(f"expected one of {choices.replace(',', ', ')}, got {value!r}")
        return value
    return _CHECKS[kind](value)


def _from_env(key: Key, text: str) -> Any:
    """Parse a variable: path lists split on os.pathsep (like PATH), other lists on commas."""
    if key.kind == "paths":
        return [item for item in text.split(os.pathsep) if item]
    if key.kind in ("strings", "mappings"):
        return [item.strip() for item in text.split(",") if item.strip()]
    if key.kind == "bool":
        lowered = text.lower()
        if lowered not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ValueError("expected 1/true/yes/on or 0/false/no/off")
        return lowered in ("1", "true", "yes", "on")
    if key.kind == "count":
        if not text.isdigit() or int(text) < 1:
            raise ValueError("expected a positive integer")
        return int(text)
    if key.kind == "seconds":
        try:
            seconds = float(text)
        except ValueError:
            seconds = 0
        if not seconds > 0:
            raise ValueError("expected a positive number of seconds")
        return seconds
    return _check_string(key, text)


def _mapping(item: Any, path: Callable[[Any], str]) -> str:
    """An ``ID=DIR`` item with DIR resolved like any path of the file (a URL is left alone)."""
    if not isinstance(item, str) or "=" not in item:
        raise ValueError(f"expected ID=DIR strings, got {item!r}")
    key, _, location = item.partition("=")
    return f"{key}={location if '://' in location else path(location)}"


def _severity(value: str) -> str:
    if value.lower() not in SEVERITIES:
        raise ValueError(f"expected one of {', '.join(SEVERITIES)}, got {value!r}")
    return value.lower()


def _format(value: str) -> str:
    from aiguard.output import FORMATS

    if value not in FORMATS:
        raise ValueError(f"expected one of {', '.join(FORMATS)}, got {value!r}")
    return value


def _engine(value: str) -> str:
    from aiguard.evaluate.engine import BACKENDS

    if value not in BACKENDS:
        raise ValueError(f"expected one of {', '.join(BACKENDS)}, got {value!r}")
    return value


def _date(value: str) -> str:
    try:
        if len(value) != 10:
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected a date such as 2026-11-25, got {value!r}") from None
    return value


def _string(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


_CHECKS: dict[str, Callable[[str], str]] = {
    "severity": _severity, "format": _format, "engine": _engine, "date": _date, "string": _string, "path": _string,
}


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list (e.g. [\"a\", \"b\"]), got {_toml_type(value)} {value!r}")
    return value


def _relative_to_cwd(path: Path, cwd: Path) -> str:
    """As the working directory sees it, so that reports show the paths a user would type."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(cwd))


def _toml_type(value: Any) -> str:
    for kind, name in ((bool, "boolean"), (int, "integer"), (float, "float"), (str, "string"),
                       (list, "array"), (dict, "table"), (dt.date, "date")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _did_you_mean(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name.replace("-", "_"), [*KEYS_BY_NAME, PARAMS_KEY], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_HEADER = re.compile(r"^\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_ASSIGNMENT = re.compile(r"""^((?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=""")


def key_line(text: str, key: tuple[str, ...]) -> int | None:
    """The line where a dotted key is set or its table opens (tomllib keeps no positions)."""
    table: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            if table == key:
                return number
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            full = table + _dotted(assignment.group(1))
            if full[: len(key)] == key:
                return number
    return None


def _dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_\-]+)', text)
    return tuple(next(p for p in part if p) if any(part) else "" for part in parts)
