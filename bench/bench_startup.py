#!/usr/bin/env python
"""Start-up: what a pre-commit run of ``aiguard check`` costs before and around its work.

Median wall time of N runs, interleaved command by command so that all see the same load:
``python -c pass``, ``aiguard --version``, ``aiguard check`` of the contract's dragonfly example
(``../shared/spec/examples/dragonfly``, skipped when absent), and aiguard against Conftest on the
same generated 100-asset file (the setup of ``bench_conftest.py``; Conftest skipped when absent).

Two ways Python may find aiguard's own modules, each a column:
- ``source``: as this machine runs the editable install, with PYTHONDONTWRITEBYTECODE=1: no
  bytecode is ever written for the project's modules, so every start compiles them;
- ``bytecode``: compiled once (a private PYTHONPYCACHEPREFIX, warmed up by one run first), as a
  pip or pre-commit install has them. The targets of issue 13 are judged on this column.
CPU columns (user + system) say the same less noisily on a busy machine. Then the heaviest
imports of ``aiguard check`` (``python -X importtime``, bytecode).

    python bench/bench_startup.py                 # 15 runs per command and mode (~1 minute)
    python bench/bench_startup.py --repeat 5
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import AS_OF, DRAGONFLY, aiguard_command, footer, header, inventory_file, table, verdict

#: Targets of issue 13 (bytecode column): dragonfly under this many seconds, and aiguard no slower
#: than Conftest at 100 assets.
DRAGONFLY_TARGET = 0.15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per command and mode (default 15)")
    parser.add_argument("--conftest", help="Conftest binary (default: $AIGUARD_CONFTEST, the tools cache, PATH)")
    parser.add_argument("--imports", type=int, default=12, help="heaviest imports to list (default 12)")
    args = parser.parse_args()

    from bench_conftest import ADAPTER_PACKAGE, ConftestSetup, find_conftest

    header("start-up: median wall seconds per command (interleaved runs)")
    aiguard = aiguard_command()
    hundred = inventory_file(100)
    commands: dict[str, list[str]] = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "aiguard --version": [*aiguard, "--version"],
    }
    if DRAGONFLY.is_dir():
        commands["aiguard check dragonfly"] = [*aiguard, "check", str(DRAGONFLY), "--as-of", AS_OF]
    else:
        print(f"   (no {DRAGONFLY}: the dragonfly row is skipped)")
    commands["aiguard check 100 assets (json)"] = [*aiguard, "check", str(hundred), "--as-of", AS_OF, "--format", "json"]
    conftest = find_conftest(args.conftest)
    workdir = Path(tempfile.mkdtemp(prefix="aiguard-bench-startup-"))
    try:
        if conftest:
            setup = ConftestSetup(workdir / "conftest", ())
            commands["conftest 100 assets (json)"] = [
                conftest, "test", "--no-color", "--output", "json", "--policy", str(setup.policies),
                "--data", str(setup.data), *[f"--namespace={ns}" for ns in setup.namespaces], str(hundred)]
            print(f"   conftest: {conftest}, {len(setup.namespaces)} adapter namespaces under data.{ADAPTER_PACKAGE}")
        else:
            print("   (Conftest not found: scripts/install-conftest builds it; its row is skipped)")
        modes = {
            "source": {"PYTHONDONTWRITEBYTECODE": "1"},
            "bytecode": {"PYTHONPYCACHEPREFIX": str(workdir / "pycache")},
        }
        for mode in modes.values():  # warm up: bytecode written, files in the page cache
            for command in commands.values():
                _run(command, mode)
        seconds: dict[tuple[str, str], list[float]] = {(name, m): [] for name in commands for m in modes}
        cpu: dict[tuple[str, str], list[float]] = {(name, m): [] for name in commands for m in modes}
        for _ in range(args.repeat):
            for mode_name, mode in modes.items():
                for name, command in commands.items():
                    wall, used = _run(command, mode)
                    seconds[(name, mode_name)].append(wall)
                    cpu[(name, mode_name)].append(used)
        medians = {key: statistics.median(values) for key, values in seconds.items()}
        rows = [[name, *(f"{medians[(name, m)]:.3f}" for m in modes),
                 f"{min(seconds[(name, 'bytecode')]):.3f}",
                 *(f"{statistics.median(cpu[(name, m)]):.3f}" for m in modes), args.repeat] for name in commands]
        print(table(["command", "source s", "bytecode s", "fastest (bytecode)", "cpu source", "cpu bytecode", "runs"],
                    rows))
        _verdicts(medians)
        _imports(commands.get("aiguard check dragonfly") or commands["aiguard check 100 assets (json)"],
                 modes["bytecode"], args.imports)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    footer()
    return 0


def _run(command: list[str], mode: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system; less sensitive to a busy machine) of one run."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env.update(mode, NO_COLOR="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:500]}")
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _verdicts(medians: dict[tuple[str, str], float]) -> None:
    dragonfly = medians.get(("aiguard check dragonfly", "bytecode"))
    if dragonfly is not None:
        print(f"dragonfly: {dragonfly:.3f} s median (bytecode), target < {DRAGONFLY_TARGET} s: "
              f"{verdict(dragonfly < DRAGONFLY_TARGET)}")
    ours = medians[("aiguard check 100 assets (json)", "bytecode")]
    theirs = medians.get(("conftest 100 assets (json)", "bytecode"))
    if theirs is not None:
        print(f"100 assets: aiguard/Conftest {ours / theirs:.2f}x (bytecode), target <= 1.0: {verdict(ours <= theirs)}")


def _imports(command: list[str], mode: dict[str, str], top: int) -> None:
    """The heaviest top-level imports (cumulative) of one run of ``command``."""
    python = [sys.executable, "-X", "importtime", "-m", "aiguard", *command[command.index("check"):]]
    env = {**os.environ, **mode}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    stderr = subprocess.run(python, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            check=False).stderr
    imports = []
    for line in stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and line.startswith("import time:") and parts[1].strip().isdigit():
            name = parts[2]
            if not name[1:].startswith(" "):  # top level: imported by aiguard's own code or runpy
                imports.append((int(parts[1]), name.strip()))
    total = sum(us for us, _ in imports)
    rows = [[name, f"{us / 1000:.1f}"] for us, name in sorted(imports, reverse=True)[:top]]
    print(f"\nheaviest top-level imports of `aiguard check` (python -X importtime, bytecode, one run; "
          f"{total / 1000:.0f} ms in all):")
    print(table(["module", "cumulative ms"], rows))


if __name__ == "__main__":
    sys.exit(main())
