"""Run CPU-bound work in forked worker processes (parsing and Rego evaluation are single-threaded).

Forked children inherit the parent's memory, so large inputs are not pickled on the way in. A
worker that dies (killed, out of memory) is an error that ends the run, never a hang or a pass.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from aiguard.errors import AiguardError

T = TypeVar("T")


def fork_map(func: Callable[..., T], arguments: Sequence[tuple[Any, ...]], workers: int,
             first_here: bool = False, context: Any = None) -> list[T]:
    """``[func(*args) for args in arguments]`` over ``workers`` forked processes, in order.

    ``first_here``: the first call runs in this process, alongside the workers, which then need
    one process fewer, and its result is not copied back (it may be large).
    ``context``: when given, each call is ``func(context, *args)``; the workers get the context
    through the fork, not pickled (it may be a whole inventory)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _CONTEXT
    call: Callable[..., T] = func if context is None else functools.partial(func, context)
    remote = arguments[1:] if first_here else arguments
    _CONTEXT = context
    try:
        with ProcessPoolExecutor(max_workers=max(1, workers - first_here),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            # Submitting forks the workers now, before our own call.
            futures = [pool.submit(func, *args) if context is None else pool.submit(_with_context, func, *args)
                       for args in remote]
            here = [call(*arguments[0])] if first_here else []
            return here + [future.result() for future in futures]
    except BrokenProcessPool:
        raise AiguardError("a worker process died (killed, or out of memory); no result") from None
    finally:
        _CONTEXT = None


_CONTEXT: Any = None  # the current fork_map's context, as the forked workers inherit it


def _with_context(func: Callable[..., T], *args: Any) -> T:
    return func(_CONTEXT, *args)
