"""`fork_map`: a map over forked processes that share the parent's memory.

Forked workers inherit the function and its data, so nothing large is pickled: only each item's
index goes out and each result comes back. Used where the data is a whole glossary, which costs
more to pickle than most work on it.
"""

from __future__ import annotations

import multiprocessing
import os
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
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_call, range(len(items)), chunksize=1)
    finally:
        _work = None
