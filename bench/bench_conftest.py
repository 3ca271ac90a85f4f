#!/usr/bin/env python
"""aiguard against Conftest over the same policies and inventories (issue "Real OPA", side-by-side).

Both tools run as subprocesses on the SAME generated inventory, one merged file per size (YAML by
default; --format json), with the SAME policies, parameters and as-of date, alternating run by run
so that both see the same machine load. Reports wall time (median), CPU time, peak RSS, the ratio
aiguard/Conftest per size, and checks that both report the same findings.

The setup given to Conftest (printed at the start of a run):
- ``--policy DIR``: a temp copy of the policy modules aiguard evaluates (not the ``*_test.rego``
  files), plus one thin adapter package per policy, because Conftest only accepts deny results
  that are strings or objects with a ``msg`` string and aiguard's findings carry ``message``.
  Each adapter re-emits the policy's findings unchanged with ``msg`` added.
- ``--namespace`` once per adapter package: Conftest queries each namespace separately, as it
  would with ``--all-namespaces``.
- ``--data FILE``: the very ``data`` document aiguard gives its engine (parameter declarations,
  overrides, ``as_of``).

    python bench/bench_conftest.py                       # 100, 1k, 10k, 100k (~4 minutes)
    python bench/bench_conftest.py --sizes 100,1000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchlib import (
    AS_OF,
    Run,
    aiguard_command,
    footer,
    header,
    inventory_file,
    mb,
    per_policy_seconds,
    run,
    sizes_option,
    staged_check,
    table,
    times_for,
    verdict,
)

#: Target of the issue: aiguard/Conftest wall-time ratio at most this, from this size on.
TARGETS = ((100, 1.0), (10_000, 0.5))
ADAPTER_PACKAGE = "aiguard_conftest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option("100,1000,10000,100000"),
                        help="generated inventory sizes in assets (default 100,1000,10000,100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per tool and size below 50,000 assets (default 5)")
    parser.add_argument("--repeat-large", type=int, default=1,
                        help="runs per tool and size from 50,000 assets (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", dest="fmt", choices=["yaml", "json"], default="yaml",
                        help="format of the one merged inventory file both tools read (default yaml)")
    parser.add_argument("--conftest", help="Conftest binary (default: $AIGUARD_CONFTEST, the tools cache, PATH)")
    parser.add_argument("--skip", action="append", default=[], metavar="ID",
                        help="leave a policy out of both tools (repeatable), e.g. one that OPA rejects")
    parser.add_argument("--timeout", type=float, default=120,
                        help="stop a Conftest run after this many seconds; larger sizes then skip Conftest "
                             "(default 120)")
    parser.add_argument("--size-budget", type=float, default=90,
                        help="stop repeating a size once it has taken this many seconds (default 90)")
    parser.add_argument("--no-profile", action="store_true", help="do not profile aiguard when the target is missed")
    args = parser.parse_args()

    conftest = find_conftest(args.conftest)
    if conftest is None:
        print("bench_conftest: Conftest not found; build it with scripts/install-conftest "
              "(or pass --conftest PATH / set AIGUARD_CONFTEST)", file=sys.stderr)
        return 2

    header("aiguard vs Conftest, same policies, same inventory file, same run")
    workdir = Path(tempfile.mkdtemp(prefix="aiguard-bench-conftest-"))
    try:
        return compare(args, conftest, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def compare(args: argparse.Namespace, conftest: str, workdir: Path) -> int:
    setup = ConftestSetup(workdir, tuple(args.skip))
    aiguard_base = [*aiguard_command(), "check", "--as-of", AS_OF, "--format", "json",
                    *[f"--skip={pid}" for pid in args.skip]]
    conftest_base = [conftest, "test", "--no-color", "--output", "json", "--policy", str(setup.policies),
                     "--data", str(setup.data), *[f"--namespace={ns}" for ns in setup.namespaces]]
    print(f"   conftest: {conftest} ({conftest_version(conftest)})")
    print(f"   input: one merged {args.fmt.upper()} file per size, the same file for both tools")
    print(f"   policies: {len(setup.namespaces)} ({', '.join(args.skip) or 'none'} skipped); "
          f"Conftest gets {setup.module_count} policy modules + {len(setup.namespaces)} adapter packages "
          f"under data.{ADAPTER_PACKAGE}, {len(setup.namespaces)} --namespace flags and --data {setup.data.name}")
    probe_direct(conftest, setup, inventory_file(100, args.seed, args.fmt))
    print(f"   aiguard:  {' '.join(Path(a).name if i == 0 else a for i, a in enumerate(aiguard_base))} FILE")
    print(f"   conftest: conftest test --no-color --output json --policy POLICIES --data data.json "
          f"--namespace={ADAPTER_PACKAGE}.<policy> ... FILE")

    rows, ratios, mismatches = [], {}, []
    conftest_timed_out_at = None
    for assets in args.sizes:
        path = inventory_file(assets, args.seed, args.fmt)
        size_mb = f"{path.stat().st_size / 2**20:.1f}"
        ours: list[Run] = []
        theirs: list[Run] = []
        started = time.perf_counter()
        for _ in range(times_for(assets, args.repeat, args.repeat_large)):
            # Alternate, so that both tools see the same machine load.
            ours.append(run([*aiguard_base, str(path)]))
            if conftest_timed_out_at is None:
                theirs.append(run([*conftest_base, str(path)], timeout=args.timeout))
            if (theirs and theirs[-1].timed_out) or time.perf_counter() - started > args.size_budget:
                break
        ours_ok, ours_keys = aiguard_keys(ours[0])
        a = _median(ours)
        ours_cells = [a, _median(ours, "cpu_seconds"), mb(max(r.peak_rss_mb for r in ours))]
        if not ours_ok:
            rows.append([assets, size_mb, len(ours), "-", "-", "-", "-", "-", "-", "-", "-", "-",
                         f"aiguard failed: {ours[0].first_error_line()}"])
            continue
        if not theirs or theirs[-1].timed_out:
            why = f"skipped: timed out at {conftest_timed_out_at:,}" if not theirs else f">{args.timeout:g}"
            if theirs:
                conftest_timed_out_at = assets
                ratios[assets] = (a / args.timeout, True)
            ratio = f"<{a / args.timeout:.2f}x" if theirs else "-"
            rows.append([assets, size_mb, len(ours), ours_cells[0], why, ratio, ours_cells[1], "-", ours_cells[2], "-",
                         len(ours_keys), "-", "-"])
            continue
        theirs_ok, theirs_keys, raw_count = conftest_keys(theirs[0], setup)
        if not theirs_ok:
            rows.append([assets, size_mb, len(ours), ours_cells[0], "-", "-", ours_cells[1], "-", ours_cells[2], "-",
                         len(ours_keys), "-", f"conftest failed: {theirs[0].first_error_line()}"])
            continue
        c = _median(theirs)
        ratios[assets] = (a / c, False)
        same = ours_keys == theirs_keys
        if not same:
            mismatches.append((assets, ours_keys, theirs_keys))
        theirs_count = f"{len(theirs_keys):,}" + (f" ({raw_count:,} raw)" if raw_count != len(theirs_keys) else "")
        rows.append([assets, size_mb, len(ours), a, c, f"{a / c:.2f}x", ours_cells[1], _median(theirs, "cpu_seconds"),
                     ours_cells[2], mb(max(r.peak_rss_mb for r in theirs)), len(ours_keys), theirs_count,
                     "yes" if same else "NO"])

    print(f"\nwall seconds are medians; 'ratio' is aiguard/Conftest (below 1: aiguard faster); a Conftest run over "
          f"{args.timeout:g} s is stopped and larger sizes skip Conftest. Findings are (policy, subject, principal) "
          "keys, waived ones included; 'raw' counts Conftest's failures before that de-duplication.")
    print(table(["assets", "file MB", "runs", "aiguard s", "conftest s", "ratio", "aiguard cpu s", "conftest cpu s",
                 "aiguard RSS MB", "conftest RSS MB", "aiguard findings", "conftest findings", "same findings"], rows))
    for assets, ours_keys, theirs_keys in mismatches:
        report_mismatch(assets, ours_keys, theirs_keys)

    missed, unknown = [], []
    print()
    for assets, (ratio, bound) in sorted(ratios.items()):
        limit = target_ratio(assets)
        if limit is None:
            continue
        what = "no slower than" if limit == 1.0 else f"at least {1 / limit:g}x faster than"
        if bound and ratio > limit:  # only an upper bound, and not low enough to decide
            unknown.append(assets)
            outcome = "UNDECIDED (Conftest was stopped; raise --timeout)"
        else:
            ok = ratio <= limit  # an upper bound that meets the limit decides it: the true ratio is lower
            if not ok:
                missed.append(assets)
            outcome = verdict(ok)
        print(f"target at {assets:,} assets: aiguard {what} Conftest: ratio {'<' if bound else ''}{ratio:.2f}  "
              f"{outcome}")
    if ratios:
        met = not missed and not mismatches
        print(f"verdict: {'target met' if met and not unknown else 'target MISSED' if not met else 'undecided'}"
              f"{' at ' + ', '.join(f'{n:,}' for n in missed) + ' assets' if missed else ''}"
              f"{'; undecided at ' + ', '.join(f'{n:,}' for n in unknown) + ' assets' if unknown else ''}"
              f"{'; findings differ (a bug to report)' if mismatches else ''}")
    if missed and not args.no_profile:
        profile(min(missed, key=lambda n: (n < 10_000, n)), args, aiguard_base)
    footer()
    return 0


class ConftestSetup:
    """The temp policy directory, adapter packages and data file that Conftest is run with."""

    def __init__(self, workdir: Path, skip: tuple[str, ...]) -> None:
        from aiguard.api import EVIDENCE_AREA, make_parameters, parse_as_of, policy_data
        from aiguard.evaluate.policyset import load_policy_set

        policy_set = load_policy_set()
        # What `aiguard check` evaluates without --evidence: the evidence policies are left out.
        selected = [p for p in policy_set.select((), skip) if p.area != EVIDENCE_AREA]
        left_out = {p.module.name for p in policy_set.policies if p not in selected}
        self.policies = workdir / "policies"
        self.module_count = 0
        for module in policy_set.modules:
            if module.name in left_out:
                continue
            target = self.policies / module.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(module.text)
            self.module_count += 1
        self.namespaces: list[str] = []
        self.policy_of: dict[str, str] = {}  # namespace -> policy id
        adapters = self.policies / f"_{ADAPTER_PACKAGE}"
        adapters.mkdir(parents=True)
        for policy in selected:
            namespace = f"{ADAPTER_PACKAGE}.{re.sub(r'[^a-z0-9]+', '_', policy.id.lower())}"
            (adapters / f"{namespace.rpartition('.')[2]}.rego").write_text(
                f"# Conftest needs a `msg` string in each deny object; {policy.id}'s findings carry `message`.\n"
                f"package {namespace}\n\n"
                f"deny contains object.union(finding, {{\"msg\": finding.message}}) if {{\n"
                f"\tsome finding in {policy.rule}\n"
                f"}}\n")
            self.namespaces.append(namespace)
            self.policy_of[namespace] = policy.id
        self.data = workdir / "data.json"
        data = policy_data(policy_set, make_parameters(policy_set), parse_as_of(AS_OF))
        self.data.write_text(json.dumps(data))
        self.has_policies = bool(selected)


def probe_direct(conftest: str, setup: ConftestSetup, path: Path) -> None:
    """Show, once, what Conftest says about aiguard's findings without the adapter."""
    if not setup.has_policies:
        return
    direct = workdir_without_adapters(setup)
    result = run([conftest, "test", "--no-color", "--output", "json", "--policy", str(direct), "--data",
                  str(setup.data), "--all-namespaces", str(path)], timeout=60)
    try:
        json.loads(result.stdout)
        print("   note: Conftest accepted aiguard's policies as they are (--all-namespaces)")
    except ValueError:
        print(f"   note: without the adapter Conftest rejects aiguard's findings: {result.first_error_line()}")


