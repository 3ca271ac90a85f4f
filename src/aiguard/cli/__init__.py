"""The ``aiguard`` command: a thin shell over ``aiguard.api``.

One module per command family (``check.py``: check, validate, schema; ``policies.py``: policies);
each registers itself on ``main`` when imported at the bottom of this module.

Exit codes: 0 no unwaived finding at or above --fail-on; 1 findings; 2 usage, input, policy or
engine errors. Heavy modules are imported inside commands: this runs in pre-commit hooks.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click

from aiguard import __version__

SEVERITY_CHOICE = click.Choice(["critical", "high", "medium", "low"], case_sensitive=False)


class _Group(click.Group):
    """Turns aiguard's errors into a message and exit code 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from aiguard.errors import AiguardError

        try:
            return super().invoke(ctx)
        except AiguardError as error:
            _print_error(error)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("aiguard: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (`aiguard ... | head`): it did not see the whole report, so
            # this is no pass. Point stdout at /dev/null so the interpreter's final flush is quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(2)
        except Exception as error:  # a bug: still exit 2, never 0 and never a bare traceback
            if os.environ.get("AIGUARD_DEBUG"):
                raise
            from aiguard.output.escape import printable

            click.echo(f"aiguard: internal error: {type(error).__name__}: {printable(str(error))}", err=True)
            click.echo("aiguard: set AIGUARD_DEBUG=1 to see the traceback, and please report it", err=True)
            ctx.exit(2)


def _print_error(error: Any) -> None:
    click.echo(f"aiguard: {error.kind}{f' ({error.count_label})' if error.count > 1 else ''}:", err=True)
    from aiguard.output.escape import printable

    for problem in error.problems:
        click.echo(f"  {printable(str(problem))}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="aiguard")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check AI-asset inventories (models, datasets, clinical sources, partners, credentials)
    against Rego policies drawn from the lessons of a real breach."""
    from aiguard.cli.config import ConfigDefaults

    # Settings from aiguard.toml / [tool.aiguard] and AIGUARD_* under the flags (see cli/config.py).
    ctx.default_map = ConfigDefaults()


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


def paths_argument(func: Any) -> Any:
    return click.argument("paths", cls=_PathsArgument, nargs=-1, required=True, type=click.Path(path_type=str))(func)


def max_file_size_option(func: Any) -> Any:
    from aiguard.load.documents import MAX_FILE_BYTES

    return click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_BYTES, show_default=True,
                        metavar="BYTES", help="Refuse inventory files larger than this.")(func)


def evidence_option(func: Any) -> Any:
    return click.option("--evidence", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Judge this evidence file (`aiguard verify -o FILE`) with the evidence policies.")(func)


def selection_options(func: Any) -> Any:
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


def policy_options(func: Any) -> Any:
    options = [
        click.option("--policy-dir", "policy_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Also load policies from this directory (repeatable)."),
        click.option("--no-builtin-policies", is_flag=True, help="Load only the --policy-dir policies."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def colour() -> bool | None:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once its output is flushed, skipping the interpreter's
    teardown: freeing a large report object by object took 0.3 s at 10,000 assets and seconds at
    100,000. Nothing else is pending when a command ends (worker pools and files are closed by
    then); a flush that fails (a closed pipe) raises here and is handled like any other write."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None when the process started with that descriptor closed
            stream.flush()
    os._exit(code)


def write_output(output: str, text: str, option: str = "--output") -> None:
    """Write a report file, atomically and never through a symbolic link; failing to is a usage
    error (exit 2), never a silent pass."""
    from aiguard.output.write import write_atomically

    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        from aiguard.errors import UsageError

        raise UsageError(f"{option} {output}: {error.strerror}") from None


# Command modules register themselves on `main`; imported last because they import from here.
from aiguard.cli import check as _check  # noqa: E402,F401
from aiguard.cli import baseline as _baseline  # noqa: E402,F401
from aiguard.cli import config as _config  # noqa: E402,F401
from aiguard.cli import policies as _policies  # noqa: E402,F401
from aiguard.cli import report as _report  # noqa: E402,F401
from aiguard.cli import onboarding as _onboarding  # noqa: E402,F401
from aiguard.cli import bundle as _bundle  # noqa: E402,F401
from aiguard.cli import verify as _verify  # noqa: E402,F401
from aiguard.cli import exposure as _exposure  # noqa: E402,F401
from aiguard.cli import interop as _interop  # noqa: E402,F401
from aiguard.cli import incident as _incident  # noqa: E402,F401
