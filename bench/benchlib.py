"""Plumbing shared by the benchmark scripts: cached generated inventories, timed subprocesses with
their peak memory, aiguard's stages timed in process, medians and plain tables.

Benchmarks print numbers and verdicts; they assert nothing and are not part of the test suite
(timed tests are flaky on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / ".cache"
#: The contract's example, beside the repository (a user's clone does not have it).
DRAGONFLY = REPO.parent / "shared" / "spec" / "examples" / "dragonfly"
AS_OF = "2026-11-25"
#: From this size on, a benchmark runs each case --repeat-large times instead of --repeat.
LARGE = 50_000


# --- generated inventories, cached by size, seed, layout and the generator's own source ----------

def _generator_digest() -> str:
    from aiguard.testing import generate

    return hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:10]


def _cached(key: str, build: Callable[[Path], None]) -> Path:
    """``CACHE/key``, built once; entries made by an older generator are removed."""
    digest = _generator_digest()
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob("inv-*"):
        if not stale.name.endswith(f"-g{digest}"):
            shutil.rmtree(stale, ignore_errors=True)
    target = CACHE / f"inv-{key}-g{digest}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    # Built aside and renamed, so that an interrupted run never leaves a half-written inventory.
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=CACHE))
    started = time.perf_counter()
    build(staging)
    (staging / ".complete").write_text("")
    try:
        staging.rename(target)
    except OSError:  # another benchmark built it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
        if not (target / ".complete").exists():
            raise
        return target
    print(f"  (generated {key} in {time.perf_counter() - started:.1f} s, cached in {target.relative_to(REPO)})",
          file=sys.stderr)
    return target


def inventory_dir(assets: int, seed: int = 1, fmt: str = "yaml") -> Path:
    """A directory of files of at most 2,000 records each, as ``aiguard.testing.generate`` writes it."""
    from aiguard.testing.generate import generate, write

    return _cached(f"dir-{fmt}-n{assets}-s{seed}", lambda out: write(generate(assets, seed), out, fmt))


def inventory_file(assets: int, seed: int = 1, fmt: str = "yaml") -> Path:
    """The same generated inventory as one merged file (what both tools of a comparison can read)."""
    from aiguard.testing.generate import generate

    def build(out: Path) -> None:
        import json

        import yaml

        document = {"apiVersion": "aiguard/v1", "kind": "Inventory",
                    "metadata": {"organization": "Generated Org", "owner": "gov@example.org"},
                    **generate(assets, seed)}
        path = out / f"inventory.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(document, indent=1))
        else:
            path.write_text(yaml.dump(document, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False))

    return _cached(f"file-{fmt}-n{assets}-s{seed}", build) / f"inventory.{fmt}"


# --- subprocesses ---------------------------------------------------------------------------------

def aiguard_command() -> list[str]:
    """The installed console script next to this Python (what a user runs), else ``python -m aiguard``."""
    script = Path(sys.executable).with_name("aiguard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "aiguard"]


@dataclass
class Run:
    seconds: float  # wall
    cpu_seconds: float  # user + system, of the program and its children
    peak_rss_mb: float
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool = False

    def succeeded(self, json_output: bool = False) -> bool:
        """Exit 0 or 1 (findings); with ``json_output``, also a JSON object on stdout (a crash exits 1 too)."""
        if self.returncode not in (0, 1) or self.timed_out:
            return False
        return not json_output or (self.stdout.lstrip().startswith(b"{") and self.stdout.rstrip().endswith(b"}"))

    def first_error_line(self) -> str:
        lines = [line for line in self.stderr.decode(errors="replace").splitlines() if line.strip()]
        return " | ".join(lines[:3])[:300] or f"exit {self.returncode}"


#: GNU time reports the peak RSS of the very program it runs. Python's own rusage of a child would
#: not do: a forked child inherits its parent's resident size as its high-water mark, so every
#: reading would be at least the size of this (possibly large) benchmark process.
GNU_TIME = "/usr/bin/time"


def memory_method() -> str:
    return "GNU time %M" if os.path.exists(GNU_TIME) else "VmHWM of /proc/PID/status, polled every 5 ms"


def run(command: Sequence[str], cwd: Path | None = None, timeout: float | None = None) -> Run:
    """Run ``command`` once; wall and CPU time from spawn to exit, and the peak RSS of that program.

    After ``timeout`` seconds the program is killed and the run is marked ``timed_out``.
    """
    import signal
    import threading

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        use_time = os.path.exists(GNU_TIME)
        launch = [GNU_TIME, "-f", "%M", "-o", rss.name, *command] if use_time else list(command)
        peak_kb = [0]
        stop = threading.Event()
        started = time.perf_counter()
        process = subprocess.Popen(launch, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
                                   start_new_session=True)  # its own group: a timeout kills GNU time's child too
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer is not None:
            timer.start()
        poller = None
        if not use_time:
            poller = threading.Thread(target=_poll_peak, args=(process.pid, peak_kb, stop), daemon=True)
            poller.start()
        # wait4 on GNU time includes the CPU of the program it ran (a reaped child's usage adds up).
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # e.g. Ctrl-C: the program is in its own session and would live on
            kill()
            os.wait4(process.pid, 0)
            raise
        seconds = time.perf_counter() - started
        if timer is not None:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        stop.set()
        if poller is not None:
            poller.join()
        if use_time:
            # After a non-zero exit GNU time writes "Command exited with non-zero status N" first.
            words = rss.read().split()
            peak_kb[0] = int(words[-1]) if words and words[-1].isdigit() else 0
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb[0] / 1024, process.returncode,
                   out.read(), err.read(), expired.is_set())


def _poll_peak(pid: int, peak_kb: list[int], stop: Any) -> None:
    """The process's high-water RSS in kB, read until it exits (the mark only grows)."""
    status = Path(f"/proc/{pid}/status")
    while not stop.is_set():
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb[0] = max(peak_kb[0], int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.005)


