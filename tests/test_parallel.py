"""fork_map: results in order, and workers that end quietly under the command line's handlers."""

from __future__ import annotations

import signal

import pytest

from termbase.cli import _interrupt
from termbase.parallel import fork_map


def test_results_come_back_in_the_order_of_the_items() -> None:
    squares = fork_map(lambda n: n * n, list(range(20)))  # a lambda: nothing is pickled
    assert squares == [n * n for n in range(20)]


def test_costs_order_the_start_not_the_results() -> None:
    assert fork_map(str, [1, 2, 3, 4], costs=[1, 9, 5, 0]) == ["1", "2", "3", "4"]


def test_an_exception_in_a_worker_is_raised_in_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        fork_map(lambda n: 1 // n, [1, 0, 2])


def test_workers_leave_sigterm_to_its_default_so_the_pool_ends_them_quietly() -> None:
    # build.py turns SIGTERM into KeyboardInterrupt; a worker that inherited that handler
    # printed a traceback when the pool ended it.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        handlers = fork_map(lambda _: signal.getsignal(signal.SIGTERM), [0, 1, 2, 3])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handlers == [signal.SIG_DFL] * 4
