#!/usr/bin/env python
"""Wall time of ``aiguard validate`` on files made of errors (issue 12, unbounded input work).

Four hostile files, each a valid envelope around one generated mistake repeated: a list of
400,000 integers where records belong (800 KB, 400,000 schema errors: 42-53 s and 400,001 lines
before the caps), the same at 5,000,000 (10 MB; never finished), a mapping of 1,000,000 unknown
fields (13 MB) and 3,000 dangling references. Runs the installed ``aiguard validate`` as a
subprocess (Python start-up included): median of --repeat runs, peak RSS, lines printed.

    python bench/bench_hostile_input.py
    python bench/bench_hostile_input.py --repeat 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchlib import aiguard_command, footer, header, mb, run, table, verdict

ENVELOPE = "apiVersion: aiguard/v1\nkind: Inventory\nmetadata: {organization: x, owner: a@b.c}\n"
#: CPU seconds each case must end within (a human-sized error report on a 2-core machine).
TARGET_S = 10.0


def cases() -> dict[str, str]:
    return {
        "400,000 schema errors (800 KB)": ENVELOPE + "models: [" + ",".join(["1"] * 400_000) + "]\n",
        "5,000,000 schema errors (10 MB)": ENVELOPE + "models: [" + ",".join(["1"] * 5_000_000) + "]\n",
        "1,000,000 unknown fields (13 MB)": ENVELOPE.replace("metadata: {organization: x, owner: a@b.c}\n", "")
        + "metadata:\n  organization: x\n  owner: a@b.c\n" + "".join(f"  k{i}: 1\n" for i in range(1_000_000)),
        "3,000 dangling references": ENVELOPE + "access:\n"
        + "".join(f"  - {{principal: 'group:g', asset: missing-{i}, level: read}}\n" for i in range(3000)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    header("aiguard validate of files made of errors (subprocess, Python start-up included)")
    aiguard = aiguard_command()
    rows, ok = [], True
    with tempfile.TemporaryDirectory() as scratch:
        for name, text in cases().items():
            path = Path(scratch) / "errors.yaml"
            path.write_text(text)
            series = [run([*aiguard, "validate", str(path)]) for _ in range(args.repeat)]
            if any(r.returncode != 2 for r in series):
                print(f"{name}: expected exit 2, got {[r.returncode for r in series]}", file=sys.stderr)
                return 2
            seconds = sorted(r.seconds for r in series)[len(series) // 2]
            cpu = sorted(r.cpu_seconds for r in series)[len(series) // 2]
            lines = series[0].stderr.count(b"\n")
            ok &= cpu < TARGET_S  # CPU: a busy machine inflates wall time far more
            rows.append([name, path.stat().st_size // 1024, f"{seconds:.2f}", f"{cpu:.2f}",
                         mb(max(r.peak_rss_mb for r in series)), lines, f"< {TARGET_S:.0f} s {verdict(cpu < TARGET_S)}"])
    print(table(["file", "KiB", "wall s", "cpu s", "peak MB", "lines printed", "target (cpu)"], rows))
    footer()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
