#!/usr/bin/env python
"""Speed and memory of ``aiguard verify`` (issue 11, section Speed).

1. Weights: hashing and sniffing --gb GB of weights (--files files, sparse: every read is served
   from the page cache without disk I/O, so both tools measure hashing, not the disk), compared
   with ``sha256sum`` on the same files in the same run. Target: aiguard's throughput >= 80% of
   sha256sum's.
2. One --big-gb GB sparse file: peak RSS of the verify process (memory must stay bounded).
3. A repository of --repo-files small source files (a few with tokens), scanned for secrets.
   Target: 10,000 files in under 10 s.

    python bench/bench_verify.py                           # 10 GB, 20 GB file, 10,000 files
    python bench/bench_verify.py --gb 1 --big-gb 2 --repo-files 1000      # a quick look
    python bench/bench_verify.py --repo-files 100000 --gb 0 --big-gb 0     # the 100,000-file repository
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GB = 1024**3


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of a subprocess."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024


def inventory(root: Path, models: dict[str, str]) -> Path:
    lines = ["apiVersion: aiguard/v1", "kind: Inventory", "metadata: {organization: Bench, owner: b@example.org}",
             "stores: [{id: s1}]", "repositories: [{id: r1}]", "models:" if models else "models: []"]
    lines += [f"  - {{id: {mid}, weights: {{store: s1, path: {path}, format: safetensors}}}}" for mid, path in models.items()]
    path = root / "inventory.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def verify(root: Path, inv: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "aiguard", "verify", str(inv), "-o", str(root / "evidence.json"), *args]


def sparse(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(b"\x10\x00\x00\x00\x00\x00\x00\x00{}" + b" " * 14)  # a tiny safetensors-like header
        handle.truncate(size)


def repository(root: Path, count: int) -> None:
    rng = random.Random(11)
    for index in range(count):
        folder = root / f"pkg{index % 100}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"def f{j}(x):\n    return x * {rng.randint(0, 999)}  # {rng.random()}\n" for j in range(25))
        if index % 1000 == 7:
            body += 'TOKEN = "ghp_' + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(36)) + '"\n'
        (folder / f"m{index}.py").write_text(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=10, help="GB of weights to hash (0: skip)")
    parser.add_argument("--files", type=int, default=4, help="files the weights are split into")
    parser.add_argument("--big-gb", type=float, default=20, help="size of the one big file (0: skip)")
    parser.add_argument("--repo-files", type=int, default=10_000, help="files in the repository (0: skip)")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="aiguard-bench-verify-") as temp:
        root = Path(temp)
        if options.gb:
            size = int(options.gb * GB / options.files)
            files = [root / "store" / "w" / f"part-{i}.safetensors" for i in range(options.files)]
            for file in files:
                sparse(file, size)
            inv = inventory(root, {"m1": "w/"})
            base, _ = timed(["sha256sum", *map(str, files)])
            ours, rss = timed(verify(root, inv, "--store-root", f"s1={root / 'store'}"))
            total = size * options.files / GB
            rows.append((f"hash+sniff {total:.1f} GB ({options.files} sparse files)", f"{ours:.2f}", f"{rss:.0f}",
                         f"sha256sum {base:.2f} s: aiguard at {base / ours:.0%} of its throughput (target >= 80%)"))
            shutil.rmtree(root / "store")
        if options.big_gb:
            sparse(root / "store" / "big.safetensors", int(options.big_gb * GB))
            inv = inventory(root, {"big": "big.safetensors"})
            ours, rss = timed(verify(root, inv, "--store-root", f"s1={root / 'store'}"))
            rows.append((f"one {options.big_gb:.0f} GB sparse file", f"{ours:.2f}", f"{rss:.0f}",
                         f"{options.big_gb / ours:.2f} GB/s; memory bounded"))
            shutil.rmtree(root / "store")
        if options.repo_files:
            repository(root / "repo", options.repo_files)
            (root / "store").mkdir(exist_ok=True)
            inv = inventory(root, {})
            ours, rss = timed(verify(root, inv, "--repo", f"r1={root / 'repo'}"))
            target = " (target < 10 s)" if options.repo_files == 10_000 else ""
            rows.append((f"secret scan, {options.repo_files:,} files", f"{ours:.2f}", f"{rss:.0f}",
                         f"{options.repo_files / ours:,.0f} files/s{target}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'seconds':>8}  {'peak MB':>8}  note")
    for case, seconds, rss, note in rows:
        print(f"{case:<{width}}  {seconds:>8}  {rss:>8}  {note}")
    print(f"(cpus: {os.cpu_count()}; python {sys.version.split()[0]}; sparse files: reads come from memory, not disk)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
