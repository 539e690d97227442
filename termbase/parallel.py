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
import gc
import multiprocessing
import os
import queue
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
    the worker quietly (the command line's handler would turn it into a traceback).

    The worker is forked with SIGTERM blocked (`fork_map`) and unblocks it only once its
    handler is the default: a `pool.terminate()` that reaches a worker still starting (the
    items were all done by the others) then ends it, instead of running the parent's handler,
    which held it, and leaving the parent waiting for the worker for ever."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    *,
    costs: Sequence[float] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[int, R], None] | None = None,
) -> list[R]:
    """`[function(item) for item in items]`, the items shared out among the available cores,
    one by one, costliest first when `costs` are given (so that the slowest does not start last).
    `on_start(i)` and `on_done(i, result)` are called in this process as the items are handed
    out and as they end (a progress display). The first exception raised by `function` (or an
    interruption) is raised here, after the workers were stopped."""
    global _work
    workers = min(len(items), os.cpu_count() or 1)
    if workers < 2 or multiprocessing.current_process().daemon:
        return [_serially(function, items, i, on_start, on_done) for i in range(len(items))]
    order = sorted(range(len(items)), key=lambda i: -costs[i]) if costs else range(len(items))
    _work = (function, items)
    # What the workers inherit is left out of their cycle collections, which would otherwise
    # go through the whole build's objects again and again (and copy their pages).
    gc.freeze()
    # Blocked while the workers are forked (they inherit the mask, see `_die_with`); a SIGTERM
    # to this process meanwhile is delivered when the mask is restored.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_die_with, initargs=(os.getpid(),)
        )
    except BaseException:
        gc.unfreeze()
        _work = None
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    try:
        ended: queue.SimpleQueue[int] = queue.SimpleQueue()
        pending = {
            i: pool.apply_async(_call, (i,), callback=_put(ended, i), error_callback=_put(ended, i))
            for i in order
        }
        place = {i: n for n, i in enumerate(order)}
        announced = 0

        def announce(upto: int) -> None:
            """Tell `on_start` of the items handed out up to `upto`, in start order."""
            nonlocal announced
            while on_start and announced < min(upto, len(order)):
                on_start(order[announced])
                announced += 1

        announce(workers)  # the pool runs `workers` items at a time, in submission order
        for finished in range(1, len(items) + 1):
            i = ended.get()
            result = pending[i].get()  # raises the item's exception
            announce(place[i] + 1)
            if on_done:
                on_done(i, result)
            announce(finished + workers)
        results = [pending[i].get() for i in range(len(items))]
        pool.close()
        return results
    finally:
        pool.terminate()  # at once, also when an item failed or the parent was interrupted
        pool.join()
        gc.unfreeze()
        _work = None


def _put(ended: queue.SimpleQueue[int], i: int) -> Callable[[object], None]:
    """A pool callback that tells the caller item `i` ended (it runs in the pool's thread)."""
    return lambda _result: ended.put(i)


def _serially(
    function: Callable[[T], R],
    items: Sequence[T],
    i: int,
    on_start: Callable[[int], None] | None,
    on_done: Callable[[int, R], None] | None,
) -> R:
    if on_start:
        on_start(i)
    result = function(items[i])
    if on_done:
        on_done(i, result)
    return result
