#!/usr/bin/env python3
"""`aiguard incident` on generated inventories (credentials, found_in chains of 6, cycles).

End to end (subprocess, JSON to a file) for two leaks: the public (`anyone`) and the principal
whose reach is the largest together with the public, so that many exposed credentials are walked
(one walk each, counted against aiguard.incident.MAX_VISITS). Prints what was reached and walked.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import AS_OF, aiguard_command, fit_text, footer, header, inventory_dir, mb, repeat, sized_parser, table, times_for


def widest_principal(directory: Path) -> str:
    """The principal that reaches the most (chosen once per size, in process)."""
    from aiguard.api import load_inventory
    from aiguard.exposure import exposures

    found = exposures(load_inventory([directory]), dt.date.fromisoformat(AS_OF))
    principals = [e for e in found if e.start != "anyone" and not e.start.startswith("credential:")]
    return max(principals, key=lambda e: (len(e.assets), e.start)).start


def main() -> int:
    parser = sized_parser(__doc__)
    args = parser.parse_args()

    header("aiguard incident on generated inventories")
    rows, medians = [], {}
    out = Path(tempfile.mkdtemp(prefix="bench-incident-")) / "incident.json"
    for assets in args.sizes:
        directory = inventory_dir(assets, args.seed)
        principal = widest_principal(directory)
        times = times_for(assets, args.repeat, args.repeat_large)
        for leaked in (["anyone"], ["anyone", principal]):
            flags = [arg for item in leaked for arg in ("--leaked", item)]
            series = repeat([*aiguard_command(), "incident", str(directory), *flags, "--discovered", "2026-11-27",
                             "--since", "2026-06-01", "--format", "json", "-o", str(out)], times)
            if series.failed:
                rows.append([assets, " ".join(leaked), times, "-", "-", "-", "-", "-", series.failed.first_error_line()])
                continue
            document = json.loads(out.read_text())
            medians.setdefault(" ".join(leaked) if len(leaked) == 1 else "anyone + widest principal", {})[
                assets] = series.median
            rows.append([assets, " ".join(leaked), times, series.median, series.cpu_median, mb(series.peak_rss_mb),
                         len(document["reach"]["assets"]), len(document["credentials"]), ""])
    print("\nend to end: aiguard incident DIR --leaked ... --discovered 2026-11-27 --since 2026-06-01 --format json "
          "-o FILE (subprocess; median of runs)")
    print(table(["assets", "leaked", "runs", "median s", "cpu s", "peak RSS MB", "assets reached",
                 "credentials exposed", "error"], rows))
    for name, points in medians.items():
        fit = fit_text(points, name)
        if fit:
            print(fit)
    footer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
