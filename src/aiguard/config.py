"""Settings from config files and ``AIGUARD_*`` environment variables.

Precedence, per setting: command-line flag > environment variable > project config file > user
config file > default. Parameters (``params``) merge per name in the same order, so a file can set
ten parameters and a flag override one of them.

Two config files, with different trust (SECURITY.md):

- the **user config**, ``$XDG_CONFIG_HOME/aiguard/config.toml`` (``~/.config/aiguard/config.toml``),
  outside any repository: every setting, including those that run a program, contact a server or
  weaken a limit (``opa_binary``, ``opa_url``, TLS files, ``policy_timeout``...);
- the **project config**, ``aiguard.toml`` (top-level keys) or the ``[tool.aiguard]`` table of a
  ``pyproject.toml``, found from the working directory upwards (or named by ``AIGUARD_CONFIG``). It
  is part of the tree under review, so it may only choose what to check and how to report it: a
  setting of the first kind there is an error (exit 2, file:line), and its paths must stay inside
  the repository. The search stops at the repository root (the directory holding ``.git``) and
  skips files owned by another user, as git does (``safe.directory``), saying so on stderr. The
  first directory holding either file wins; in one directory ``aiguard.toml`` wins over
  ``pyproject.toml`` (a ``pyproject.toml`` without ``[tool.aiguard]`` is not a config file).

Relative paths in a file are relative to the file's directory. An unknown key or a value of the
wrong type is an error naming the file, the key and its line: a typo must not be ignored silently.

This module knows nothing of click; ``aiguard.cli.config`` feeds it into the commands.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from aiguard.dates import parse_evaluation_date
from aiguard.errors import Problem, UsageError
from aiguard.severity import SEVERITIES

CONFIG_FILE = "aiguard.toml"
PYPROJECT = "pyproject.toml"
CONFIG_ENV = "AIGUARD_CONFIG"
PARAMS_ENV = "AIGUARD_PARAMS"
#: Keys no file may hold, and why.
NEVER_IN_A_FILE = {
    "opa_token": "credentials come only from --opa-token or AIGUARD_OPA_TOKEN, never from a file",
}


@dataclass(frozen=True)
class Place:
    """Where a file value is read: relative paths resolve against ``base``, are shown relative to
    ``cwd`` and, for a project config in a repository, must stay under ``root``; ``user``: the
    user config (trusted), not a project's."""

    base: Path
    cwd: Path
    root: Path | None = None
    user: bool = True


