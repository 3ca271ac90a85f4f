"""The ``aiguard`` command: a thin shell over ``aiguard.api``.

One module per command family; ``COMMANDS`` below names each top-level command's module, which is
imported only when that command runs (or when help lists them): a pre-commit hook pays for the
command it runs, not for all of them. Shared options live in ``aiguard.cli.options``.

Exit codes: 0 no unwaived finding at or above --fail-on; 1 findings; 2 usage, input, policy or
engine errors. Heavy modules are imported inside commands: this runs in pre-commit hooks.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from aiguard._version import __version__

# The shared options, also importable from here (command modules may use either).
from aiguard.cli.options import (  # noqa: F401
    SEVERITY_CHOICE,
    colour,
    evidence_option,
    max_file_size_option,
    paths_argument,
    policy_options,
    selection_options,
    write_output,
)

#: Top-level command -> "module:attribute" under aiguard.cli. A new command: its own module with a
#: ``@click.command()`` (or group), and one line here.
COMMANDS = {
    "baseline": "baseline:baseline",
    "bundle": "bundle:bundle",
    "check": "check:check",
    "config": "config:config",
    "explain": "onboarding:explain",
    "export": "interop:export",
    "import": "interop:import_",
    "exposure": "exposure:exposure",
    "incident": "incident:incident",
    "init": "onboarding:init",
    "policies": "policies:policies",
    "report": "report:report",
    "schema": "check:schema",
    "validate": "check:validate",
    "verify": "verify:verify",
}


class _Group(click.Group):
    """Loads commands from ``COMMANDS`` on demand, and turns aiguard's errors into a message and
    exit code 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or cmd_name in self.commands:
            return self.commands.get(cmd_name)
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(f"aiguard.cli.{module}"), attribute)
        self.add_command(command, cmd_name)
        return command

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
            _stdout_gone()
            ctx.exit(2)
        except OSError as error:  # e.g. a full disk under stdout or a report: the system's word, exit 2
            click.echo(f"aiguard: cannot complete the output: {error.strerror or error}", err=True)
            ctx.exit(2)
        except Exception as error:  # a bug: still exit 2, never 0 and never a bare traceback
            if os.environ.get("AIGUARD_DEBUG"):
                raise
            from aiguard.output.escape import printable

            click.echo(f"aiguard: internal error: {type(error).__name__}: {printable(str(error))}", err=True)
            click.echo("aiguard: set AIGUARD_DEBUG=1 to see the traceback, and please report it", err=True)
            ctx.exit(2)


def _print_error(error: Any) -> None:
    """The library names request fields (``as_of``); the user gave flags (``--as-of``)."""
    from aiguard.cli.options import FLAGS, flags_in
    from aiguard.errors import REQUEST
    from aiguard.output.escape import printable

    click.echo(f"aiguard: {error.kind}{f' ({error.count_label})' if error.count > 1 else ''}:", err=True)
    for problem in error.problems:
        if problem.file == REQUEST and problem.line is None:
            text = f"{FLAGS.get(problem.field, problem.field)}: {problem.message}"
        elif problem.file == "aiguard" and problem.line is None and problem.field is None:
            text = problem.message  # a message about no file: not "aiguard: aiguard: ..."
        else:
            text = str(problem)
        click.echo(f"  {printable(flags_in(text))}", err=True)


def _stdout_gone() -> None:
    # The reader went away (`aiguard ... | head`): it did not see the whole report, so this is no
    # pass. Point stdout at /dev/null so that a later flush is quiet.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="aiguard")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Check AI-asset inventories (models, datasets, clinical sources, partners, credentials)
    against Rego policies drawn from the lessons of a real breach."""
    from aiguard.cli.config import ConfigDefaults

    # Settings from aiguard.toml / [tool.aiguard] and AIGUARD_* under the flags (see cli/config.py).
    ctx.default_map = ConfigDefaults()


def run() -> NoReturn:
    """The console script (and ``python -m aiguard``): run ``main``, flush, and end the process.

    It ends with ``os._exit``, skipping the interpreter's teardown: freeing a large report object
    by object took 0.3 s at 10,000 assets and seconds at 100,000. Nothing else is pending when a
    command returns (worker pools and files are closed by then). For the same reason the cyclic
    garbage collector is off: a short-lived process, and a large report has no cycles to free.
    In process (tests, other programs) call ``main`` instead, which returns or raises normally."""
    gc.disable()
    code = 0  # click ends with SystemExit; this stays only if it ever returns
    try:
        main.main(prog_name="aiguard")
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # the process started with that descriptor closed
            continue
        try:
            stream.flush()
        except (OSError, ValueError) as error:
            if stream is sys.stdout:  # the reader did not get the whole report: no pass
                code = 2
                if not isinstance(error, BrokenPipeError):
                    _say_on_stderr(f"aiguard: cannot complete the output: {getattr(error, 'strerror', None) or error}")
            # a stderr nobody reads must not change the verdict
    os._exit(code)


def _say_on_stderr(text: str) -> None:
    try:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # sys.exit("message"), as Python itself does
    return 1