@dataclass
class Series:
    """Repeated runs of one command."""

    runs: list[Run] = field(default_factory=list)
    json_output: bool = False

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def fastest(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if not r.succeeded(self.json_output)), None)


def repeat(command: Sequence[str], times: int, json_output: bool = False) -> Series:
    """Run ``command`` up to ``times`` times; stop at the first failure (not worth timing again)."""
    series = Series(json_output=json_output)
    for _ in range(times):
        series.runs.append(run(command))
        if series.failed:
            break
    return series


def times_for(assets: int, repeat_small: int, repeat_large: int) -> int:
    return repeat_large if assets >= LARGE else repeat_small


def aiguard_findings(stdout: bytes) -> int:
    """Findings in ``aiguard check --format json`` output, waived ones included."""
    import json

    report = json.loads(stdout)
    return len(report["findings"]) + len(report.get("waived", []))


# --- aiguard's stages, timed in process around the real ``aiguard.api.check`` --------------------

#: Stage -> the functions ``aiguard.api.check`` calls for it (names in ``aiguard.api``).
STAGES = {
    "policies": ("load_policy_set", "make_parameters"),
    "load": ("discover", "read_documents"),
    # One round of problems (schema, look-alike names, ids, references) and the merge.
    "validate+merge": ("validate_inventory",),
    # Evaluation and collection: above 2 MB of inventory they run side by side in two processes
    # (each evaluates and collects a share of the policies), so they are timed together.
    "evaluate+findings": (),
}


@dataclass
class StagedRun:
    total: float
    stages: dict[str, float]
    report: Any
    evaluated: tuple[Any, ...] | None  # what check passed to the engine: (modules, data, inventory, rules)

    @property
    def other(self) -> float:
        """Time in ``check`` outside the named stages (e.g. serialising the input for the engine)."""
        return self.total - sum(self.stages.values())


@contextmanager
def _timed_stages(stages: dict[str, float], evaluated: list[tuple[Any, ...]]) -> Iterator[None]:
    import aiguard.api as api

    def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stages[stage] = stages.get(stage, 0.0) + time.perf_counter() - started
        return wrapper

    real_findings = api._Run.findings

    def findings(run: Any, policies: list[Any], workers: int) -> Any:
        evaluated.append((run.policy_set.modules, run.data, run.inventory.data, {p.id: p.rule for p in policies}))
        return timed("evaluate+findings", real_findings)(run, policies, workers)

    saved = {}
    for stage, names in STAGES.items():
        stages.setdefault(stage, 0.0)
        for name in names:
            if hasattr(api, name):  # a renamed function just drops out of the split
                saved[name] = getattr(api, name)
                setattr(api, name, timed(stage, saved[name]))
    api._Run.findings = findings  # type: ignore[method-assign]
    try:
        yield
    finally:
        api._Run.findings = real_findings  # type: ignore[method-assign]
        for name, function in saved.items():
            setattr(api, name, function)


