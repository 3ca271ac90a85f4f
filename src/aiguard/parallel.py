"""Run CPU-bound work in forked worker processes (parsing and Rego evaluation are single-threaded).

Forked children inherit the parent's memory, so large inputs are not pickled on the way in. A
worker that dies (killed, out of memory) is an error that ends the run, never a hang or a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from aiguard.errors import AiguardError

T = TypeVar("T")


def fork_map(func: Callable[..., T], arguments: Sequence[tuple[Any, ...]], workers: int,
             first_here: bool = False) -> list[T]:
    """``[func(*args) for args in arguments]`` over ``workers`` forked processes, in order.

    ``first_here``: the first call runs in this process, alongside the workers, which then need
    one process fewer, and its result is not copied back (it may be large)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    remote = arguments[1:] if first_here else arguments
    try:
        with ProcessPoolExecutor(max_workers=max(1, workers - first_here),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(func, *args) for args in remote]  # forks now, before our own call
            here = [func(*arguments[0])] if first_here else []
            return here + [future.result() for future in futures]
    except BrokenProcessPool:
        raise AiguardError("a worker process died (killed, or out of memory); no result") from None
