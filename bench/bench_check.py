#!/usr/bin/env python
"""End-to-end wall time of ``aiguard check`` (issue "aiguard core", section Speed).

Runs the installed ``aiguard`` command as a subprocess, Python start-up included, the way a user or
a pre-commit hook runs it: on the contract's dragonfly example and on generated inventories.
Prints the median of --repeat runs, the peak RSS of the process and the time per 1,000 assets,
then a straight-line fit to show that the time grows linearly, and what start-up costs.

    python bench/bench_check.py                      # full run (~1 minute)
    python bench/bench_check.py --sizes 1000,2000 --repeat 3
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchlib import (
    AS_OF,
    DRAGONFLY,
    aiguard_command,
    aiguard_findings,
    footer,
    header,
    inventory_dir,
    linear_fit,
    mb,
    repeat,
    run,
    sizes_option,
    table,
    verdict,
)

DRAGONFLY_TARGET_S = 0.5
TEN_K_TARGET_S = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option("1000,2000,5000,10000"),
                        help="generated inventory sizes in assets (default 1000,2000,5000,10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per case; the median is reported (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    header("aiguard check, end to end (subprocess, Python start-up included)")
    aiguard = aiguard_command()
    run([*aiguard, "--version"])  # warm the bytecode cache before anything is timed
    startup(aiguard, args.repeat)

    check = [*aiguard, "check", "--as-of", AS_OF, "--format", "json"]
    rows, points, cpu = [], [], {}
    dragonfly_s = None
    if DRAGONFLY.is_dir():
        series = repeat([*check, str(DRAGONFLY)], args.repeat, json_output=True)
        rows.append(_row("dragonfly example", None, len(list(DRAGONFLY.glob("*.y*ml"))), series))
        dragonfly_s = None if series.failed else (series.median, series.cpu_median)
    else:
        print(f"\n(note: {DRAGONFLY} is absent, so the dragonfly row is skipped)")
    for assets in args.sizes:
        directory = inventory_dir(assets, args.seed)
        series = repeat([*check, str(directory)], args.repeat, json_output=True)
        rows.append(_row(f"generated seed {args.seed}", assets, len(list(directory.glob("part-*"))), series))
        if not series.failed:
            points.append((assets / 1000, series.median))
            cpu[assets] = series.cpu_median

    print(f"\naiguard check PATH --as-of {AS_OF} --format json  (median of {args.repeat} runs)")
    print(table(["inventory", "assets", "files", "median s", "fastest s", "cpu s", "peak RSS MB", "s per 1k assets",
                 "findings", "exit"], rows))

    if len(points) >= 2:
        (n0, t0), (n1, t1) = points[0], points[-1]
        line = f"\ngrowth: {n0:g}k -> {n1:g}k assets (x{n1 / n0:g}) takes x{t1 / t0:.2f} the time"
        if len(points) >= 3:  # two points always fit a straight line
            fixed, per_k, worst = linear_fit(points)
            line += (f"; least-squares fit t = {fixed:.3f} s + {per_k:.3f} s per 1,000 assets, worst residual "
                     f"{worst:.1%} ({'linear' if worst < 0.1 else 'NOT a straight line'})")
        print(line)
    print()
    if dragonfly_s is not None:
        wall, cpu_s = dragonfly_s
        print(f"target dragonfly < {DRAGONFLY_TARGET_S} s: {wall:.3f} s wall (cpu {cpu_s:.3f} s)  "
              f"{verdict(wall < DRAGONFLY_TARGET_S)}")
    ten_k = dict(points).get(10.0)
    if ten_k is not None:
        print(f"target 10,000 assets < {TEN_K_TARGET_S} s: {ten_k:.3f} s wall (cpu {cpu[10_000]:.3f} s)  "
              f"{verdict(ten_k < TEN_K_TARGET_S)}")
    footer()
    return 0


def _row(name: str, assets: int | None, files: int, series) -> list:
    failed = series.failed
    if failed:
        return [name, assets or "-", files, *["-"] * 6, f"{failed.returncode}: {failed.first_error_line()}"]
    per_k = f"{series.median / (assets / 1000):.3f}" if assets else "-"
    return [name, assets or "-", files, series.median, series.fastest, series.cpu_median, mb(series.peak_rss_mb), per_k,
            aiguard_findings(series.runs[0].stdout), series.runs[0].returncode]


def startup(aiguard: list[str], times: int) -> None:
    """What a command costs before it does any work, and which imports `aiguard check` pays for."""
    rows = []
    for label, command in [("python -c pass (interpreter alone)", [sys.executable, "-c", "pass"]),
                           ("aiguard --version", [*aiguard, "--version"]),
                           ("aiguard --help", [*aiguard, "--help"]),
                           ("aiguard check --help", [*aiguard, "check", "--help"])]:
        series = repeat(command, times)
        rows.append([label, series.median, series.cpu_median, mb(series.peak_rss_mb)])
    print("\nstart-up")
    print(table(["command", "median s", "cpu s", "peak RSS MB"], rows))

    target = DRAGONFLY if DRAGONFLY.is_dir() else inventory_dir(1000)
    script = aiguard[-1] if len(aiguard) == 1 else None
    launcher = [sys.executable, "-X", "importtime", *([script] if script else ["-m", "aiguard"])]
    result = run([*launcher, "check", "--as-of", AS_OF, "--format", "json", str(target)])
    roots = _import_tree(result.stderr.decode(errors="replace"))
    total = sum(node.seconds for node in roots)
    print(f"\nimports of `aiguard check {Path(target).name}` (python -X importtime; cumulative ms, "
          f"the heaviest top-level imports and what inside them costs >= 5 ms): {total * 1000:.0f} ms in all")
    rows = []
    for node in sorted(roots, key=lambda n: -n.seconds)[:8]:
        rows.append([node.name, f"{node.seconds * 1000:.1f}"])
        for child in sorted(node.children, key=lambda n: -n.seconds)[:4]:
            if child.seconds >= 0.005:
                rows.append([f"  {child.name}", f"{child.seconds * 1000:.1f}"])
    print(table(["module", "ms"], rows))
    chain, node = [], max(roots, key=lambda n: n.seconds, default=None)
    while node is not None and node.seconds >= 0.02:
        chain.append(f"{node.name} {node.seconds * 1000:.0f} ms")
        node = max(node.children, key=lambda n: n.seconds, default=None)
    print("heaviest chain: " + " > ".join(chain))


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)")


@dataclass
class _Import:
    name: str
    seconds: float  # cumulative, children included
    children: list[_Import] = field(default_factory=list)


def _import_tree(stderr: str) -> list[_Import]:
    """The imports made at top level, each with the imports it made, from -X importtime output.

    Python prints a module after the modules it imported (post-order), indented one step deeper.
    """
    pending: list[tuple[int, _Import]] = []
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if not match:
            continue
        depth = (len(match.group(3)) - 1) // 2
        node = _Import(match.group(4), int(match.group(2)) / 1e6)
        while pending and pending[-1][0] > depth:
            node.children.append(pending.pop()[1])
        pending.append((depth, node))
    return [node for depth, node in pending if depth == 0]


if __name__ == "__main__":
    sys.exit(main())