def staged_check(paths: Sequence[Path], as_of: str = AS_OF, **options: Any) -> StagedRun:
    """One real ``aiguard.api.check`` on the regorus engine, with the time of each stage."""
    import gc

    from aiguard.api import check
    from aiguard.parallel import default_workers

    options.setdefault("workers", default_workers())  # as the CLI runs it
    stages: dict[str, float] = {}
    evaluated: list[tuple[Any, ...]] = []
    gc.collect()
    with _timed_stages(stages, evaluated):
        started = time.perf_counter()
        report = check([str(p) for p in paths], as_of=as_of, engine="regorus", **options)
        total = time.perf_counter() - started
    return StagedRun(total, stages, report, evaluated[0] if evaluated else None)


def per_policy_seconds(staged: StagedRun) -> dict[str, float]:
    """Seconds per policy id: the same evaluation again, each policy as its own regorus query.

    A policy's time includes the shared helper rules it uses, which a query computes afresh; the
    normal run evaluates all policies in one query and computes each helper once.
    """
    from aiguard.evaluate.regorus_engine import RegorusEngine

    if staged.evaluated is None:
        return {}
    engine = RegorusEngine(per_policy=True)
    engine.evaluate(*staged.evaluated)
    return dict(engine.timings)


def time_render(report: Any, fmt: str = "json") -> float:
    from aiguard.output import RenderOptions, render

    started = time.perf_counter()
    render(report, fmt, RenderOptions())
    return time.perf_counter() - started


# --- printing --------------------------------------------------------------------------------------

def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain text table; numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in rows) and bool(rows) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(row, widths, numeric)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _is_number(value: Any) -> bool:
    if isinstance(value, (int, float)) or value in ("-", ""):
        return True
    return isinstance(value, str) and value.rstrip("x%").replace(".", "").replace(",", "").isdigit()


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def header(title: str) -> None:
    import platform

    from aiguard import __version__

    print(f"== {title}")
    print(f"   aiguard {__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f} at start, as-of {AS_OF}")
    print(f"   peak memory: {memory_method()}")


def footer() -> None:
    print(f"(load average {os.getloadavg()[0]:.2f} at the end; wall times on a busy 2-core machine are inflated, "
          "the cpu columns much less so)")


def sizes_option(text: str) -> list[int]:
    """``1000,10k,100000`` -> [1000, 10000, 100000]."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return sizes


def sized_parser(doc: str, sizes: str = "1000,10000,100000", repeat: int = 3) -> argparse.ArgumentParser:
    """The options every size sweep shares: --sizes, --repeat, --repeat-large (from LARGE assets), --seed."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", type=sizes_option, default=sizes_option(sizes),
                        help=f"generated inventory sizes in assets (default {sizes})")
    parser.add_argument("--repeat", type=int, default=repeat,
                        help=f"runs per size below {LARGE:,} assets (default {repeat})")
    parser.add_argument("--repeat-large", type=int, default=1, help=f"runs per size from {LARGE:,} assets (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    return parser


def linear_fit(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Least squares ``y = a + b x``; returns (a, b, worst relative residual)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    b = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx if sxx else 0.0
    a = mean_y - b * mean_x
    worst = max(abs(y - (a + b * x)) / y for x, y in points if y) if points else 0.0
    return a, b, worst


def fit_text(seconds_by_assets: dict[int, float], label: str = "") -> str | None:
    """``linear fit (label): a s + b s per 1k assets (worst residual r)``; None below two sizes."""
    if len(seconds_by_assets) < 2:
        return None
    intercept, slope, worst = linear_fit(sorted(seconds_by_assets.items()))
    return (f"linear fit{f' ({label})' if label else ''}: {intercept:.2f} s + {slope * 1000:.3f} s per 1k assets "
            f"(worst residual {worst:.0%})")


def mb(value: float) -> str:
    return f"{value:.1f}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"
