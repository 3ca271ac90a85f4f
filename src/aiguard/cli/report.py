"""``aiguard report``: the audit report (HTML or Markdown) an auditor can read and reproduce."""

from __future__ import annotations

from typing import Any

import click

from aiguard.cli.engines import engine_flags
from aiguard.cli.options import SEVERITY_CHOICE, evidence_option, max_file_size_option, paths_argument, selection_options

#: Audit formats, and the file suffixes that pick them when --format is not given.
REPORT_FORMATS = ("html", "markdown")
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default=None,
              help="Report format (default: from the -o suffix, else html).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the report to FILE (default: stdout).")
@selection_options
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True,
              help="Severity at or above which the report's verdict is FAIL.")
@click.option("--no-exceptions/--with-exceptions", "no_exceptions", default=False,
              help="Ignore every exception in the inventory: waived findings are reported as open.")
@evidence_option
@engine_flags()
@max_file_size_option
def report(paths: tuple[str, ...], fmt: str | None, output: str | None, fail_on: str, engine: str,
           engine_options: dict[str, Any], **_: object) -> None:
    """Write an audit report of the inventory at PATHS: run details and the command that
    reproduces it, summaries, a compliance matrix, every finding and waiver, the policies.

    Exits 0 once the report is written, whatever it found (gate with `aiguard check`), and 2 on
    errors. Pass --as-of so that a re-run gives the same report, byte for byte."""
    from pathlib import Path

    from aiguard.cli.check import evaluate
    from aiguard.cli.options import write_output
    from aiguard.output import RenderOptions, render

    if fmt is None:
        fmt = _SUFFIXES.get(Path(output).suffix.lower(), "html") if output else "html"
    # the same run as `check`, plus what each starting point reaches (the Exposure section)
    result = evaluate(click.get_current_context(), engine, engine_options, exposure=True)
    text = render(result, fmt, RenderOptions(fail_on=fail_on.lower()))
    if not output:
        click.echo(text, nl=False)
        return
    write_output(output, text)
    from aiguard.output.text import counted

    summary = result.summary
    click.echo(f"wrote {output} ({fmt}): {summary['findings']} open finding(s), {summary['waived']} waived, "
               f"{counted(summary['policies_evaluated'], 'policy', 'policies')}, as of {result.as_of}", err=True)
