"""What a build shows while it runs: a live display on a terminal, one plain line per finished
job otherwise (a log, CI), nothing with `-q`. The build calls a `Progress` as jobs start and end;
the command line chooses which (`for_stream`)."""

from __future__ import annotations

from typing import IO, Any, Protocol


class Progress(Protocol):
    def stage(self, text: str) -> None:
        """A stage of the build is done (`120 concepts loaded in 0.4 s`): said at once."""

    def begin(self, jobs: int, kept: int) -> None:
        """`jobs` are about to run; `kept` others keep their files."""

    def started(self, name: str) -> None:
        """The job `name` started."""

    def done(self, name: str, seconds: float) -> None:
        """The job `name` ended, after `seconds`."""

    def end(self) -> None:
        """Every job ended (or the build stops)."""


class Silent:
    """Shows nothing (`-q`, and builds called from Python)."""

    def stage(self, text: str) -> None:
        pass

    def begin(self, jobs: int, kept: int) -> None:
        pass

    def started(self, name: str) -> None:
        pass

    def done(self, name: str, seconds: float) -> None:
        pass

    def end(self) -> None:
        pass


SILENT: Progress = Silent()


class Lines:
    """One line per finished job, with its time: `[3/12] pdf ai-glossary-en-ru-cheatsheet 1.8 s`,
    for a stream that is not a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.total = self.finished = 0

    def stage(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, jobs: int, kept: int) -> None:
        self.total, self.finished = jobs, 0

    def started(self, name: str) -> None:
        pass

    def done(self, name: str, seconds: float) -> None:
        self.finished += 1
        print(
            f"[{self.finished}/{self.total}] {name} {seconds:.1f} s", file=self.stream, flush=True
        )

    def end(self) -> None:
        pass


class Live:
    """A live display on a terminal (rich): a bar of jobs done, the documents being made, and
    the time since the build began."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console

        self.console = Console(file=stream)
        self.running: list[str] = []
        self.progress: Any = None
        self.task: Any = None

    def stage(self, text: str) -> None:
        self.console.print(text, highlight=False, markup=False)

    def begin(self, jobs: int, kept: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            transient=True,
        )
        self.task = self.progress.add_task("", total=jobs)
        self.progress.start()

    def _show(self) -> None:
        self.progress.update(self.task, description=", ".join(self.running[:2]))

    def started(self, name: str) -> None:
        self.running.append(name)
        self._show()

    def done(self, name: str, seconds: float) -> None:
        if name in self.running:
            self.running.remove(name)
        self.progress.advance(self.task)
        self._show()

    def end(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def for_stream(stream: IO[str], *, quiet: bool = False) -> Progress:
    """The display that suits `stream`: nothing when quiet, live on a terminal, lines otherwise."""
    if quiet:
        return SILENT
    return Live(stream) if stream.isatty() else Lines(stream)
