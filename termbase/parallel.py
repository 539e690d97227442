"""`fork_map`: a map over forked processes that share the parent's memory.

Forked workers inherit the function and the items, so nothing large is pickled: only each
item's index goes out and each result comes back. A whole glossary takes seconds to pickle and
unpickle at ten thousand concepts, more than most work on it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _call(index: int) -> Any:
    assert _work is not None, "fork_map's workers must be forked after it set its work"
    function, items = _work
    return function(items[index])


def fork_map(
    function: Callable[[T], R], items: Sequence[T], *, costs: Sequence[float] | None = None
) -> list[R]:
    """`[function(item) for item in items]`, the items shared out among the available cores,
    one by one, costliest first when `costs` are given (so that the slowest does not start last).
    The first exception raised by `function` is raised here, once the running items end."""
    global _work
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor  # not needed by a no-op build

    order = sorted(range(len(items)), key=lambda i: -costs[i]) if costs else range(len(items))
    _work = (function, items)
    # The workers leave SIGTERM to its default: the command line's handler would turn their
    # ending into a KeyboardInterrupt and a traceback.
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=signal.signal,
        initargs=(signal.SIGTERM, signal.SIG_DFL),
    )
    try:
        futures: dict[int, Future[R]] = {i: pool.submit(_call, i) for i in order}
        return [futures[i].result() for i in range(len(items))]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _work = None