def workdir_without_adapters(setup: ConftestSetup) -> Path:
    direct = setup.policies.parent / "policies-direct"
    if not direct.exists():
        shutil.copytree(setup.policies, direct, ignore=shutil.ignore_patterns(f"_{ADAPTER_PACKAGE}"))
    return direct


def aiguard_keys(result: Run) -> tuple[bool, set[tuple[str, str, str | None]]]:
    if not result.succeeded(json_output=True):
        return False, set()
    report = json.loads(result.stdout)
    findings = report["findings"] + report.get("waived", [])
    return True, {(f["policy_id"], f["subject"], f.get("principal")) for f in findings}


def conftest_keys(result: Run, setup: ConftestSetup) -> tuple[bool, set[tuple[str, str, str | None]], int]:
    """Conftest's failures as aiguard's finding keys (aiguard reports one per policy, subject, principal)."""
    try:
        results = json.loads(result.stdout)
    except ValueError:
        return False, set(), 0
    keys, raw = set(), 0
    for checked in results:
        policy_id = setup.policy_of.get(checked["namespace"], checked["namespace"])
        for failure in checked.get("failures") or []:
            raw += 1
            metadata = failure.get("metadata", {})
            keys.add((policy_id, metadata.get("subject"), metadata.get("principal")))
    return True, keys, raw


