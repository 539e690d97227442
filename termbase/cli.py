"""The command line, `termbase` (and `build.py` in a clone): the parser of every command in
`termbase.commands`, and the process's entry."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import termbase
from termbase.commands import COMMANDS
from termbase.interrupts import EXIT_INTERRUPTED, stop_on_sigterm

DEFAULT_COMMAND = "build"
"""What runs when no command is named (`termbase`, `termbase --only json`)."""


def run(root: Path | None = None, prog: str = "termbase") -> NoReturn:
    """The process's entry (build.py, the `termbase` script): `main`, then exit with its status.

    The process ends at once, skipping the interpreter's teardown: after WeasyPrint ran, freeing
    its objects one by one took a third of a second of every build (a second or two after an
    interruption, which must stop within one). Nothing is left to do by then: every file the
    command wrote is closed (`termbase.write`), its workers have ended, and the standard
    streams are flushed here."""
    status = main(root=root, prog=prog)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # a reader gone, a stream closed
            stream.flush()
    os._exit(status)


def main(
    argv: Sequence[str] | None = None, *, root: Path | None = None, prog: str = "termbase"
) -> int:
    """Run the command line; return the exit status. `root` is the folder whose `glossary/`
    and `output/` are the defaults (the working directory when not given)."""
    stop_on_sigterm()
    parser = _parser(root or Path(), prog)
    try:
        args = parser.parse_args(_with_command(list(sys.argv[1:] if argv is None else argv)))
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _with_command(argv: list[str]) -> list[str]:
    """The arguments with the default command before them when they name none: `termbase`
    and `termbase --only json` build (the top level's own options stay its own)."""
    first = argv[0] if argv else None
    if first in {command.NAME for command in COMMANDS} | {"-h", "--help", "--version"}:
        return argv
    return [DEFAULT_COMMAND, *argv]


def _parser(root: Path, prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A multilingual glossary rendered into Anki decks, PDFs, HTML and exports.",
        epilog="Without a command, builds every format.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {termbase.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands, root)
    return parser
