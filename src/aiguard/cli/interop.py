"""``aiguard import`` (AI bills of materials -> a draft inventory) and ``aiguard export``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from aiguard.interop import Draft, ImportResult

_FORMATS = ("cyclonedx", "spdx", "hf", "croissant")
_SHOWN = 10  # ids listed per skip reason before "and N more"


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "output", metavar="DIR", help="Write the draft inventory to this new (or empty) directory.")
@click.option("--into", metavar="DIR", help="Add what is new to this existing inventory, as one new file; never "
                                            "changes a file there, lists every conflict.")
@click.option("--from", "fmt", type=click.Choice(_FORMATS), help="The format (default: told from the content).")
def import_(paths: tuple[str, ...], output: str | None, into: str | None, fmt: str | None) -> None:
    """Draft an inventory from AI bills of materials: CycloneDX ML-BOMs (1.5-1.7), SPDX 3 (AI and
    Dataset profiles), Hugging Face model and dataset cards, Croissant dataset metadata. Nothing is
    invented: what the sources do not say is marked `# TODO` for a person to fill in."""
    from aiguard.errors import UsageError
    from aiguard.interop import import_sources, merge_into, write_new

    if (output is None) == (into is None):
        raise UsageError("give exactly one of -o DIR (a new draft inventory) and --into DIR (merge into one)")
    draft = import_sources(paths, fmt)
    result = write_new(draft, output) if output is not None else merge_into(draft, str(into))
    click.echo(summary(draft, result, output or str(into)), nl=False)


def summary(draft: Draft, result: ImportResult, target: str) -> str:
    """What was imported, what a person still has to do, and everything that was not read."""
    from aiguard.output.text import counted

    records = result.records
    counts = ", ".join(counted(n, c.removesuffix("s")) for c in ("models", "datasets", "stores")
                       if (n := sum(1 for r in records if r.collection == c)))
    out = [f"Imported {counted(len(records), 'record')} ({counts or 'none new'}) from {counted(len(draft.sources), 'file')}"]
    out += [f"  {source}" for source in draft.sources]
    if result.written is not None:
        out.append(f"Wrote {result.written}")
    else:
        out.append(f"Wrote nothing: {target} already has every record")
    out.append(f"  fields mapped: {sum(r.mapped() for r in records)}")
    left = sum(len(r.missing()) for r in records)
    todo_notes = sum(1 for r in records for n in r.notes if n.startswith("TODO"))
    out.append(f"  fields left for a person: {left} (marked '# TODO: not in <file>'), plus "
               f"{counted(todo_notes, 'value')} a source states that {'needs' if todo_notes == 1 else 'need'} "
               "a person's judgement ('# TODO:' notes)")
    skipped = sum(len(v) for v in draft.skipped.values())
    out.append(f"  elements skipped: {skipped}")
    for (source, why), where in draft.skipped.items():
        shown = ", ".join(where[:_SHOWN]) + (f" and {len(where) - _SHOWN} more" if len(where) > _SHOWN else "")
        out.append(f"    {source}: {len(where)} x {why}: {shown}")
    for warning in draft.warnings:
        out.append(f"  warning: {warning}")
    if result.kept:
        out.append(f"  already in the inventory, left as written: {len(result.kept)}")
        out += [f"    {line}" for line in result.kept]
    if result.conflicts:
        out.append(f"  conflicts and fields not added (for a person to decide): {len(result.conflicts)}")
        out += [f"    {line}" for line in result.conflicts]
    if result.written is not None:
        shown = target
        out.append(f"Next: fill in the TODOs, then `aiguard check {shown}` (until then the completeness "
                   "policies AIG-INV-* fail).")
    return "\n".join(out) + "\n"


@click.group()
def export() -> None:
    """Export the inventory in a standard format."""


@export.command("cyclonedx")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", "output", metavar="FILE", required=True, help="Write the BOM here ('-': stdout).")
def export_cyclonedx(paths: tuple[str, ...], output: str) -> None:
    """The inventory as a CycloneDX 1.6 ML-BOM (JSON): models as machine-learning-model components
    with model cards naming their datasets, datasets as data components with classification,
    sensitive data and governance, stores as services."""
    import json

    from aiguard.cli.options import write_output
    from aiguard.interop import export_cyclonedx as build

    text = json.dumps(build(paths), indent=2, ensure_ascii=False) + "\n"
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_output(output, text)