def report_mismatch(assets: int, ours: set, theirs: set) -> None:
    print(f"\nBUG: findings differ at {assets:,} assets: {len(ours - theirs)} only in aiguard, "
          f"{len(theirs - ours)} only in Conftest")
    for label, keys in (("only in aiguard", ours - theirs), ("only in Conftest", theirs - ours)):
        by_policy: dict[str, int] = {}
        for key in keys:
            by_policy[key[0]] = by_policy.get(key[0], 0) + 1
        if by_policy:
            example = sorted(keys, key=str)[0]
            print(f"  {label}: " + ", ".join(f"{pid} {n}" for pid, n in sorted(by_policy.items()))
                  + f"; e.g. {example}")


def target_ratio(assets: int) -> float | None:
    limit = None
    for size, ratio in TARGETS:
        if assets >= size:
            limit = ratio
    return limit


def profile(assets: int, args: argparse.Namespace, aiguard_base: list[str]) -> None:
    """Where aiguard's time goes at ``assets``: stages in process, then the hottest functions."""
    import pstats

    path = inventory_file(assets, args.seed, args.fmt)
    print(f"\nprofile of aiguard at {assets:,} assets (target missed):")
    staged = staged_check([path], skip=tuple(args.skip))
    stages = {**staged.stages, "other": staged.other}
    print("  stages, in this process (which has imported part of aiguard already), seconds: "
          + ", ".join(f"{name} {seconds:.3f}" for name, seconds in stages.items())
          + f"; check total {staged.total:.3f}")
    timings = per_policy_seconds(staged)
    if timings:
        slowest = sorted(timings, key=lambda pid: -timings[pid])[:5]
        print("  slowest policies, each as its own regorus query (shared helpers included): "
              + ", ".join(f"{pid} {timings[pid]:.3f} s" for pid in slowest))
    with tempfile.NamedTemporaryFile(suffix=".prof") as output:
        # `python -m cProfile` writes its file at interpreter exit, which the console script skips
        # (it ends with os._exit): profile the command in process and write the file ourselves.
        arguments = aiguard_base[1:] if aiguard_base[0].endswith("aiguard") else aiguard_base[3:]
        run([sys.executable, "-c", _PROFILE_LAUNCHER, output.name, *arguments, str(path)])
        if not Path(output.name).stat().st_size:
            print("  (no profile was written)")
            return
        stats = pstats.Stats(output.name).stats  # type: ignore[attr-defined]
    by_own = sorted(stats.items(), key=lambda item: -item[1][2])[:15]
    ours = sorted(((key, value) for key, value in stats.items() if "/aiguard/" in key[0]),
                  key=lambda item: -item[1][3])[:12]
    for title, entries in ((f"cProfile of `aiguard check` at {assets:,} assets, hottest functions by own time", by_own),
                           ("aiguard's own functions by cumulative time", ours)):
        rows = [[f"{_short(file)}:{line}({name})", calls, f"{own:.3f}", f"{cumulative:.3f}"]
                for (file, line, name), (_, calls, own, cumulative, _) in entries]
        print(f"  {title}:")
        print("  " + table(["function", "calls", "own s", "cumulative s"], rows).replace("\n", "\n  "))


