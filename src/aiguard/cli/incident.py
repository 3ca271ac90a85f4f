"""``aiguard incident``: breach scoping for the first hours (a thin shell over ``aiguard.incident``)."""

from __future__ import annotations

import click

from aiguard.cli.options import max_file_size_option, paths_argument

#: Format name -> module under aiguard.output.
INCIDENT_FORMATS = {"text": "incident_text", "json": "incident_json", "markdown": "incident_markdown",
                    "html": "incident_html"}


@click.command()
@paths_argument
@click.option("--leaked", multiple=True, required=True, metavar="ITEM",
              help="What fell into other hands (repeatable): credential:<id>, a principal as written in access "
                   "(partner:<id>, group:<name>, user:<email>, service:<name>) or anyone.")
@click.option("--discovered", required=True, metavar="DATE|TIME",
              help="When the breach was discovered: 2026-11-27 (read as 00:00 UTC) or 2026-11-27T14:30Z. "
                   "Deadlines count from it.")
@click.option("--since", metavar="YYYY-MM-DD",
              help="The first day the leaked items may have been in other hands: access logs must reach back "
                   "to it. Without it no log counts as covering the exposure.")
@click.option("--as-of", metavar="YYYY-MM-DD",
              help="Which grants and credentials count as unexpired (default: --since, else the discovery day).")
@click.option("--format", "fmt", type=click.Choice(list(INCIDENT_FORMATS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the report to FILE (default: stdout).")
@max_file_size_option
def incident(paths: tuple[str, ...], leaked: tuple[str, ...], discovered: str, since: str | None,
             as_of: str | None, fmt: str, output: str | None, max_file_size: int) -> None:
    """Scope a breach in the inventory at PATHS: everything the leaked items reach (GB, data
    categories), the other credentials exposed along the way, the data subjects behind the data,
    whether access logs can show what was read, and a checklist of notification duties (GDPR,
    HIPAA, clinical trials, partners) with deadlines from --discovered.

    Unknown facts count against the organization and are named. A checklist, not legal advice.
    Exits 0 once the report is written, 2 on bad input or a leaked item that names nothing."""
    import importlib

    from aiguard.cli.options import write_output
    from aiguard.incident import run
    from aiguard.output.text import counted

    result = run(paths, leaked, discovered, since=since, as_of=as_of, max_file_bytes=max_file_size)
    text = importlib.import_module(f"aiguard.output.{INCIDENT_FORMATS[fmt]}").render(result)
    if not output:
        click.echo(text, nl=False)
        return
    write_output(output, text)
    required = sum(1 for duty in result.duties if duty.status == "required")
    click.echo(f"wrote {output} ({fmt}): {counted(len(result.reach.assets), 'asset')} reached, "
               f"{counted(required, 'duty', 'duties')} required, {counted(len(result.unknowns), 'unknown fact')}", err=True)
