#!/usr/bin/env python
"""Wall time of ``aiguard import`` on a generated CycloneDX ML-BOM (issue 10, section Speed).

The BOM is the CycloneDX export of a generated inventory (``aiguard.testing.generate``), padded with
data components to the requested component count: models with hashes and model cards naming their
datasets, datasets with classification, sensitive data and owners, every one a bom-ref that
dependencies point at. Runs the installed ``aiguard import`` as a subprocess (Python start-up
included), the median of --repeat runs, with the peak RSS.

    python bench/bench_import.py                    # 1,000 and 10,000 components
    python bench/bench_import.py --sizes 10k --repeat 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchlib import (
    aiguard_command,
    footer,
    header,
    mb,
    run,
    sizes_option,
    table,
    verdict,
)

TEN_K_TARGET_S = 2.0


def generated_bom(components: int, seed: int) -> dict:
    from aiguard.interop.cyclonedx_export import bom
    from aiguard.testing.generate import generate

    inventory = generate(max(10, components // 2), seed=seed)  # about two thirds models and datasets
    document = bom(inventory)
    parts = document["components"]
    number = 0
    while len(parts) < components:
        parts.append({"type": "data", "bom-ref": f"extra-data-{number}", "name": f"Extra data {number}",
                      "data": [{"type": "dataset", "name": f"extra {number}", "classification": "internal",
                                "sensitiveData": ["pii"]}]})
        document["dependencies"].append({"ref": f"extra-data-{number}"})
        number += 1
    del parts[components:]
    kept = {c["bom-ref"] for c in parts} | {s["bom-ref"] for s in document.get("services", [])}
    document["dependencies"] = [
        {**d, "dependsOn": [r for r in d.get("dependsOn", []) if r in kept]} if "dependsOn" in d else d
        for d in document["dependencies"] if d["ref"] in kept]
    for component in parts:
        card = component.get("modelCard", {}).get("modelParameters")
        if card:
            card["datasets"] = [d for d in card["datasets"] if d["ref"] in kept]
    return document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option("1000,10000"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    header("aiguard import of a generated CycloneDX 1.6 ML-BOM (subprocess, Python start-up included)")
    aiguard = aiguard_command()
    run([*aiguard, "--version"])
    rows, ok = [], True
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            source = Path(scratch) / f"bom-{size}.json"
            source.write_text(json.dumps(generated_bom(size, args.seed)))
            out = Path(scratch) / "draft"
            series = []
            for _ in range(args.repeat):
                shutil.rmtree(out, ignore_errors=True)
                series.append(run([*aiguard, "import", str(source), "-o", str(out)]))
                if series[-1].returncode != 0:
                    print(series[-1].first_error_line(), file=sys.stderr)
                    return 2
            seconds = sorted(r.seconds for r in series)[len(series) // 2]
            cpu = sorted(r.cpu_seconds for r in series)[len(series) // 2]
            peak = max(r.peak_rss_mb for r in series)
            target = TEN_K_TARGET_S if size >= 10_000 else None
            if target is not None:
                ok &= seconds < target
            rows.append([size, source.stat().st_size // 1024, f"{seconds:.2f}", f"{cpu:.2f}", mb(peak),
                         f"< {target:.1f} s {verdict(seconds < target)}" if target else ""])
    print(table(["components", "BOM KiB", "wall s", "cpu s", "peak MB", "target"], rows))
    footer()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