#: Runs ``aiguard ARGS`` under cProfile and writes the profile to argv[1], however the command ends.
_PROFILE_LAUNCHER = """\
import cProfile, sys
from aiguard.cli import main
profiler = cProfile.Profile()
try:
    profiler.runcall(main.main, sys.argv[2:], prog_name="aiguard")
except SystemExit:
    pass
finally:
    profiler.dump_stats(sys.argv[1])
"""


def _short(file: str) -> str:
    for marker in ("/site-packages/", "/src/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def _median(runs: list[Run], attribute: str = "seconds") -> float:
    import statistics

    return statistics.median(getattr(r, attribute) for r in runs)


def find_conftest(explicit: str | None) -> str | None:
    tools = Path(os.environ.get("AIGUARD_TOOLS_DIR") or
                 Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "aiguard" / "bin")
    for candidate in (explicit, os.environ.get("AIGUARD_CONFTEST"), str(tools / "conftest"),
                      shutil.which("conftest"), "/opt/aiguard-tools/bin/conftest"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def conftest_version(binary: str) -> str:
    """Conftest built with `go install` says "dev"; the Go build info names the module version."""
    go = shutil.which("go")
    if go:
        info = run([go, "version", "-m", binary]).stdout.decode(errors="replace")
        match = re.search(r"^\s*mod\s+github\.com/open-policy-agent/conftest\s+(\S+)", info, re.MULTILINE)
        opa = re.search(r"^\s*dep\s+github\.com/open-policy-agent/opa\s+(\S+)", info, re.MULTILINE)
        if match:
            return f"conftest {match.group(1)}" + (f", OPA {opa.group(1)}" if opa else "")
    return run([binary, "--version"]).stdout.decode(errors="replace").replace("\n", ", ").strip(", ")


if __name__ == "__main__":
    sys.exit(main())
