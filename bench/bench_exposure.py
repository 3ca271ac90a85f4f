#!/usr/bin/env python3
"""`aiguard exposure` on generated inventories (credentials, found_in chains of 6, cycles).

End to end (subprocess, every starting point, JSON to a file), then in process by stage: load
(read, validate, merge), build the access graph, walk it from every starting point, render JSON.
Prints the graph's size and the sum of the assets reached over all starting points (the output's
size): the walk must grow with that, not with starting points times nodes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from benchlib import (
    AS_OF,
    aiguard_command,
    fit_text,
    footer,
    header,
    inventory_dir,
    mb,
    repeat,
    sized_parser,
    table,
    times_for,
    verdict,
)

TARGETS_S = {100_000: 10.0}  # issue 9


def main() -> int:
    parser = sized_parser(__doc__)
    args = parser.parse_args()

    from aiguard.api import _collector_paused, load_inventory
    from aiguard.exposure import AccessGraph, ExposureReport, exposures
    from aiguard.output.exposure import render

    header("aiguard exposure on generated inventories")
    rows, stages, medians = [], [], {}
    out = Path(tempfile.mkdtemp(prefix="bench-exposure-")) / "exposure.json"
    for assets in args.sizes:
        directory = inventory_dir(assets, args.seed)
        times = times_for(assets, args.repeat, args.repeat_large)
        series = repeat([*aiguard_command(), "exposure", str(directory), "--as-of", AS_OF, "--format", "json",
                         "-o", str(out)], times)
        if series.failed:
            rows.append([assets, times, "-", "-", "-", "-", series.failed.first_error_line()])
            continue
        medians[assets] = series.median
        rows.append([assets, times, series.median, series.cpu_median, mb(series.peak_rss_mb),
                     f"{series.median / (assets / 1000):.3f}", ""])
        day = dt.date.fromisoformat(AS_OF)
        with _collector_paused():  # as exposure_report does
            started = time.perf_counter()
            inventory = load_inventory([directory])
            loaded = time.perf_counter()
            graph = AccessGraph.build(inventory, day)
            built = time.perf_counter()
            result = exposures(inventory, day, None, graph)
            walked = time.perf_counter()
            text = render(ExposureReport(day, inventory, graph, result), "json")
            rendered = time.perf_counter()
        reached = sum(len(e.assets) for e in result)
        stages.append([assets, len(graph.kinds), graph.edge_count, len(result), reached, loaded - started,
                       built - loaded, walked - built, rendered - walked, f"{len(text) / 1e6:.1f}"])
    os.unlink(out) if out.exists() else None

    print(f"\nend to end: aiguard exposure DIR --as-of {AS_OF} --format json -o FILE (subprocess; median of runs)")
    print(table(["assets", "runs", "median s", "cpu s", "peak RSS MB", "s per 1k assets", "error"], rows))
    print("\nin process, by stage (seconds)")
    print(table(["assets", "nodes", "edges", "starting points", "assets reached (sum)", "load", "build graph",
                 "walk", "render json", "JSON MB"], stages))
    fit = fit_text(medians)
    if fit:
        print(f"\n{fit}")
    print()
    for assets, limit in TARGETS_S.items():
        if assets in medians:
            print(f"target {assets:,} assets < {limit:g} s end to end: {medians[assets]:.3f} s  "
                  f"{verdict(medians[assets] < limit)}")
    footer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
