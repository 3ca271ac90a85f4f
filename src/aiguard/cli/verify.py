"""``aiguard verify``: examine weights, repositories and bundles; write the evidence file."""

from __future__ import annotations

import sys
from typing import Any

import click

from aiguard.cli.options import max_file_size_option, paths_argument, write_output


@click.command()
@paths_argument
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the evidence (JSON) to FILE.")
@click.option("--store-root", "store_roots", multiple=True, metavar="STORE_ID=DIR|URL",
              help="Where the files of a store are: a directory, or s3://, gs://, az:// with the 'remote' extra (repeatable).")
@click.option("--repo", "repos", multiple=True, metavar="REPO_ID=DIR",
              help="A checkout of a repository of the inventory, scanned for secrets (repeatable).")
@click.option("--bundle", "bundles", multiple=True, metavar="REPO_ID=DIR",
              help="Built client assets (the JavaScript that ships) of a repository, scanned for secrets (repeatable).")
@click.option("--signing-key", type=click.Path(dir_okay=False), metavar="PEM",
              help="Public key (EC, PEM) to verify model signature files with (model-signing, the 'signing' extra).")
@click.option("--date", metavar="YYYY-MM-DD", help="Date written in the evidence (default: today, UTC).")
@max_file_size_option
def verify(paths: tuple[str, ...], output: str, store_roots: tuple[str, ...], repos: tuple[str, ...],
           bundles: tuple[str, ...], date: str | None, max_file_size: int, signing_key: str | None) -> None:
    """Check the inventory at PATHS against the artifacts: hash and sniff each mapped model's
    weights, scan pickles statically (never loading them), scan repositories and bundles for
    secrets, and write what was found to the evidence file. Judge it with
    `aiguard check PATHS --evidence FILE`.

    Exit 0 once the evidence is written (whatever it shows); 2 on bad input."""
    from aiguard.evidence.document import dumps
    from aiguard.evidence.verify import FIELDS, Targets, parse_mapping
    from aiguard.evidence.verify import verify as run_verify
    from aiguard.output.text import counted

    targets = Targets(parse_mapping(store_roots, FIELDS["store"]), parse_mapping(repos, FIELDS["repository"]),
                      parse_mapping(bundles, FIELDS["bundle"]))
    evidence = run_verify(paths, targets, date=date, progress=_progress if sys.stderr.isatty() else None,
                          max_file_bytes=max_file_size, signing_key=signing_key)
    write_output(output, dumps(evidence))
    models = evidence["models"]
    secrets = sum(len(place["secrets"]) for place in evidence["places"])
    files = sum(len(m["files"]) for m in models)
    click.echo(f"wrote {output}: {counted(len(models), 'model')} examined ({counted(files, 'file')}), "
               f"{len(evidence['not_examined'])} not examined, "
               f"{counted(len(evidence['places']), 'repository/bundle scan')}, {counted(secrets, 'secret')} found",
               err=True)


def _progress(total: int) -> Any:
    """A byte-count progress bar on the terminal (stderr), for long hashing."""
    return click.progressbar(length=total, label="hashing", file=sys.stderr, show_pos=False, show_percent=True)
