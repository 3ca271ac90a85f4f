"""The ``aiguard`` command: a thin shell over ``aiguard.api``.

Exit codes: 0 no unwaived finding at or above --fail-on; 1 findings; 2 usage, input, policy or
engine errors. Heavy modules are imported inside commands: this runs in pre-commit hooks.
"""

from __future__ import annotations

import os
import sys
from typing import Any

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
        except Exception as error:  # a bug: still exit 2, never 0 and never a bare traceback
            if os.environ.get("AIGUARD_DEBUG"):
                raise
            click.echo(f"aiguard: internal error: {type(error).__name__}: {error}", err=True)
            click.echo("aiguard: set AIGUARD_DEBUG=1 to see the traceback, and please report it", err=True)
            ctx.exit(2)


def _print_error(error: Any) -> None:
    count = len(error.problems)
    click.echo(f"aiguard: {error.kind}{f' ({count} problems)' if count > 1 else ''}:", err=True)
    for problem in error.problems:
        click.echo(f"  {problem}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="aiguard")
def main() -> None:
    """Check AI-asset inventories (models, datasets, clinical sources, partners, credentials)
    against Rego policies drawn from the lessons of a real breach."""


def _paths_argument(func: Any) -> Any:
    return click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))(func)


def _policy_options(func: Any) -> Any:
    options = [
        click.option("--policy-dir", "policy_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Also load policies from this directory (repeatable)."),
        click.option("--no-builtin-policies", is_flag=True, help="Load only the --policy-dir policies."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@main.command()
@_paths_argument
@click.option("--as-of", metavar="YYYY-MM-DD", help="Evaluation date (default: today). Fix it for reproducible audits.")
@click.option("--param", "param_texts", multiple=True, metavar="NAME=VALUE",
              help="Override a policy parameter (repeatable); lists are comma-separated.")
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="YAML/JSON file of parameter overrides (repeatable).")
@_policy_options
@click.option("--only", multiple=True, metavar="ID|AREA", help="Evaluate only these policies (id, id pattern or area).")
@click.option("--skip", multiple=True, metavar="ID|AREA", help="Skip these policies (id, id pattern or area).")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here too.")
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True,
              help="Exit 1 when an unwaived finding is at or above this severity.")
@click.option("--engine", default="regorus", show_default=True, help="Rego engine: regorus (in process).")
def check(paths: tuple[str, ...], as_of: str | None, param_texts: tuple[str, ...], data_files: tuple[str, ...],
          policy_dirs: tuple[str, ...], no_builtin_policies: bool, only: tuple[str, ...], skip: tuple[str, ...],
          fmt: str, output: str | None, fail_on: str, engine: str) -> None:
    """Validate the inventory at PATHS and evaluate the policies on it."""
    from aiguard.api import check as run_check
    from aiguard.output import RenderOptions, render

    report = run_check(paths, as_of=as_of, param_texts=param_texts, data_files=data_files, policy_dirs=policy_dirs,
                       builtin_policies=not no_builtin_policies, only=only, skip=skip, engine=engine)
    fail_on = fail_on.lower()
    _emit(render(report, fmt, RenderOptions(fail_on=fail_on, color=_colour())), output,
          render(report, fmt, RenderOptions(fail_on=fail_on)) if output else None)
    sys.exit(1 if report.failing(fail_on) else 0)


@main.command()
@_paths_argument
def validate(paths: tuple[str, ...]) -> None:
    """Check the inventory at PATHS against the schema and resolve its references (no policies)."""
    from aiguard.api import validate as run_validate

    inventory = run_validate(paths)
    counts = ", ".join(f"{len(v)} {k}" for k, v in inventory.data.items() if isinstance(v, list) and v)
    click.echo(f"valid: {len(inventory.documents)} file(s); {counts or 'no records'}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of an inventory file (point your editor at it)."""
    from aiguard.validate import schema_text

    click.echo(schema_text(), nl=False)


@main.group()
def policies() -> None:
    """List, show, document and test the policies."""


@policies.command("list")
@_policy_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def policies_list(policy_dirs: tuple[str, ...], no_builtin_policies: bool, fmt: str) -> None:
    """One line per policy: id, severity, area, title."""
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    if fmt == "json":
        import json

        click.echo(json.dumps({"digest": policy_set.digest, "parameters": policy_set.parameters,
                               "policies": [p.as_dict() for p in policy_set.policies]}, indent=2))
        return
    for policy in policy_set.policies:
        click.echo(f"{policy.id:<13} {policy.severity:<9} {policy.area:<12} {policy.title}")
    click.echo(f"{len(policy_set.policies)} policies, digest {policy_set.digest}")


@policies.command("show")
@click.argument("policy_id")
@_policy_options
def policies_show(policy_id: str, policy_dirs: tuple[str, ...], no_builtin_policies: bool) -> None:
    """Print one policy in full: metadata, parameters and Rego source."""
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    policy = policy_set.by_id(policy_id.upper())
    click.echo(f"{policy.id} ({policy.severity}, {policy.area}): {policy.title}\n")
    click.echo(f"{policy.description}\n\nRemediation: {policy.remediation}\n")
    for framework, refs in policy.frameworks.items():
        click.echo(f"  {framework}: {', '.join(refs)}")
    for name in policy.parameters:
        spec = policy_set.parameters[name]
        click.echo(f"  parameter {name} = {spec['default']!r}: {spec.get('description', '')}")
    click.echo(f"\n--- {policy.module.name}\n{policy.module.text}", nl=False)


@policies.command("test")
@click.argument("directories", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List passing tests too.")
def policies_test(directories: tuple[str, ...], verbose: bool) -> None:
    """Run the Rego unit tests (test_* rules in *_test.rego) on the in-process engine.

    With no DIRECTORIES, tests the built-in policy library."""
    from aiguard.evaluate.engine import get_engine
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(directories, include_builtin=not directories)
    if not policy_set.tests:
        raise click.ClickException("no *_test.rego files found")  # exit 1, never a silent pass
    results = get_engine("regorus").run_tests(policy_set.modules, {"aiguard": {"parameters": policy_set.parameters}},
                                              policy_set.tests)
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            status = click.style("PASS", fg="green") if result.passed else click.style("FAIL", fg="red")
            click.echo(f"{status} {result.module}: {result.name}" + (f"\n     {result.error}" if result.error else ""),
                       color=_colour())
    if not results:
        raise click.ClickException("no test_* rules found")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


def _colour() -> bool | None:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output: str | None, plain: str | None) -> None:
    click.echo(text, nl=False, color=_colour())
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(plain or text)
        except OSError as error:
            from aiguard.errors import UsageError

            raise UsageError(f"--output {output}: {error.strerror}") from None
