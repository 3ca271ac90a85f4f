"""``aiguard config show``, and how the config file and environment reach the commands.

The root context's ``default_map`` is a ``ConfigDefaults``. When click creates the context of a
command that takes settings (``CONSUMERS``), it asks that map for the command's defaults; only
then are the config file and the environment read, so a broken config file fails the commands
that use it and not ``aiguard explain``. click applies: flag > ``default_map`` (where the
environment is already merged over the file) > the option's own default. Policy parameters are
not an option value (they merge per name), so commands add them with ``parameter_overrides``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from aiguard.errors import AiguardError

if TYPE_CHECKING:
    from aiguard.config import Config

#: Commands that take settings (by path from the root), and the settings each leaves alone:
#: ``baseline create -o`` names the baseline it writes, not the check's report file.
CONSUMERS: dict[tuple[str, ...], frozenset[str]] = {
    ("check",): frozenset(),
    ("validate",): frozenset(),
    ("baseline", "create"): frozenset({"output"}),
    # an audit report picks its own format and file; the check's `format`/`output` are for gates
    ("report",): frozenset({"output", "fmt"}),
    # -o of verify is the evidence file it writes
    ("verify",): frozenset({"output", "fmt"}),
}
SHOW_MARK = "aiguard.config.show"


class ConfigDefaults(dict):  # type: ignore[type-arg]
    """A lazy ``default_map``: reads the config when a consuming command asks for its defaults."""

    def __init__(self) -> None:
        super().__init__()
        self._config: Config | None = None
        self.error: Exception | None = None

    def load(self) -> Config:
        if self._config is None:
            from aiguard.config import load

            self._config = load()
            for note in self._config.notes:
                click.echo(f"aiguard: {note}", err=True)
        return self._config

    def get(self, name: str, default: Any = None) -> Any:
        paths = [path for path in CONSUMERS if path[0] == name]
        if not paths:
            return default
        try:
            config = self.load()
        except AiguardError as error:
            # Raised again when the command runs (see raise_config_error), so that
            # `aiguard check --help` still works with a broken config file.
            self.error = error
            return {}
        result: dict[str, Any] = {}
        for path in paths:
            command = _command(path)
            level = result  # the map for path[0]; a subcommand's map nests under its name
            for part in path[1:]:
                level = level.setdefault(part, {})
            level.update(_defaults_for(command, config, CONSUMERS[path]))
        return result


def _command(path: tuple[str, ...]) -> click.Command:
    """The command at ``path`` from the root (``("baseline", "create")``)."""
    from aiguard.cli import main

    command: click.Command | None = main
    for part in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), part)
    assert command is not None
    return command


def _defaults_for(command: click.Command, config: Config, excluded: frozenset[str]) -> dict[str, Any]:
    from aiguard.config import KEYS

    names = {param.name for param in command.params} - excluded
    return {key.param: config.settings[key.name].value for key in KEYS
            if key.name in config.settings and key.param in names}


def raise_config_error(ctx: click.Context) -> None:
    """Fail a consuming command whose config file or environment could not be read."""
    defaults = ctx.find_root().default_map
    if isinstance(defaults, ConfigDefaults) and defaults.error is not None:
        raise defaults.error


def loaded_config(ctx: click.Context) -> Config | None:
    """The config the running command got its defaults from (None when not run under ``main``)."""
    defaults = ctx.find_root().default_map
    return defaults.load() if isinstance(defaults, ConfigDefaults) else None


def parameter_overrides(ctx: click.Context, flag_texts: tuple[str, ...]) -> dict[str, Any]:
    """``api.check`` keywords for policy parameters: the file's typed values, then the
    environment's and the flags' ``NAME=VALUE`` texts (later wins, per name)."""
    config = loaded_config(ctx)
    if config is None:
        return {"param_texts": flag_texts}
    return {"params": config.params, "params_origin": config.params_origin,
            "param_texts": (*config.env_params, *flag_texts)}


def source_of(ctx: click.Context, param: click.Parameter, config: Config | None) -> str:
    """Where a parameter's value came from: flag, env:NAME, file:PATH or default."""
    from click.core import ParameterSource

    from aiguard.config import KEYS

    source = ctx.get_parameter_source(param.name or "")
    if source is ParameterSource.COMMANDLINE:
        return "flag"
    if source is ParameterSource.ENVIRONMENT:
        return f"env:{param.envvar if isinstance(param.envvar, str) else ','.join(param.envvar or [])}"
    if source is ParameterSource.DEFAULT_MAP and config is not None:
        key = next(key for key in KEYS if key.param == param.name)
        return config.settings[key.name].source
    return "default"


