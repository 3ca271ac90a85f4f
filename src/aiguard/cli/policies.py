"""``aiguard policies``: list, show, test (and doc)."""

from __future__ import annotations

from typing import Any

import click

from aiguard.cli.engines import engine_flags
from aiguard.cli.options import colour, policy_options


@click.group()
def policies() -> None:
    """List, show, document and test the policies."""


@policies.command("list")
@policy_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def policies_list(policy_dirs: tuple[str, ...], no_builtin_policies: bool, fmt: str) -> None:
    """One line per policy: id, severity, area, title."""
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    if fmt == "json":
        import json

        click.echo(json.dumps({"digest": policy_set.digest, "parameters": policy_set.parameters,
                               "policies": [p.as_dict() for p in policy_set.policies]}, indent=2))
        return
    from aiguard.output.escape import printable
    from aiguard.output.text import counted

    # Columns as wide as their longest entry: custom ids and areas may be longer than the built-in ones.
    id_width = max((len(p.id) for p in policy_set.policies), default=0)
    area_width = max((len(p.area) for p in policy_set.policies), default=0)
    for policy in policy_set.policies:
        click.echo(printable(f"{policy.id:<{id_width}}  {policy.severity:<8}  {policy.area:<{area_width}}  {policy.title}"))
    click.echo(f"{counted(len(policy_set.policies), 'policy', 'policies')}, digest {policy_set.digest}")


@policies.command("show")
@click.argument("policy_id")
@policy_options
def policies_show(policy_id: str, policy_dirs: tuple[str, ...], no_builtin_policies: bool) -> None:
    """Print one policy in full: metadata, parameters and Rego source."""
    from aiguard.evaluate.policyset import load_policy_set

    policy_set = load_policy_set(policy_dirs, include_builtin=not no_builtin_policies)
    from aiguard.cli.onboarding import describe

    policy = policy_set.by_id(policy_id.upper())
    from aiguard.output.escape import printable

    click.echo(printable(describe(policy, policy_set), newlines=True))  # what `aiguard explain` prints, then the source
    click.echo(printable(f"--- {policy.module.name}\n{policy.module.text}", newlines=True), nl=False)


@policies.command("test")
@click.argument("directories", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List passing tests too.")
@engine_flags(server=False)
def policies_test(directories: tuple[str, ...], verbose: bool, engine: str, engine_options: dict[str, Any]) -> None:
    """Run the Rego unit tests (test_* rules in *_test.rego) on the in-process engine (or --engine opa).

    With no DIRECTORIES, tests the built-in policy library. The tests in DIRECTORIES (a part of the
    built-in library such as policies/partners, or your own policies) run with the built-in library
    and parameter declarations loaded, as `check --policy-dir` evaluates them."""
    from pathlib import Path

    from aiguard.errors import UsageError
    from aiguard.evaluate.builtins import untrusted
    from aiguard.evaluate.engine import get_engine
    from aiguard.evaluate.policyset import builtin_policy_dir, load_policy_set

    builtin = builtin_policy_dir().resolve()
    chosen = [Path(d).resolve() for d in directories]
    policy_set = load_policy_set(tuple(d for d in chosen if not d.is_relative_to(builtin)))
    tests = [t for t in policy_set.tests if not chosen or any(t.path.resolve().is_relative_to(d) for d in chosen)]
    if not tests:
        raise UsageError("no *_test.rego files found")  # never a silent pass
    backend = get_engine(engine, **engine_options)
    data = {"aiguard": {"parameters": policy_set.parameters}}
    if untrusted(tests):  # a runaway custom test is named, not just "the evaluation process died"
        from aiguard.evaluate.limits import naming_test

        results = naming_test(lambda chosen: backend.run_tests(policy_set.modules, data, chosen), tests)
    else:
        results = backend.run_tests(policy_set.modules, data, tests)
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            status = click.style("PASS", fg="green") if result.passed else click.style("FAIL", fg="red")
            click.echo(f"{status} {result.module}: {result.name}" + (f"\n     {result.error}" if result.error else ""),
                       color=colour())
    if not results:
        raise UsageError("no test_* rules found")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    click.get_current_context().exit(1 if failed else 0)


@policies.command("doc")
@policy_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def policies_doc(policy_dirs: tuple[str, ...], no_builtin_policies: bool, output: str | None) -> None:
    """Write the Markdown reference of all policies (docs/policies.md)."""
    from aiguard.evaluate.policyset import load_policy_set
    from aiguard.policy_reference import render

    text = render(load_policy_set(policy_dirs, include_builtin=not no_builtin_policies))
    if output:
        from aiguard.cli.options import write_output

        write_output(output, text)
    else:
        click.echo(text, nl=False)
