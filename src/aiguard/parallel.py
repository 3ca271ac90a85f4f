"""Run CPU-bound work in forked worker processes (parsing and Rego evaluation are single-threaded).

Forked children inherit the parent's memory, so large inputs are not pickled on the way in. A
worker that dies (killed, out of memory) is an error that ends the run, never a hang or a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from aiguard.errors import AiguardError

T = TypeVar("T")


def fork_map(func: Callable[..., T], arguments: Sequence[tuple[Any, ...]], workers: int) -> list[T]:
    """``[func(*args) for args in arguments]`` over ``workers`` forked processes, in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(func, *zip(*arguments)))
    except BrokenProcessPool:
        raise AiguardError("a worker process died (killed, or out of memory); no result") from None
