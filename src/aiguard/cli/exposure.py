"""``aiguard exposure``: what the public, each principal and each credential can reach."""

from __future__ import annotations

import click

from aiguard.cli.options import max_file_size_option, paths_argument

EXPOSURE_FORMATS = ("text", "json", "dot", "mermaid")


@click.command()
@paths_argument
@click.option("--from", "starts", multiple=True, metavar="X",
              help="Only this starting point: anyone, a principal (partner:<id>, group:<name>, ...) or "
                   "credential:<id> (repeatable; default: all).")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Evaluation date (default: today): expired grants and "
              "credentials open nothing.")
@click.option("--format", "fmt", type=click.Choice(EXPOSURE_FORMATS), default="text", show_default=True,
              help="text (table, worst first, paths with file:line), json (the contract), dot or mermaid (the graph).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write to FILE (default: stdout).")
@max_file_size_option
def exposure(paths: tuple[str, ...], starts: tuple[str, ...], as_of: str | None, fmt: str, output: str | None,
             max_file_size: int) -> None:
    """Show what each starting point of the access graph reaches at PATHS: models and datasets,
    GB (total and sensitive), classifications, personal data, the clinical sources, trials and
    regions behind them, and one shortest path per asset.

    Exits 0 once written (gate with `aiguard check`: AIG-EXP-001..004), 2 on bad input, an
    unknown --from, or a graph beyond the limits (README, "Exposure")."""
    from aiguard.cli.options import write_output
    from aiguard.exposure import exposure_report
    from aiguard.output.exposure import render

    report = exposure_report(paths, as_of, starts or None, max_file_bytes=max_file_size)
    text = render(report, fmt)
    if output:
        write_output(output, text)
    else:
        click.echo(text, nl=False)
