"""`fork_map`: a map over forked processes that share the parent's memory.

Forked workers inherit the function and the items, so nothing large is pickled: only each
item's index goes out and each result comes back. A whole glossary takes seconds to pickle and
unpickle at ten thousand concepts, more than most work on it.

The workers never outlive the build. Each asks the kernel to kill it when its parent dies
(`PR_SET_PDEATHSIG`), so a `kill -9` of the build takes them along; an interruption of the
parent (Ctrl-C, SIGTERM) or an error in one item ends the others at once, not when their
current item is done. They ignore SIGINT themselves: Ctrl-C reaches the whole process group,
and the parent alone decides what happens then.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_work: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when the thread that forked it ends (Linux)."""


def _call(index: int) -> Any:
    assert _work is not None, "fork_map's workers must be forked after it set its work"
    function, items = _work
    return function(items[index])


def _die_with(parent: int) -> None:
    """A worker's set-up: end with the parent, leave interruptions to it, and let SIGTERM end
    the worker quietly (the command line's handler would turn it into a traceback)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def fork_map(
    function: Callable[[T], R], items: Sequence[T], *, costs: Sequence[float] | None = None
) -> list[R]:
    """`[function(item) for item in items]`, the items shared out among the available cores,
    one by one, costliest first when `costs` are given (so that the slowest does not start last).
    The first exception raised by `function` (or an interruption) is raised here, after the
    workers were stopped."""
    global _work
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or multiprocessing.current_process().daemon:
        return [function(item) for item in items]
    order = sorted(range(len(items)), key=lambda i: -costs[i]) if costs else range(len(items))
    _work = (function, items)
    pool = multiprocessing.get_context("fork").Pool(
        workers, initializer=_die_with, initargs=(os.getpid(),)
    )
    try:
        pending = {i: pool.apply_async(_call, (i,)) for i in order}
        results = [pending[i].get() for i in range(len(items))]
        pool.close()
        return results
    finally:
        pool.terminate()  # at once, also when an item failed or the parent was interrupted
        pool.join()
        _work = None
