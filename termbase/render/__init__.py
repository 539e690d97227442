"""Renderers: one module per output format, each with `render(context) -> Iterable[Output]`.

Modules are imported only when their format is built, so `build.py --help` and `check`
never pay for WeasyPrint or genanki.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
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


class RenderError(Exception):
    """A renderer cannot produce a correct output (a missing glyph, say); nothing is written."""
