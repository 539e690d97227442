"""`fork_map`: a map over forked processes that share the parent's memory.

Forked workers inherit the function and its data, so nothing large is pickled: only each item's
index goes out and each result comes back. Used where the data is a whole glossary, which costs
more to pickle than most work on it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _call(index: int) -> Any:
    assert _work is not None
    function, items = _work
    return function(items[index])


def fork_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[function(item) for item in items]`, the items shared out among the available cores
    (one by one, so that a slow item does not hold up the others)."""
    global _work
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    _work = (function, items)
    # The workers leave SIGTERM to its default: the command line's handler would turn the
    # pool's own ending of them into a KeyboardInterrupt and a traceback.
    pool = multiprocessing.get_context("fork").Pool(
        workers, initializer=signal.signal, initargs=(signal.SIGTERM, signal.SIG_DFL)
    )
    try:
        results = pool.map(_call, range(len(items)), chunksize=1)
        pool.close()
        return results
    finally:
        pool.terminate()
        pool.join()
        _work = None
