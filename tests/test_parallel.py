"""fork_map: results in order, and workers that end quietly under the command line's handlers."""

from __future__ import annotations

import signal

from termbase.cli import _interrupt
from termbase.parallel import fork_map


def test_results_come_back_in_the_order_of_the_items() -> None:
    squares = fork_map(lambda n: n * n, list(range(20)))  # a lambda: nothing is pickled
    assert squares == [n * n for n in range(20)]


def test_workers_leave_sigterm_to_its_default_so_the_pool_ends_them_quietly() -> None:
    # build.py turns SIGTERM into KeyboardInterrupt; a worker that inherited that handler
    # printed a traceback when the pool ended it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        handlers = fork_map(lambda _: signal.getsignal(signal.SIGTERM), [0, 1, 2, 3])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handlers == [signal.SIG_DFL] * 4
