"""fork_map: results in order, and workers that end quietly under the command line's handlers."""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import time

import pytest

from termbase.interrupts import stop_on_sigterm
from termbase.parallel import fork_map

PR_GET_PDEATHSIG = 2


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
    previous = signal.getsignal(signal.SIGTERM)
    stop_on_sigterm()
    try:
        handlers = fork_map(lambda _: signal.getsignal(signal.SIGTERM), [0, 1, 2, 3])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handlers == [signal.SIG_DFL] * 4


def test_workers_die_with_their_parent_and_leave_interruptions_to_it() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

    def death_signal(_: int) -> int:
        found = ctypes.c_int()
        libc.prctl(PR_GET_PDEATHSIG, ctypes.byref(found), 0, 0, 0)
        return found.value

    assert fork_map(death_signal, [0, 1]) == [signal.SIGKILL] * 2
    assert fork_map(lambda _: signal.getsignal(signal.SIGINT), [0, 1]) == [signal.SIG_IGN] * 2


def test_a_failing_item_stops_the_others_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(ZeroDivisionError):
        fork_map(lambda n: 1 // n if n == 0 else time.sleep(60), [0, 1])
    assert time.monotonic() - started < 30  # the sleeping worker was not waited for


def test_the_caller_hears_of_each_item_as_it_starts_and_ends() -> None:
    started: list[int] = []
    ended: list[tuple[int, int]] = []
    squares = fork_map(
        lambda n: n * n,
        [3, 1, 2],
        costs=[1, 3, 2],
        on_start=started.append,
        on_done=lambda i, result: ended.append((i, result)),
    )
    assert squares == [9, 1, 4]
    assert sorted(started) == [0, 1, 2] and started[0] == 1  # the costliest starts first
    assert sorted(ended) == [(0, 9), (1, 1), (2, 4)]
