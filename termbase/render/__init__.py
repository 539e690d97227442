"""Renderers: one module per output format, each with `render(context) -> Iterable[Output]`.

A format whose outputs are slow to make and depend on different parts of the glossary (the PDFs)
also has `jobs(context) -> Iterable[Job]`: a job per document, each keyed by exactly what it
shows, so that the build renders them on all cores and renders again only those whose key changed.

Modules are imported only when their format is built, so `build.py --help` and `check`
never pay for WeasyPrint or genanki.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path, PurePosixPath

from termbase.model import FrozenMap, Glossary

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


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

    def changed(self, concept_id: str) -> datetime:
        """When a concept last changed (the build date when its file's date is unknown)."""
        return self.concept_dates.get(concept_id, self.build_date)


Renderer = Callable[[BuildContext], Iterable[Output]]


@dataclass(frozen=True, slots=True)
class Job:
    """One unit of rendering work, which may run in another process.

    `make` runs in a forked worker that inherits it (`parallel.fork_map`): it need not pickle,
    only the outputs it returns do. `key` digests everything but the code that those outputs
    depend on: a job whose key is that of the last build and whose files are intact is not run
    again. `cost` orders the work, costliest first, so that the slowest job does not start last.
    """

    name: str
    key: str
    make: Callable[[], list[Output]]
    cost: int = 0


# format name → module that defines `render`; in build order.
RENDERERS: dict[str, str] = {
    "json": "termbase.render.json",
    "tbx": "termbase.render.tbx",
    "tsv": "termbase.render.tsv",
    "csv": "termbase.render.csv",
    "anki": "termbase.render.anki",
    "html": "termbase.render.html",
    "pdf": "termbase.render.pdf",
}


def load_renderer(name: str) -> Renderer:
    """Import the renderer of one format."""
    return importlib.import_module(RENDERERS[name]).render


def render_format(name: str, context: BuildContext) -> list[Output]:
    """Every output of one format (a job of its own for a format without `jobs`)."""
    return list(load_renderer(name)(context))


def format_jobs(name: str, context: BuildContext, fingerprint: str) -> list[Job]:
    """The jobs of one format: its own, or one job for the whole format keyed by `fingerprint`
    (the digest of every input of the build)."""
    module = importlib.import_module(RENDERERS[name])
    if hasattr(module, "jobs"):
        return list(module.jobs(context))
    return [Job(name, fingerprint, partial(render_format, name, context))]


class RenderError(Exception):
    """A renderer cannot produce a correct output (a missing glyph, say); nothing is written."""
