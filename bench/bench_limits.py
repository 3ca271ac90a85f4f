#!/usr/bin/env python
"""What the custom-policy guards cost (issue 12): the shipped library evaluated as shipped (in
process) against the very same policies loaded as a custom directory, which are untrusted and so
get the disallowed-builtin check and run in a forked child under the time and memory limits.

Both run in process through ``aiguard.api.check`` with one engine worker, so the difference is
the guards alone: the syntax-tree walk, the fork and the results sent back through a pipe.

    python bench/bench_limits.py                          # 1k and 10k assets
    python bench/bench_limits.py --sizes 1000 --repeat 1
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchlib import AS_OF, footer, header, inventory_dir, sizes_option, table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option("1000,10000"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from aiguard import api
    from aiguard.evaluate.builtins import check_modules
    from aiguard.evaluate.policyset import builtin_policy_dir, load_policy_set

    header("custom-policy guards: builtin check, forked evaluation under limits")
    with tempfile.TemporaryDirectory(prefix="aiguard-bench-limits-") as tmp:
        custom = Path(tmp) / "policies"
        shutil.copytree(builtin_policy_dir(), custom)
        policy_set = load_policy_set((custom,), include_builtin=False)
        started = time.perf_counter()
        check_modules(policy_set.modules)
        walk = time.perf_counter() - started
        print(f"builtin check of {len(policy_set.modules)} custom modules: {walk * 1000:.0f} ms")
        rows = []
        for assets in args.sizes:
            directory = inventory_dir(assets)
            timings: dict[str, list[float]] = {"shipped": [], "custom": []}
            findings = {}
            for _ in range(args.repeat):
                for label, options in (("shipped", {}), ("custom", {"policy_dirs": [custom], "builtin_policies": False})):
                    started = time.perf_counter()
                    report = api.check([directory], as_of=AS_OF, engine_options={"workers": 1}, **options)
                    timings[label].append(time.perf_counter() - started)
                    findings[label] = len(report.findings)
            shipped, guarded = statistics.median(timings["shipped"]), statistics.median(timings["custom"])
            same = "yes" if findings["shipped"] == findings["custom"] else "NO"
            rows.append([assets, f"{shipped:.2f}", f"{guarded:.2f}", f"{guarded - shipped:+.2f}",
                         f"{(guarded / shipped - 1) * 100:+.0f}%", same])
        print(table(["assets", "shipped s", "as custom s", "difference s", "overhead", "same findings"], rows))
    footer()
    return 0


if __name__ == "__main__":
    sys.exit(main())
