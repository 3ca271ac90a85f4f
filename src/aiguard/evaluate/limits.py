"""Time and memory limits for evaluating policies that come from the repository under review.

A custom policy can recurse without end (regorus overflows its stack and the process dies with
SIGSEGV) or build a comprehension of a billion elements (minutes, gigabytes). regorus runs in
process and cannot be interrupted, so an evaluation with untrusted policies runs in a forked child
with ``RLIMIT_AS`` and a deadline; ``opa eval``/``opa test`` get the same through ``subprocess``.
Exceeding a limit, or any death of the child, is a ``PolicyError`` naming the policy (found by
re-running the suspects: a lone suspect is named at once, several are halved until one is left).
"""

from __future__ import annotations

import os
import pickle
import re
import select
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from aiguard.errors import AiguardError, PolicyError, Problem

T = TypeVar("T")

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY = 4 << 30
#: Below this OPA (Go) cannot even start: it reserves address space up front.
MINIMUM_MEMORY = 1 << 30


@dataclass(frozen=True)
class Limits:
    """Wall-clock seconds and bytes of address space for one evaluation."""

    timeout: float = DEFAULT_TIMEOUT
    memory: int = DEFAULT_MEMORY

    def __post_init__(self) -> None:
        from aiguard.errors import UsageError

        if not self.timeout > 0:
            raise UsageError(f"policy timeout {self.timeout!r}: must be more than 0 seconds")
        if self.memory < MINIMUM_MEMORY:
            raise UsageError(f"policy memory {self.memory}: must be at least {MINIMUM_MEMORY} bytes (1G)")

    def describe(self) -> str:
        return f"{self.timeout:g} s and {format_bytes(self.memory)}"

    def set_memory_limit(self) -> None:
        """In a child process: cap its address space (``preexec_fn`` for subprocesses too). Where
        the platform has no ``RLIMIT_AS`` (Windows; macOS refuses it) only the deadline applies."""
        try:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = self.memory if hard == resource.RLIM_INFINITY else min(self.memory, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ImportError, AttributeError, ValueError, OSError):
            pass


class LimitExceeded(PolicyError):
    """The evaluation ran out of time or memory, or its process died."""


def run_limited(func: Callable[..., T], args: tuple[Any, ...], limits: Limits) -> T:
    """``func(*args)`` in a forked child under ``limits``; its exception is raised here.

    Raises ``LimitExceeded`` (without a policy named) when the child overruns or dies. Without
    ``fork`` (Windows) it runs here, unlimited: use ``--engine opa`` there for limits."""
    if not hasattr(os, "fork"):
        return func(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        status = 0
        try:
            _quiet_crashes()
            limits.set_memory_limit()
            payload = pickle.dumps(("ok", func(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload, status = pickle.dumps(("memory", None)), 3
        except BaseException as error:
            try:
                payload = pickle.dumps(("error", error))
            except Exception:
                payload = pickle.dumps(("error", AiguardError(f"{type(error).__name__}: {error}")))
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    result: T = _collect_child(pid, read_end, limits)  # unpickled: what func returned in the child
    return result


def _quiet_crashes() -> None:
    """In the child: its death is reported by the parent, so no crash dump (a Rust allocation
    failure, or a faulthandler traceback when PYTHONFAULTHANDLER or pytest enabled it) on stderr."""
    import faulthandler

    if faulthandler.is_enabled():
        faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _collect_child(pid: int, read_end: int, limits: Limits) -> Any:
    deadline = time.monotonic() + limits.timeout
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise LimitExceeded(f"evaluation did not finish within {limits.timeout:g} s (the policy timeout)")
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:
        raise LimitExceeded(f"the evaluation process died ({_death(status)}) within the limits "
                            f"{limits.describe()}; a policy recursing without end or using too much memory "
                            "does this") from None
    if kind == "memory":
        raise LimitExceeded(f"evaluation ran out of memory (the policy memory limit, {format_bytes(limits.memory)})")
    if kind == "error":
        raise value
    return value


def _death(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"signal {signal.Signals(number).name}"
        except ValueError:
            return f"signal {number}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def naming_culprit(run: Callable[[dict[str, str]], T], rules: dict[str, str], suspects: dict[str, str]) -> T:
    """``run(rules)``; when it exceeds the limits, re-run to name the policy at fault.

    ``suspects``: rule key -> file of the untrusted policies among ``rules`` (the shipped ones are
    bounded and tested). A lone suspect is named at once; several are halved until one is left."""
    try:
        return run(rules)
    except LimitExceeded as error:
        keys = [key for key in rules if key in suspects]
        while len(keys) > 1:
            half = keys[: len(keys) // 2]
            keys = half if _fails(run, {key: rules[key] for key in half}) else keys[len(keys) // 2:]
        reason = "; ".join(problem.message for problem in error.problems)
        if not keys:
            raise
        raise PolicyError([Problem(suspects[keys[0]], None, keys[0], reason)]) from None


def naming_test(run: Callable[[list[Any]], T], tests: list[Any]) -> T:
    """``run(tests)`` (test modules); when it exceeds the limits, re-run halves of them to name the
    test file at fault, as ``naming_culprit`` names a policy."""
    try:
        return run(tests)
    except LimitExceeded as error:
        suspects = list(tests)
        while len(suspects) > 1:
            half = suspects[: len(suspects) // 2]
            suspects = half if _fails(run, half) else suspects[len(suspects) // 2:]
        reason = "; ".join(problem.message for problem in error.problems)
        raise PolicyError([Problem(str(suspects[0].path), None, None, reason)]) from None


def _fails(run: Callable[[Any], Any], rules: Any) -> bool:
    try:
        run(rules)
    except LimitExceeded:
        return True
    except AiguardError:  # another error is not this one
        return False
    return False


def isolate(modules: Sequence[Any], foreign: Sequence[Any], rules: dict[str, str]) -> list[Any]:
    """``modules`` without the untrusted policies outside ``rules``, so that a re-run measures only
    the chosen ones (OPA evaluates every policy its entry module names)."""
    wanted = {rule.removeprefix("data.").rpartition(".")[0] for rule in rules.values()}
    dropped = {id(module) for module in foreign
               if module.package not in wanted and re.search(r"^deny\b", module.text, re.MULTILINE)}
    return [module for module in modules if id(module) not in dropped]


def suspects_of(rules: dict[str, str], foreign: Sequence[Any]) -> dict[str, str]:
    """Rule key -> policy file, for the rules (``data.PACKAGE.deny``) of the ``foreign`` modules."""
    files = {module.package: str(module.path) for module in foreign}
    return {key: files[package] for key, rule in rules.items()
            if (package := rule.removeprefix("data.").rpartition(".")[0]) in files}


def format_bytes(count: int) -> str:
    for unit, size in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size}{unit}"
    return f"{count} bytes"


def parse_bytes(text: str) -> int:
    """``512M``, ``4G``, ``1048576``: a size with an optional K/M/G suffix (powers of 1024)."""
    cleaned = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = 1
    if cleaned[-1:] in ("K", "M", "G"):
        factor = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[cleaned[-1]]
        cleaned = cleaned[:-1]
    if not cleaned.isdigit():
        raise ValueError(f"expected a size such as 2G or 512M, got {text!r}")
    return int(cleaned) * factor