class Kind(Protocol):
    """A setting's type: how a file value (TOML-typed) and a variable (text) become its value."""

    def from_file(self, value: Any, place: Place) -> Any: ...

    def from_env(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Key:
    """One setting: its name in the file, the option it sets and its type.

    ``user_only``: why it may not come from a repository (it runs a program, contacts a server,
    carries credentials, decides what to trust or raises a limit), so
    it comes from flags, the environment or the user config, never from the project's file.
    ``verdict``: it can change what the check decides (reported with every run)."""

    name: str
    param: str  # the click parameter name (``aiguard check``'s)
    kind: Kind
    user_only: str = ""
    verdict: bool = True

    @property
    def env(self) -> str:
        return "AIGUARD_" + self.name.upper()


# -- kinds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Paths (a list, or one path with ``single``); variables split lists on os.pathsep, like PATH."""

    single: bool = False

    def from_file(self, value: Any, place: Place) -> Any:
        if self.single:
            return _path(value, place)
        return [_path(item, place) for item in _list(value)]

    def from_env(self, text: str) -> Any:
        return text if self.single else [item for item in text.split(os.pathsep) if item]


@dataclass(frozen=True)
class Mappings:
    """``ID=DIR`` items; DIR is a path of the file. ``urls``: DIR may also be a URL (``s3://...``),
    which contacts a server, so only the user config (or a flag or variable) may give one."""

    urls: bool = False

    def from_file(self, value: Any, place: Place) -> list[str]:
        items = []
        for item in _list(value):
            if not isinstance(item, str) or "=" not in item:
                raise ValueError(f"expected ID=DIR strings, got {item!r}")
            key, _, location = item.partition("=")
            if "://" in location:
                if not self.urls:
                    raise ValueError(f"{item!r}: expected a directory, not a URL")
                if not place.user:
                    raise ValueError(f"{item!r}: a URL contacts a server, so it comes only from a flag, a variable or "
                                     "the user config (~/.config/aiguard/config.toml), never from a repository's "
                                     "config file; see SECURITY.md")
                items.append(item)
            else:
                items.append(f"{key}={_path(location, place)}")
        return items

    def from_env(self, text: str) -> list[str]:
        return [item.strip() for item in text.split(",") if item.strip()]


class Strings:
    """A list of non-empty strings; variables are comma-separated."""

    def from_file(self, value: Any, place: Place) -> list[str]:
        items = _list(value)
        if not all(isinstance(item, str) and item for item in items):
            raise ValueError(f"expected a list of strings, got {value!r}")
        return items

    def from_env(self, text: str) -> list[str]:
        return [item.strip() for item in text.split(",") if item.strip()]


class Switch:
    def from_file(self, value: Any, place: Place) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {_toml_type(value)} {value!r}")
        return value

    def from_env(self, text: str) -> bool:
        lowered = text.lower()
        if lowered not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise ValueError("expected 1/true/yes/on or 0/false/no/off")
        return lowered in ("1", "true", "yes", "on")


class Count:
    def from_file(self, value: Any, place: Place) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"expected a positive integer, got {_toml_type(value)} {value!r}")
        return value

    def from_env(self, text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise ValueError("expected a positive integer")
        return int(text)


class FileSize(Count):
    """A cap in bytes: a repository's config may lower the default, never raise it (that is a limit
    protecting the gate, like ``policy_memory``)."""

    def from_file(self, value: Any, place: Place) -> int:
        from aiguard.load.safe import MAX_FILE_BYTES

        size = super().from_file(value, place)
        if not place.user and size > MAX_FILE_BYTES:
            raise ValueError(f"{size} raises the {MAX_FILE_BYTES}-byte limit; a repository's config file may only "
                             "lower it (raise it with the --max-file-size flag, AIGUARD_MAX_FILE_SIZE or the user "
                             "config); see SECURITY.md")
        return size


class Seconds:
    def from_file(self, value: Any, place: Place) -> float:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value < float("inf"):
            raise ValueError(f"expected a positive number of seconds, got {_toml_type(value)} {value!r}")
        return float(value)

    def from_env(self, text: str) -> float:
        try:
            seconds = float(text)
        except ValueError:
            seconds = 0
        if not 0 < seconds < float("inf"):
            raise ValueError("expected a positive number of seconds")
        return seconds


class Size:
    """Bytes: an integer, or a text such as ``2G`` or ``512M``."""

    def from_file(self, value: Any, place: Place) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        if isinstance(value, str):
            return self.from_env(value)
        raise ValueError(f"expected a size such as \"2G\" or a number of bytes, got {_toml_type(value)} {value!r}")

    def from_env(self, text: str) -> int:
        from aiguard.evaluate.limits import parse_bytes

        return parse_bytes(text)


@dataclass(frozen=True)
class Choice:
    """One of ``choices()`` (looked up when used: some come from modules not imported at start)."""

    choices: Callable[[], Sequence[str]]
    fold_case: bool = False

    def from_file(self, value: Any, place: Place) -> str:
        return self.from_env(_string(value))

    def from_env(self, text: str) -> str:
        value = text.lower() if self.fold_case else text
        choices = self.choices()
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {text!r}")
        return value


class Date:
    def from_file(self, value: Any, place: Place) -> str:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return self.from_env(value.isoformat())  # TOML's own date type: as_of = 2026-11-25
        return self.from_env(_string(value))

    def from_env(self, text: str) -> str:
        parse_evaluation_date(text)
        return text


class Text:
    def from_file(self, value: Any, place: Place) -> str:
        return self.from_env(_string(value))

    def from_env(self, text: str) -> str:
        if not text:
            raise ValueError("must not be empty")
        return text


def _formats() -> Sequence[str]:
    from aiguard.output import FORMATS

    return tuple(FORMATS)


def _engines() -> Sequence[str]:
    from aiguard.evaluate.engine import BACKENDS

    return tuple(BACKENDS)


KEYS = (
    Key("paths", "paths", Paths()),
    Key("as_of", "as_of", Date()),
    Key("data", "data_files", Paths()),
    Key("policy_dirs", "policy_dirs", Paths()),
    Key("only", "only", Strings()),
    Key("skip", "skip", Strings()),
    Key("format", "fmt", Choice(_formats), verdict=False),
    Key("output", "output", Paths(single=True), verdict=False),
    Key("fail_on", "fail_on", Choice(lambda: SEVERITIES, fold_case=True)),
    Key("engine", "engine", Choice(_engines)),
    Key("baseline", "baseline", Paths(single=True)),
    Key("no_exceptions", "no_exceptions", Switch()),
    Key("max_file_size", "max_file_size", FileSize()),
    # Evidence (``aiguard verify``, ``check --evidence``): ID=DIR items, a relative DIR relative to
    # the file. The key that model signatures are checked against is a trust anchor, like a CA
    # bundle: a repository must not bring the key its own models are verified with.
    Key("store_roots", "store_roots", Mappings(urls=True)),
    Key("repos", "repos", Mappings()),
    Key("bundles", "bundles", Mappings()),
    Key("signing_key", "signing_key", Paths(single=True), user_only="it is the key model signatures are verified with"),
    Key("evidence", "evidence", Paths(single=True)),
    # Runaway custom policies: a repository must not raise its own limits.
    Key("policy_timeout", "policy_timeout", Seconds(), user_only="it raises a limit on custom policies"),
    Key("policy_memory", "policy_memory", Size(), user_only="it raises a limit on custom policies"),
    # OPA (``--engine opa`` / ``opa-server``): programs, servers and TLS files. The token is not a
    # file setting at all: ``--opa-token`` reads AIGUARD_OPA_TOKEN itself.
    Key("opa_binary", "opa_binary", Paths(single=True), user_only="it names a program to run"),
    Key("opa_url", "opa_url", Text(), user_only="it names a server to send the inventory (and token) to"),
    Key("opa_mode", "opa_mode", Choice(lambda: ("push", "bundle")), user_only="it decides what a server is sent"),
    Key("opa_ca_cert", "opa_ca_cert", Paths(single=True), user_only="it decides which server to trust"),
    Key("opa_client_cert", "opa_client_cert", Paths(single=True), user_only="it carries credentials"),
    Key("opa_client_key", "opa_client_key", Paths(single=True), user_only="it carries credentials"),
    Key("opa_timeout", "opa_timeout", Seconds(), user_only="it sets how long a server may hold the check"),
)
KEYS_BY_NAME = {key.name: key for key in KEYS}
#: ``params`` is a table of policy parameters, not an option: it merges per name.
PARAMS_KEY = "params"


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # "file:PATH", "env:NAME"
    line: int | None = None  # of the key in the file

    @property
    def where(self) -> str:
        """``PATH:LINE`` or ``env:NAME``: what a report shows."""
        if not self.source.startswith("file:"):
            return self.source
        path = self.source.removeprefix("file:")
        return f"{path}:{self.line}" if self.line else path


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    user: bool  # the user config (trusted), or the project's (part of the tree under review)
    named: bool = False  # a project config named by AIGUARD_CONFIG rather than found by the search

    @property
    def label(self) -> str:
        return f"file:{self.path}"


@dataclass
class Config:
    """What the config files and the environment say; flags are applied on top by the CLI."""

    files: list[ConfigFile] = field(default_factory=list)  # applied, user config first
    settings: dict[str, Setting] = field(default_factory=dict)  # by key name
    params: dict[str, Any] = field(default_factory=dict)  # typed, from the files
    params_origin: dict[str, str] = field(default_factory=dict)  # name -> "FILE:LINE: params.NAME"
    params_source: dict[str, str] = field(default_factory=dict)  # name -> "file:PATH"
    env_params: list[str] = field(default_factory=list)  # NAME=VALUE texts from AIGUARD_PARAMS
    notes: list[str] = field(default_factory=list)  # files skipped, for stderr

    @property
    def file(self) -> Path | None:
        """The project config file, else the user config file."""
        return self.files[-1].path if self.files else None


def user_config_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".config")
    return Path(base) / "aiguard" / "config.toml"


