"""``aiguard check``, ``validate`` and ``schema``."""

from __future__ import annotations

import sys

import click

from aiguard.cli import SEVERITY_CHOICE, colour, emit, main, max_file_size_option, paths_argument, policy_options


@main.command()
@paths_argument
@click.option("--as-of", metavar="YYYY-MM-DD", help="Evaluation date (default: today). Fix it for reproducible audits.")
@click.option("--param", "param_texts", multiple=True, metavar="NAME=VALUE",
              help="Override a policy parameter (repeatable); lists are comma-separated.")
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="YAML/JSON file of parameter overrides (repeatable).")
@policy_options
@click.option("--only", multiple=True, metavar="ID|AREA", help="Evaluate only these policies (id, id pattern or area).")
@click.option("--skip", multiple=True, metavar="ID|AREA", help="Skip these policies (id, id pattern or area).")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text, json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report here too.")
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True,
              help="Exit 1 when an unwaived finding is at or above this severity.")
@click.option("--engine", default="regorus", show_default=True, help="Rego engine: regorus (in process).")
@max_file_size_option
def check(paths: tuple[str, ...], as_of: str | None, param_texts: tuple[str, ...], data_files: tuple[str, ...],
          policy_dirs: tuple[str, ...], no_builtin_policies: bool, only: tuple[str, ...], skip: tuple[str, ...],
          fmt: str, output: str | None, fail_on: str, engine: str, max_file_size: int) -> None:
    """Validate the inventory at PATHS and evaluate the policies on it."""
    from aiguard.api import check as run_check
    from aiguard.output import RenderOptions, render

    report = run_check(paths, as_of=as_of, param_texts=param_texts, data_files=data_files, policy_dirs=policy_dirs,
                       builtin_policies=not no_builtin_policies, only=only, skip=skip, engine=engine,
                       max_file_bytes=max_file_size)
    fail_on = fail_on.lower()
    emit(render(report, fmt, RenderOptions(fail_on=fail_on, color=colour())), output,
          render(report, fmt, RenderOptions(fail_on=fail_on)) if output else None)
    sys.exit(1 if report.failing(fail_on) else 0)


@main.command()
@paths_argument
@max_file_size_option
def validate(paths: tuple[str, ...], max_file_size: int) -> None:
    """Check the inventory at PATHS against the schema and resolve its references (no policies)."""
    from aiguard.api import validate as run_validate

    inventory = run_validate(paths, max_file_bytes=max_file_size)
    counts = ", ".join(f"{len(v)} {k}" for k, v in inventory.data.items() if isinstance(v, list) and v)
    click.echo(f"valid: {len(inventory.documents)} file(s); {counts or 'no records'}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of an inventory file (point your editor at it)."""
    from aiguard.validate import schema_text

    click.echo(schema_text(), nl=False)
