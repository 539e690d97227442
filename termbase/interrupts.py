"""How a command is interrupted: Ctrl-C (SIGINT) and `kill` (SIGTERM) both stop it as a
`KeyboardInterrupt`, so that a build removes its temporaries and leaves the outputs as they
were (`termbase.write`), and it ends with the status a shell reports after Ctrl-C."""

from __future__ import annotations

import signal

EXIT_INTERRUPTED = 130
"""The exit status after Ctrl-C or SIGTERM, as a shell reports a process ended by SIGINT."""


def stop_on_sigterm() -> None:
    """From now on, SIGTERM stops this process as Ctrl-C does."""
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
