"""The contract between the build and the renderers: what a renderer reads, and what it gives.

A renderer (`Renderer`) plans a format's work as `Job`s, given a `BuildContext`; each job makes
`Output`s (bytes and a path) in memory, and the build writes them. A format made in one piece
(JSON, TBX, ...) is one job (`one_job`); a format whose documents are slow to make (the PDFs)
gives a job per document, so that they run on all cores and only those whose inputs changed run
again. These types sit below every renderer and every build module, which import them from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Protocol

from termbase.findings import Finding
from termbase.model import FrozenMap, Glossary
from termbase.paths import TEMPLATES


@dataclass(frozen=True, slots=True)
class Output:
    """One generated file: its path below the output folder, and its bytes."""

    path: PurePosixPath
    data: bytes


@dataclass(frozen=True, slots=True)
class BuildContext:
    """Everything a renderer may read."""

    glossary: Glossary
    build_date: datetime
    """When the glossary content last changed (UTC); never the clock, so builds reproduce."""
    templates: Path = TEMPLATES
    concept_dates: FrozenMap[datetime] = field(default_factory=FrozenMap)
    """When each concept's file last changed (UTC), by concept id; see `changed`."""
    findings: tuple[Finding, ...] = ()
    """What `termbase.checks` found in the glossary, computed once by the build."""
    digest: str = ""
    """One digest of every input of the build: the key of a format made in one piece."""

    def changed(self, concept_id: str) -> datetime:
        """When a concept last changed (the build date when its file's date is unknown)."""
        return self.concept_dates.get(concept_id, self.build_date)


@dataclass(frozen=True, slots=True)
class Job:
    """One unit of rendering work, which may run in another process.

    `make` runs in a forked worker that inherits it (`parallel.fork_map`): it need not pickle,
    only the outputs it returns do. `key` digests everything but the code that those outputs
    depend on: a job whose key is that of the last build and whose files are intact is not run
    again. `cost` orders the work, costliest first, so that the slowest job does not start last.
    A job that `needs` the files of other jobs (the reference joining its parts) runs after
    them: `make` is then given those files' bytes, by path, whether rendered by this build or
    kept from the last one. The files it `reuses`, which it made in the last build and may take
    again instead of making them anew, are given to `make` with those when they are still as
    that build wrote them, and left out otherwise. `prepare` is run by the build once, before
    it forks, and every worker shares what it did: importing WeasyPrint, which each worker, and
    the process joining the parts, would otherwise pay for.
    """

    name: str
    key: str
    make: Callable[..., list[Output]]
    cost: int = 0
    needs: tuple[PurePosixPath, ...] = ()
    reuses: tuple[PurePosixPath, ...] = ()
    prepare: Callable[[], None] | None = None

    def run(self, files: Mapping[PurePosixPath, bytes]) -> list[Output]:
        """The job's outputs; `files` holds (at least) the files it needs, and those it reuses
        that are there."""
        if not self.needs and not self.reuses:
            return self.make()
        given = {p: files[p] for p in self.needs}
        return self.make(given | {p: files[p] for p in self.reuses if p in files})


class Renderer(Protocol):
    """What the build asks of a format: its jobs. Every renderer module of `termbase.render`
    has this `jobs` function; `termbase.formats` returns each module as a `Renderer`, so mypy
    checks every renderer against this signature."""

    def jobs(self, context: BuildContext, only: frozenset[str]) -> Iterable[Job]:
        """The format's jobs; `only` narrows a format of several documents to those chosen
        (`build --only pdf:en-ru`: the selectors its `Format` declares), empty for all."""
        ...


def one_job(
    name: str, context: BuildContext, render: Callable[[BuildContext], Iterable[Output]]
) -> list[Job]:
    """The jobs of a format made in one piece: one, keyed by every input of the build."""
    return [Job(name, context.digest, partial(_listed, render, context))]


def _listed(
    render: Callable[[BuildContext], Iterable[Output]], context: BuildContext
) -> list[Output]:
    return list(render(context))


def run_all(jobs: Sequence[Job]) -> list[Output]:
    """Every output of `jobs`, made one after the other in this process: first the jobs that
    need nothing, then those that need their files (a renderer called outside a build)."""
    outputs = [o for job in jobs if not job.needs for o in job.run({})]
    files = {o.path: o.data for o in outputs}
    joined = [o for job in jobs if job.needs for o in job.run(files)]
    return outputs + joined


class RenderError(Exception):
    """A renderer cannot produce a correct output (a missing glyph, say); nothing is written."""
