"""Run CPU-bound work in forked worker processes (parsing and Rego evaluation are single-threaded),
and the scheduling of a run: when forking pays off, and how policies are split between workers.

Forked children inherit the parent's memory, so large inputs are not pickled on the way in. A
worker that dies (killed, out of memory) is an error that ends the run, never a hang or a pass.
The library runs in one process unless told otherwise (``CheckRequest.workers``); the CLI asks
for ``default_workers()``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from aiguard.errors import AiguardError

if TYPE_CHECKING:
    from aiguard.evaluate.policyset import Policy

T = TypeVar("T")

#: Bytes of inventory files above which parsing and evaluation fork workers: below it a fork
#: costs more than it saves.
PARALLEL_ABOVE_BYTES = 2_000_000

#: Relative cost (evaluation plus collecting the findings) of each built-in policy area, measured
#: with bench/bench_policies.py on generated inventories; they differ fivefold per policy, so
#: counting policies left one worker a third busier than the other. Only speed depends on these.
AREA_COST = {
    "data": 46, "partners": 37, "models": 37, "clinical": 24, "monitoring": 16, "access": 14,
    "encryption": 6, "credentials": 5, "resilience": 4, "segmentation": 2, "source": 2, "exceptions": 1,
    # measured at 100,000 generated assets: the access graph, its walks and ~40,000 findings
    "exposure": 60, "inventory": 6,
}
#: The cost of a policy outside those areas (a custom one): the built-in average per policy.
POLICY_COST = 4


def default_workers() -> int:
    """One worker per core, at most four (the CLI's choice; measured gains stop there)."""
    return min(4, os.cpu_count() or 1)


def worth_forking(workers: int, input_bytes: int) -> bool:
    return workers > 1 and input_bytes > PARALLEL_ABOVE_BYTES


def policy_shares(policies: Sequence[Policy], workers: int) -> list[list[Policy]]:
    """Split policies between workers, keeping each area together: an area's policies share
    helper indexes, which each worker would otherwise build again. Areas go, costliest first, to
    the least loaded worker; the order within a share is the given order."""
    areas: dict[str, list[Policy]] = {}
    for policy in policies:
        areas.setdefault(policy.area, []).append(policy)

    def cost(area: str) -> int:
        return AREA_COST.get(area, POLICY_COST * len(areas[area]))

    shares: list[list[Policy]] = [[] for _ in range(max(1, min(workers, len(areas))))]
    loads = [0] * len(shares)
    for area in sorted(areas, key=lambda name: (-cost(name), name)):
        least = loads.index(min(loads))
        loads[least] += cost(area)
        shares[least].extend(areas[area])
    return shares


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
