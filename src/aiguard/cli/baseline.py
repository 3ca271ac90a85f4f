"""``aiguard baseline create``: record today's findings so that a CI gate fails on new ones only."""

from __future__ import annotations

from typing import Any

import click

from aiguard.cli.check import check, evaluate
from aiguard.cli.engines import engine_flags
from aiguard.cli.options import write_output

#: The options of ``check`` that decide what is evaluated; ``baseline create`` takes the same ones
#: (the same option objects, so the two cannot drift apart), plus the engine flags.
_CHECK_OPTIONS = ("paths", "as_of", "param_texts", "data_files", "policy_dirs", "no_builtin_policies", "only", "skip",
                  "no_exceptions", "max_file_size")


@click.group()
def baseline() -> None:
    """Baselines: findings accepted for now, which `check --baseline FILE` lists but does not fail on."""


@baseline.command("create")
@engine_flags()
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the baseline here (default: the `baseline` setting, see `aiguard config show`).")
def create(engine: str, engine_options: dict[str, Any], output: str | None, **_: Any) -> None:
    """Check the inventory at PATHS and write every unwaived finding's key (policy, subject,
    principal) to a baseline file: sorted JSON, the same bytes for the same findings.

    Takes the options of `aiguard check` that select what is evaluated. Exits 0 once the file is
    written, whatever was found, and 2 on errors."""
    from aiguard.cli.config import loaded_config
    from aiguard.errors import UsageError
    from aiguard.findings.baseline import dumps

    ctx = click.get_current_context()
    if not output:
        config = loaded_config(ctx)
        setting = config.settings.get("baseline") if config else None
        if setting is None:
            raise UsageError("baseline create: give -o FILE (or a `baseline` setting) to say where to write it")
        output = setting.value
    report = evaluate(ctx, engine, engine_options)
    write_output(output, dumps(report), "-o")
    from aiguard.output.text import counted

    click.echo(f"wrote {output}: {len({f.key for f in report.active})} finding(s) from "
               f"{counted(len(report.policies), 'policy', 'policies')}, as of {report.as_of}", err=True)


create.params[:0] = [param for param in check.params if param.name in _CHECK_OPTIONS]
