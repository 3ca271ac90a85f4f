"""``aiguard init`` (a starter inventory and pre-commit snippet) and ``aiguard explain`` (a policy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from aiguard.cli.options import policy_options

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from aiguard.evaluate.policyset import Policy, PolicySet

#: Starter files: name written -> (template under aiguard/starter/, what it holds).
STARTER_FILES = {
    "inventory.yaml": ("inventory.yaml", "metadata, organization-wide controls, exceptions"),
    "assets.yaml": ("assets.yaml", "stores, models, datasets, data sources, repositories"),
    "access.yaml": ("access.yaml", "partners, access grants, credentials"),
    ".pre-commit-config.yaml": ("pre-commit-config.yaml", "a pre-commit hook running aiguard on this inventory"),
}


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option("--force", is_flag=True, help="Overwrite starter files that already exist.")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Date the example records are written against (default: today).")
def init(directory: str, force: bool, as_of: str | None) -> None:
    """Write a commented starter inventory to DIRECTORY, one that passes every policy, and a
    .pre-commit-config.yaml that runs aiguard on it. Refuses to overwrite files unless --force."""
    from pathlib import Path

    from aiguard.api import parse_as_of
    from aiguard.errors import UsageError

    root = Path(directory)
    if root.exists() and not root.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    existing = [str(root / name) for name in STARTER_FILES if (root / name).exists()]
    if existing and not force:
        raise UsageError(f"refusing to overwrite {', '.join(existing)}; nothing written (--force overwrites)")
    from aiguard.output.write import leads_out, write_atomically

    # The directory may be in a checked-out tree: never write through a link planted there.
    linked = [str(root / name) for name in STARTER_FILES if leads_out(root / name)]
    if linked:
        raise UsageError(f"refusing to write through a symbolic link: {', '.join(linked)} (or one among its "
                         "directories) leads elsewhere; nothing written")
    texts = starter_texts(root, parse_as_of(as_of))
    try:
        root.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            write_atomically(root / name, text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write the starter inventory to {directory}: {error.strerror}") from None

    git_root = _git_root(root)
    shown = _shell_path(root)
    click.echo(f"Wrote a starter inventory to {root}:")
    for name, (_, holds) in STARTER_FILES.items():
        click.echo(f"  {root / name!s:<40} {holds}")
    click.echo("\nNext steps:")
    click.echo("  1. Replace the example records with your own; `aiguard schema` prints every field.")
    click.echo(f"  2. aiguard validate {shown}    # schema and references")
    click.echo(f"  3. aiguard check {shown}       # every policy; `aiguard explain <id>` explains a finding")
    if git_root is not None and git_root == root.resolve():
        click.echo("  4. pip install pre-commit && pre-commit install    # .pre-commit-config.yaml is in place")
    else:
        click.echo(f"  4. Move {root / '.pre-commit-config.yaml'} to the root of your git repository (or merge it"
                   " into the one there), then: pip install pre-commit && pre-commit install")
    click.echo(f"  5. aiguard report {shown} --as-of YYYY-MM-DD -o audit.html    # for your auditor")


def starter_texts(root: Path, as_of: dt.date) -> dict[str, str]:
    """The starter files for an inventory at ``root``, dated against ``as_of``."""
    import datetime as dt
    import re
    from importlib import resources
    from string import Template


    def day(offset: int) -> str:
        return (as_of + dt.timedelta(days=offset)).isoformat()

    git_root = _git_root(root)
    # The hook runs from the repository root, so paths in it are relative to that root.
    relative = root.resolve().relative_to(git_root).as_posix() if git_root else _relative(root)
    inventory = relative if relative not in ("", ".") else "."
    prefix = "" if inventory == "." else re.escape(inventory.rstrip("/") + "/")
    values = {
        "as_of": as_of.isoformat(),
        "inventory": _yaml_quote(inventory),
        "files_pattern": _yaml_quote(f"^{prefix}.*\\.(ya?ml|json)$"),
        "placement": "." if git_root is not None and git_root == root.resolve()
        else ";\n# move this file there, or merge it into the one there.",
        "recent": day(-30),
        "scanned": day(-7),
        "exercised": day(-60),
        "restore_tested": day(-45),
        "signed": day(-400),
        "in_90_days": day(90),
        "in_1_year": day(365),
        "grant_expires": day(300),  # 330 days after `recent`: inside partner_grant_max_days
        "credential_expires": day(60),
        "retention_until": day(3 * 365),
    }
    templates = resources.files("aiguard").joinpath("starter")
    texts = {}
    for name, (template, _) in STARTER_FILES.items():
        text = templates.joinpath(template).read_text(encoding="utf-8")
        texts[name] = Template(text).substitute(
            values, inventory=_shell_path(root) if name == "inventory.yaml" else values["inventory"])
    return texts


@click.command()
@click.argument("policy_id")
@policy_options
def explain(policy_id: str, policy_dirs: tuple[str, ...], no_builtin_policies: bool) -> None:
    """Explain policy POLICY_ID: why it matters, how to fix its findings (with an example),
    framework references, parameters, and how to waive it."""
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    from aiguard.output.escape import printable

    click.echo(printable(describe(policy_set.by_id(policy_id.strip().upper()), policy_set), newlines=True), nl=False)


def describe(policy: Policy, policy_set: PolicySet) -> str:
    """A policy explained for the person who has to fix its findings."""
    out = [f"{policy.id}: {policy.title}",
           f"severity {policy.severity}, area {policy.area}, defined in {policy.module.name}", ""]
    out += ["Why it matters", _indent(policy.description or "(no description in the policy's METADATA)"), ""]
    out += ["How to fix it", _indent(policy.remediation or "(no remediation in the policy's METADATA)"), ""]
    out += ["Example fix", _indent(policy.example_fix or "(no example_fix in the policy's METADATA)"), ""]
    out.append("References")
    out += [f"  {framework}: {', '.join(refs)}" for framework, refs in policy.frameworks.items()] or ["  (none)"]
    out += ["", "Parameters (override with --param NAME=VALUE, --data FILE or the config file)"]
    for name in policy.parameters:
        spec = policy_set.parameters[name]
        default = spec.get("default")
        shown = ", ".join(map(str, default)) if isinstance(default, list) else str(default).lower() \
            if isinstance(default, bool) else str(default)
        out.append(f"  {name} = {shown}")
        if spec.get("description"):
            out.append(_indent(str(spec["description"]), 6))
    if not policy.parameters:
        out.append("  (none)")
    out += ["", "Waive a finding (it stays visible in reports; an expired waiver is itself reported)",
            "  exceptions:", f"    - policy: {policy.id}", "      asset: <the finding's subject, or \"*\">",
            "      reason: <why the gap is accepted, and the ticket that closes it>",
            "      approved_by: <who accepts the risk>", "      expires: <YYYY-MM-DD>"]
    return "\n".join(out) + "\n"


def _indent(text: str, width: int = 2) -> str:
    return "\n".join((" " * width + line) if line.strip() else "" for line in text.strip("\n").splitlines())


def _git_root(path: Path) -> Path | None:
    """The enclosing git work tree (where pre-commit looks for its config), if any."""
    current = path.resolve()
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _relative(path: Path) -> str:
    import os

    return os.path.relpath(path.resolve()).replace(os.sep, "/")


def _shell_path(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