def load(cwd: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """The user config, the project config found from ``cwd`` upwards (or named by
    ``AIGUARD_CONFIG``), then the environment on top. Raises ``UsageError`` naming the file, key
    and line on bad input."""
    environ = os.environ if environ is None else environ
    start = Path(cwd) if cwd is not None else Path.cwd()
    config = Config()
    user = user_config_path(environ)
    if os.path.lexists(user) and _owned(user, config.notes):
        table, text = _read(user)  # a directory, FIFO or dangling link of that name is refused
        _apply_file(config, ConfigFile(Path(os.path.abspath(user)), user=True), table, text, start)
    explicit = environ.get(CONFIG_ENV, "").strip()
    found = _explicit(Path(explicit)) if explicit else find(start, config.notes)
    if found:
        path, table, text = found
        _apply_file(config, ConfigFile(path, user=False, named=bool(explicit)), table, text, start)
    _apply_environment(config, environ)
    return config


def find(start: Path, notes: list[str] | None = None) -> tuple[Path, dict[str, Any], str] | None:
    """The first ``aiguard.toml`` or ``pyproject.toml`` with ``[tool.aiguard]`` from ``start`` up to
    the repository root, skipping files owned by another user (named in ``notes``). Anything else
    of those names (a directory, a FIFO, a dangling link) is refused by the safe reader, never
    skipped in silence."""
    start = Path(os.path.abspath(start))
    notes = [] if notes is None else notes
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if os.path.lexists(candidate) and _owned(candidate, notes):
            data, text = _read(candidate)
            return candidate, data, text
        candidate = directory / PYPROJECT
        if os.path.lexists(candidate):
            skipped: list[str] = []
            if _owned(candidate, skipped):
                data, text = _read(candidate)
                table = _tool_table(candidate, data, text)
                if table is not None:
                    return candidate, table, text
            elif _configures_aiguard(candidate):
                # Another user's file is never parsed for the run (a broken one planted in a
                # shared directory must not fail everyone's checks); only one that configures
                # aiguard is worth the note.
                notes.extend(skipped)
        if (directory / ".git").exists():
            break  # the repository root: a file above it belongs to no one in particular
    return None


def repository_root(path: Path) -> Path | None:
    """The nearest directory at or above ``path`` that holds ``.git``."""
    path = Path(os.path.abspath(path))
    return next((d for d in (path, *path.parents) if (d / ".git").exists()), None)


def _owned(path: Path, notes: list[str]) -> bool:
    """Whether the running user owns ``path``; when not, say so and skip it (git's safe.directory)."""
    if not hasattr(os, "geteuid"):
        return True
    try:
        owner = path.stat().st_uid
    except OSError:  # a dangling link: its own owner planted it
        owner = path.lstat().st_uid
    if owner == os.geteuid():
        return True
    notes.append(f"ignoring {path}: owned by another user (uid {owner}), so it may not configure this run; "
                 f"name it with {CONFIG_ENV} if you trust it")
    return False


def _configures_aiguard(path: Path) -> bool:
    """Whether a ``pyproject.toml`` has a ``[tool.aiguard]`` table; unreadable or broken: no."""
    try:
        data, text = _read(path)
        return _tool_table(path, data, text) is not None
    except UsageError:
        return False


def _explicit(path: Path) -> tuple[Path, dict[str, Any], str]:
    if not os.path.lexists(path):  # anything else of that name is refused by the safe reader
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


def _apply_file(config: Config, file: ConfigFile, table: dict[str, Any], text: str, cwd: Path) -> None:
    prefix = ("tool", "aiguard") if file.path.name == PYPROJECT and not file.user else ()
    # A project config found outside any repository (an unpacked archive, a tree without .git) is
    # bounded by its own directory: its paths never reach above the file. One named by
    # AIGUARD_CONFIG outside a repository was chosen by whoever started the run.
    root = None if file.user else repository_root(file.path.parent) or (None if file.named else file.path.parent)
    place = Place(file.path.parent, cwd, root, file.user)
    config.files.append(file)
    problems: list[Problem] = []

    def problem(key: tuple[str, ...], message: str) -> Problem:
        return Problem(str(file.path), key_line(text, prefix + key), ".".join(prefix + key), message)

    for name, value in table.items():
        if name == PARAMS_KEY:
            _apply_params(config, file, value, text, prefix, problems, problem)
            continue
        key = KEYS_BY_NAME.get(name)
        if name in NEVER_IN_A_FILE:
            problems.append(problem((name,), NEVER_IN_A_FILE[name]))
            continue
        if key is None:
            known = ", ".join(sorted([*KEYS_BY_NAME, PARAMS_KEY]))
            problems.append(problem((name,), f"unknown key{_did_you_mean(name)}; known keys: {known}"))
            continue
        if key.user_only and not file.user:
            problems.append(problem((name,), f"not allowed in a repository's config file: {key.user_only}, so it "
                                    f"comes only from the --{name.replace('_', '-')} flag, {key.env} or the user "
                                    "config (~/.config/aiguard/config.toml); see SECURITY.md"))
            continue
        try:
            value = key.kind.from_file(value, place)
        except ValueError as error:
            problems.append(problem((name,), str(error)))
            continue
        config.settings[name] = Setting(value, file.label, key_line(text, (*prefix, name)))
    if problems:
        raise UsageError(problems)


def _apply_params(config: Config, file: ConfigFile, value: Any, text: str, prefix: tuple[str, ...],
                  problems: list[Problem], problem: Callable[[tuple[str, ...], str], Problem]) -> None:
    if not isinstance(value, dict):
        problems.append(problem((PARAMS_KEY,), f"must be a table of parameter values, got {_toml_type(value)}"))
        return
    for param, param_value in value.items():
        config.params[param] = param_value
        line = key_line(text, (*prefix, PARAMS_KEY, param))
        config.params_origin[param] = f"{file.path}{f':{line}' if line else ''}: {'.'.join((*prefix, PARAMS_KEY, param))}"
        config.params_source[param] = file.label


def _apply_environment(config: Config, environ: Mapping[str, str]) -> None:
    problems: list[Problem] = []
    for key in KEYS:
        text = environ.get(key.env, "").strip()
        if not text:
            continue  # empty means unset, as for most tools' variables
        try:
            config.settings[key.name] = Setting(key.kind.from_env(text), f"env:{key.env}")
        except ValueError as error:
            message = str(error) if text in str(error) else f"{error}, got {text!r}"
            problems.append(Problem(key.env, None, None, message))
    params = environ.get(PARAMS_ENV, "")
    for item in re.split(r"[;\n]", params):
        if item.strip():
            if "=" not in item:
                problems.append(Problem(PARAMS_ENV, None, None,
                                        f"{item.strip()!r}: expected NAME=VALUE (separate several with ';')"))
            config.env_params.append(item.strip())
    if problems:
        raise UsageError(problems)


# -- values ---------------------------------------------------------------------------------------


def _path(item: Any, place: Place) -> str:
    """A file's path value, resolved against the file's directory and shown relative to the
    working directory; a project config's paths must stay in its repository."""
    if not isinstance(item, str) or not item:
        raise ValueError(f"expected a path string, got {_toml_type(item)} {item!r}")
    expanded = item if place.root is not None else os.path.expanduser(item)
    absolute = Path(os.path.abspath(place.base / expanded))
    if place.root is not None:
        real = Path(os.path.realpath(absolute))
        real_root = Path(os.path.realpath(place.root))
        if not (absolute.is_relative_to(place.root) and real.is_relative_to(real_root)):
            raise ValueError(f"{item!r} is outside the repository ({place.root}): a repository's config file "
                             "may only name files inside it")
        # .git holds the hooks and the config git runs programs from: a report written there
        # (`output = ".git/hooks/pre-commit"`) would replace a hook with text the tree chose.
        if real.is_relative_to(real_root / ".git") or absolute.is_relative_to(place.root / ".git"):
            raise ValueError(f"{item!r} is inside .git: a repository's config file may not name git's own files "
                             "(hooks, config)")
    return str(absolute) if os.path.isabs(expanded) else os.path.relpath(absolute, os.path.abspath(place.cwd))


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_toml_type(value)} {value!r}")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list (e.g. [\"a\", \"b\"]), got {_toml_type(value)} {value!r}")
    return value


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