def provenance(ctx: click.Context) -> dict[str, Any]:
    """The config files that applied to this run and every setting from a file or the environment
    that is in effect (not overridden by a flag) and can change the verdict: what a report shows,
    so that a repository's config file never changes a gate unseen."""
    from aiguard.config import KEYS

    config = loaded_config(ctx)
    if config is None:
        return {"files": [], "settings": []}
    command = ctx.command
    params = {param.name: param for param in command.params}
    settings = []
    for key in KEYS:
        param = params.get(key.param)
        setting = config.settings.get(key.name)
        if not key.verdict or param is None or setting is None or source_of(ctx, param, config) != setting.source:
            continue
        settings.append({"name": key.name, "value": _plain(ctx.params.get(key.param)), "source": setting.where})
    flagged = {text.partition("=")[0].strip() for text in ctx.params.get("param_texts") or ()}
    env_named = {text.partition("=")[0].strip() for text in config.env_params}
    for name, value in sorted(config.params.items()):
        if name not in flagged and name not in env_named:
            settings.append({"name": f"params.{name}", "value": value,
                             "source": config.params_origin[name].rpartition(": ")[0]})
    for name in sorted(env_named - flagged):
        value = next(text for text in reversed(config.env_params) if text.partition("=")[0].strip() == name)
        settings.append({"name": f"params.{name}", "value": value.partition("=")[2].strip(), "source": "env:AIGUARD_PARAMS"})
    files = [{"path": str(file.path), "kind": "user" if file.user else "project"} for file in config.files]
    return {"files": files, "settings": settings}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def missing_paths_message(ctx: click.Context) -> str | None:
    """Why PATHS may be absent, or None when the command must be given them."""
    if ctx.meta.get(SHOW_MARK):
        return None
    names: list[str] = []
    level = ctx
    while level.parent is not None:  # command_path starts with the program name, which varies
        names.insert(0, level.info_name or "")
        level = level.parent
    if tuple(names) in CONSUMERS:
        return ("Missing argument 'PATHS...': give the inventory to check, or a `paths` setting "
                "(aiguard.toml, [tool.aiguard] in pyproject.toml, or AIGUARD_PATHS)")
    return "Missing argument 'PATHS...': give the inventory to check"


@click.group()
def config() -> None:
    """Show the settings a check would use, and where each comes from."""


@config.command("show", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("check_args", nargs=-1, type=click.UNPROCESSED, metavar="[CHECK OPTIONS] [PATH]...")
@click.pass_context
def config_show(ctx: click.Context, check_args: tuple[str, ...]) -> None:
    """Print the effective settings of `aiguard check [CHECK OPTIONS] [PATH]...` and where each
    comes from: flag, env:VARIABLE, file:PATH (aiguard.toml or [tool.aiguard] in pyproject.toml,
    found from the working directory upwards) or default.

    Precedence: flag > environment > project config file > user config file > default; policy
    parameters merge per name. Variables: AIGUARD_CONFIG (config file to use), AIGUARD_PATHS,
    AIGUARD_POLICY_DIRS, AIGUARD_DATA (separated by the OS path separator), AIGUARD_ONLY,
    AIGUARD_SKIP (comma-separated), AIGUARD_PARAMS (NAME=VALUE;NAME=VALUE), AIGUARD_AS_OF,
    AIGUARD_FORMAT, AIGUARD_OUTPUT, AIGUARD_FAIL_ON, AIGUARD_ENGINE, AIGUARD_BASELINE,
    AIGUARD_NO_EXCEPTIONS, AIGUARD_MAX_FILE_SIZE, AIGUARD_EVIDENCE, AIGUARD_POLICY_TIMEOUT,
    AIGUARD_POLICY_MEMORY, AIGUARD_OPA_BINARY, AIGUARD_OPA_URL and the other AIGUARD_OPA_* settings.
    Settings that run a program, contact a server or raise a limit come
    only from flags, variables or the user config (~/.config/aiguard/config.toml), never from a
    repository's file (SECURITY.md).
    """
    from aiguard.config import KEYS

    ctx.meta[SHOW_MARK] = True
    check_command = _command(("check",))
    check_ctx = check_command.make_context("check", list(check_args), parent=ctx.find_root())
    config = loaded_config(check_ctx)
    assert config is not None
    files = ", ".join(f"{file.path} ({'user' if file.user else 'project'})" for file in config.files)
    click.echo(f"config file: {files or 'none (no user config, no aiguard.toml or [tool.aiguard] from here upwards)'}")
    params_by_name = {param.name: param for param in check_command.params}
    rows = []
    for key in KEYS:
        param = params_by_name.get(key.param)
        if param is None:
            continue  # a setting this version's check does not take
        rows.append((key.name, _show(check_ctx.params.get(key.param)), source_of(check_ctx, param, config)))
    for name, value, source in _effective_parameters(config, check_ctx.params.get("param_texts") or ()):
        rows.append((f"params.{name}", value, source))
    width = max(len(row[0]) for row in rows)
    value_width = min(max(len(row[1]) for row in rows), 48)
    from aiguard.output.escape import printable

    for name, value, source in rows:
        click.echo(printable(f"{name:<{width}}  {value:<{value_width}}  {source}"))


def _effective_parameters(config: Config, flag_texts: tuple[str, ...]) -> list[tuple[str, str, str]]:
    merged: dict[str, tuple[str, str]] = {name: (_show(value), config.params_source[name])
                                          for name, value in config.params.items()}
    for texts, source in ((config.env_params, "env:AIGUARD_PARAMS"), (flag_texts, "flag")):
        for text in texts:
            name, _, value = text.partition("=")
            merged[name.strip()] = (value.strip(), source)  # as typed: parsed by the parameter's type
    return [(name, value, source) for name, (value, source) in sorted(merged.items())]


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False)
