"""``aiguard check``, ``validate`` and ``schema``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from aiguard.cli.engines import engine_flags
from aiguard.cli.options import (
    SEVERITY_CHOICE,
    colour,
    evidence_option,
    max_file_size_option,
    paths_argument,
    selection_options,
    write_output,
)
from aiguard.output import FORMATS

if TYPE_CHECKING:
    from aiguard.findings import Report
    from aiguard.request import CheckRequest


@click.command()
@paths_argument
@selection_options
@click.option("--format", "fmt", default="text", show_default=True, help=f"Output format: {', '.join(FORMATS)}.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the --format output to FILE; stdout then shows the text report.")
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True,
              help="Exit 1 when an unwaived finding is at or above this severity.")
@click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Only findings absent from this baseline (`aiguard baseline create`) fail; the rest stay listed.")
@click.option("--no-exceptions/--with-exceptions", "no_exceptions", default=False,
              help="Ignore every exception in the inventory, so that waived findings fail again (audits).")
@evidence_option
@engine_flags()
@max_file_size_option
def check(paths: tuple[str, ...], as_of: str | None, param_texts: tuple[str, ...], data_files: tuple[str, ...],
          policy_dirs: tuple[str, ...], no_builtin_policies: bool, only: tuple[str, ...], skip: tuple[str, ...],
          fmt: str, output: str | None, fail_on: str, engine: str, engine_options: dict[str, Any], max_file_size: int,
          baseline: str | None, no_exceptions: bool, evidence: str | None) -> None:
    """Validate the inventory at PATHS and evaluate the policies on it.

    Settings also come from aiguard.toml or [tool.aiguard] in pyproject.toml and from AIGUARD_*
    variables; flags win (`aiguard config show --help`). Exit 0: no unwaived finding at or above
    --fail-on outside the baseline; 1: such findings; 2: bad input, policy or engine error."""
    from aiguard.output import RenderOptions, renderer

    ctx = click.get_current_context()
    render = renderer(fmt)  # an unknown format fails before the work, not after it
    report = evaluate(ctx, engine, engine_options)
    fail_on = fail_on.lower()
    if output:  # the file gets the chosen format, plain; the terminal keeps the human report
        write_output(output, render(report, RenderOptions(fail_on=fail_on)))
        render = renderer("text")
    click.echo(render(report, RenderOptions(fail_on=fail_on, color=colour())), nl=False, color=colour())
    ctx.exit(1 if report.failing(fail_on) else 0)


def evaluate(ctx: click.Context, engine: str, engine_options: dict[str, Any], exposure: bool = False) -> Report:
    """Run the check that the options parsed in ``ctx`` ask for (``engine_flags`` has turned the
    engine options into ``engine``/``engine_options``); ``baseline create`` runs this too."""
    from aiguard.api import check as run_check

    return run_check(check_request(ctx, engine, engine_options, exposure))


def check_request(ctx: click.Context, engine: str, engine_options: dict[str, Any],
                  exposure: bool = False) -> CheckRequest:
    """The request the parsed options of ``check`` (or a command sharing them) describe."""
    from aiguard.cli.config import parameter_overrides, provenance
    from aiguard.parallel import default_workers
    from aiguard.request import CheckRequest

    options = ctx.params
    return CheckRequest(
        paths=options["paths"], as_of=options["as_of"], **parameter_overrides(ctx, options["param_texts"]),
        data_files=options["data_files"], policy_dirs=options["policy_dirs"],
        builtin_policies=not options["no_builtin_policies"], only=options["only"], skip=options["skip"],
        engine=engine, engine_options=engine_options, max_file_bytes=options["max_file_size"],
        no_exceptions=options["no_exceptions"], baseline=options.get("baseline") or None,
        evidence=options.get("evidence") or None, exposure=exposure, workers=default_workers(),
        config=provenance(ctx))


@click.command()
@paths_argument
@max_file_size_option
def validate(paths: tuple[str, ...], max_file_size: int) -> None:
    """Check the inventory at PATHS against the schema and resolve its references (no policies)."""
    from aiguard.api import validate as run_validate

    inventory = run_validate(paths, max_file_bytes=max_file_size)
    from aiguard.output.text import counted

    counts = ", ".join(counted(len(v), *_RECORD_NOUNS.get(k, (k, k))) for k, v in inventory.data.items()
                       if isinstance(v, list) and v)
    click.echo(f"valid: {counted(len(inventory.documents), 'file')}; {counts or 'no records'}")


#: Collection -> (singular, plural) for the summary of `validate`.
_RECORD_NOUNS = {"stores": ("store", "stores"), "models": ("model", "models"), "datasets": ("dataset", "datasets"),
                 "data_sources": ("data source", "data sources"), "partners": ("partner", "partners"),
                 "access": ("access grant", "access grants"), "repositories": ("repository", "repositories"),
                 "credentials": ("credential", "credentials"), "exceptions": ("exception", "exceptions")}


@click.command()
def schema() -> None:
    """Print the JSON Schema of an inventory file (point your editor at it)."""
    from aiguard.validate import schema_text

    click.echo(schema_text(), nl=False)
