#!/usr/bin/env python
"""The full policy library on generated inventories (issue "The policy library", benchmark bullet).

For each size: ``aiguard check`` end to end as a subprocess (median of runs, peak RSS), then the
same check in process through ``aiguard.api.check`` with each stage timed (policies, load,
validate, merge, evaluate, findings) and the JSON rendering; the growth per 10x assets; and the
slowest policies at the largest size, from the regorus engine's per-policy timings, with their
time at every size so that a policy that grows faster than the inventory stands out.

    python bench/bench_policies.py                          # 1k, 10k, 100k (~2 minutes)
    python bench/bench_policies.py --sizes 1000,10000 --repeat 1
"""

from __future__ import annotations

import contextlib
import itertools
import statistics
import sys

from benchlib import (
    AS_OF,
    aiguard_command,
    aiguard_findings,
    footer,
    header,
    inventory_dir,
    mb,
    per_policy_seconds,
    repeat,
    sized_parser,
    staged_check,
    table,
    time_render,
    times_for,
    verdict,
)

TARGETS_S = {10_000: 1.5, 100_000: 15.0}  # issue 9: all 57 policies
#: A policy whose time grows this many times faster than the typical policy's is reported as a suspect.
SUSPECT_FACTOR = 1.5


def main() -> int:
    parser = sized_parser(__doc__)
    parser.add_argument("--top", type=int, default=5, help="how many of the slowest policies to list (default 5)")
    args = parser.parse_args()

    from aiguard.errors import AiguardError

    header("the policy library on generated inventories")
    check = [*aiguard_command(), "check", "--as-of", AS_OF, "--format", "json"]
    end_to_end, stage_rows, medians, cpu, policy_times = [], [], {}, {}, {}
    # Imports and schema compilation happen once per process: keep them out of the first size.
    with contextlib.suppress(AiguardError):  # reported below, per size
        staged_check([inventory_dir(100, args.seed)])
    for assets in args.sizes:
        directory = inventory_dir(assets, args.seed)
        times = times_for(assets, args.repeat, args.repeat_large)
        series = repeat([*check, str(directory)], times, json_output=True)
        if series.failed:
            end_to_end.append([assets, times, "-", "-", "-", "-", "-", "-", f"{series.failed.returncode}: "
                               f"{series.failed.first_error_line()}"])
        else:
            medians[assets] = series.median
            cpu[assets] = series.cpu_median
            end_to_end.append([assets, times, series.median, series.fastest, series.cpu_median, mb(series.peak_rss_mb),
                               f"{series.median / (assets / 1000):.3f}", aiguard_findings(series.runs[0].stdout),
                               series.runs[0].returncode])
        try:
            runs = sorted((staged_check([directory]) for _ in range(times)), key=lambda r: r.total)
        except AiguardError as error:
            stage_rows.append([assets, "-", *["-"] * 7, f"{type(error).__name__}: {error}"[:200]])
            continue
        staged = runs[len(runs) // 2]
        render_s = time_render(staged.report)
        s = staged.stages
        stage_rows.append([assets, len(staged.report.policies), s["policies"], s["load"], s["validate+merge"],
                           s["evaluate+findings"], staged.other, staged.total, render_s, ""])
        policy_times[assets] = per_policy_seconds(staged)

    print(f"\nend to end: aiguard check DIR --as-of {AS_OF} --format json (subprocess; median of runs)")
    print(table(["assets", "runs", "median s", "fastest s", "cpu s", "peak RSS MB", "s per 1k assets", "findings",
                 "exit"],
                end_to_end))
    print("\nin process, by stage (seconds; the run with the median total, after a warm-up): "
          "aiguard.api.check on regorus, then render json")
    print(table(["assets", "policies", "policies+params", "load", "validate+merge", "evaluate+findings",
                 "other", "check total", "render json", "error"], stage_rows))

    sizes = sorted(medians)
    if len(sizes) >= 2:
        print("\ngrowth (end to end):")
        for small, large in itertools.pairwise(sizes):
            ratio, factor = medians[large] / medians[small], large / small
            print(f"  {small:>7,} -> {large:>7,} assets (x{factor:g}): time x{ratio:.2f}"
                  f"  (x{ratio ** (1 / _log10(factor)):.2f} per 10x; linear is 10, start-up makes it less)")
    if policy_times:
        _slowest(policy_times, args.top)
    print()
    for assets, limit in TARGETS_S.items():
        if assets in medians:
            print(f"target {assets:,} assets < {limit:g} s end to end: {medians[assets]:.3f} s wall "
                  f"(cpu {cpu[assets]:.3f} s)  "
                  f"{verdict(medians[assets] < limit)}")
    footer()
    return 0


def _log10(x: float) -> float:
    import math

    return math.log10(x)


def _slowest(policy_times: dict[int, dict[str, float]], top: int) -> None:
    sizes = sorted(policy_times)
    largest = policy_times[sizes[-1]]
    total = sum(largest.values())
    slowest = sorted(largest, key=lambda pid: -largest[pid])[:top]
    rows = []
    for pid in slowest:
        row = [pid, *[policy_times[n].get(pid, "-") for n in sizes], f"{largest[pid] / total:.0%}"]
        rows.append([*row, _per_10x(policy_times, pid)])
    print(f"\nslowest {top} policies at {sizes[-1]:,} assets: seconds of each policy evaluated as its own regorus "
          f"query, the shared helpers it uses included (a normal run evaluates all policies in one query and "
          f"computes each helper once); all {len(largest)} such queries: {total:.3f} s")
    print(table(["policy", *[f"{n:,} assets" for n in sizes], "share", "growth per 10x"], rows))
    # Regorus itself grows a little faster than linear on large inputs, so a policy is suspect when
    # it grows clearly faster than the typical policy, not merely faster than x10.
    growths = {pid: g for pid in largest if (g := _growth_per_10x(policy_times, pid)) is not None}
    if not growths:
        return
    typical = statistics.median(growths.values())
    suspects = [f"{pid} (x{g:.0f})" for pid, g in sorted(growths.items(), key=lambda item: -item[1])
                if g > SUSPECT_FACTOR * typical and largest[pid] > 0.05]
    pair = sorted(policy_times)[-2:]
    print(f"growth per 10x from {pair[0]:,} to {pair[1]:,} assets: typical policy x{typical:.1f}; growing more than "
          f"{SUSPECT_FACTOR:g}x that (and > 50 ms): " + (", ".join(suspects) or "none"))


def _growth_per_10x(policy_times: dict[int, dict[str, float]], pid: str) -> float | None:
    """Growth between the two largest sizes (the longest, least noisy times)."""
    sizes = sorted(policy_times)[-2:]
    small, large = sizes[0], sizes[-1]
    t_small, t_large = policy_times[small].get(pid), policy_times[large].get(pid)
    if small == large or not t_small or not t_large or t_small < 0.005:
        return None  # too fast to measure a ratio
    return (t_large / t_small) ** (1 / _log10(large / small))


def _per_10x(policy_times: dict[int, dict[str, float]], pid: str) -> str:
    growth = _growth_per_10x(policy_times, pid)
    return "-" if growth is None else f"x{growth:.1f}"


if __name__ == "__main__":
    sys.exit(main())
