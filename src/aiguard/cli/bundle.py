"""``aiguard bundle build``: the policies as an OPA bundle, for ``--opa-url ... --opa-mode bundle``."""

from __future__ import annotations

from pathlib import Path

import click

from aiguard.cli.options import policy_options


@click.group()
def bundle() -> None:
    """Build OPA bundles of the policy library."""


@bundle.command("build")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the bundle (e.g. bundle.tar.gz).")
@policy_options
@click.option("--signing-key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Sign the bundle: a PEM RSA private key (RS256) or a file holding an HS256 secret.")
@click.option("--signing-key-id", default="default", show_default=True,
              help="Key id in the signature (OPA's --verification-key-id).")
def bundle_build(output: Path, policy_dirs: tuple[str, ...], no_builtin_policies: bool, signing_key: Path | None,
                 signing_key_id: str) -> None:
    """Write an OPA bundle: the policies, their parameters as data and a manifest whose revision is
    the policy set's digest. Serve it with `opa run --server --bundle FILE` (or a bundle service),
    then check with `aiguard check --opa-url URL --opa-mode bundle`."""
    from aiguard.evaluate.bundle import write_bundle
    from aiguard.evaluate.policyset import load_policy_set
    from aiguard.output.text import counted

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    size = write_bundle(policy_set, output, signing_key, signing_key_id)
    signed = " (signed)" if signing_key else ""
    click.echo(f"wrote {output}{signed} ({size} bytes): {counted(len(policy_set.policies), 'policy', 'policies')}, "
               f"revision {policy_set.digest}")
