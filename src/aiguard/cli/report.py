"""``aiguard report``: the audit report (HTML or Markdown) an auditor can read and reproduce."""

from __future__ import annotations

import click

from aiguard.cli import SEVERITY_CHOICE, main, paths_argument, policy_options

#: Audit formats, and the file suffixes that pick them when --format is not given.
REPORT_FORMATS = ("html", "markdown")
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@main.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default=None,
              help="Report format (default: from the -o suffix, else html).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (default: stdout).")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Evaluation date (default: today). Fix it for reproducible audits.")
@click.option("--param", "param_texts", multiple=True, metavar="NAME=VALUE",
              help="Override a policy parameter (repeatable); lists are comma-separated.")
@click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False),
              help="YAML/JSON file of parameter overrides (repeatable).")
@policy_options
@click.option("--only", multiple=True, metavar="ID|AREA", help="Evaluate only these policies (id, id pattern or area).")
@click.option("--skip", multiple=True, metavar="ID|AREA", help="Skip these policies (id, id pattern or area).")
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True,
              help="Severity at or above which the report's verdict is FAIL.")
@click.option("--engine", default="regorus", show_default=True, help="Rego engine.")
def report(paths: tuple[str, ...], fmt: str | None, output: str | None, as_of: str | None,
           param_texts: tuple[str, ...], data_files: tuple[str, ...], policy_dirs: tuple[str, ...],
           no_builtin_policies: bool, only: tuple[str, ...], skip: tuple[str, ...], fail_on: str,
           engine: str) -> None:
    """Write an audit report of the inventory at PATHS: run details and the command that
    reproduces it, summaries, a compliance matrix, every finding and waiver, the policies.

    Exits 0 once the report is written, whatever it found (gate with `aiguard check`), and 2 on
    errors. Pass --as-of so that a re-run gives the same report, byte for byte."""
    from pathlib import Path

    from aiguard.api import check as run_check
    from aiguard.errors import UsageError
    from aiguard.output import RenderOptions, render

    if fmt is None:
        fmt = _SUFFIXES.get(Path(output).suffix.lower(), "html") if output else "html"
    result = run_check(paths, as_of=as_of, param_texts=param_texts, data_files=data_files, policy_dirs=policy_dirs,
                       builtin_policies=not no_builtin_policies, only=only, skip=skip, engine=engine)
    text = render(result, fmt, RenderOptions(fail_on=fail_on.lower()))
    if not output:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"--output {output}: {error.strerror}") from None
    summary = result.summary
    click.echo(f"wrote {output} ({fmt}): {summary['findings']} open finding(s), {summary['waived']} waived, "
               f"{summary['policies_evaluated']} policies, as of {result.as_of}", err=True)
