"""Renderers: one module per output format, each with `render(context) -> Iterable[Output]`.

Modules are imported only when their format is built, so `build.py --help` and `check`
never pay for WeasyPrint or genanki.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from termbase.model import Glossary

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


Renderer = Callable[[BuildContext], Iterable[Output]]

# format name → module that defines `render`; in build order.
RENDERERS: dict[str, str] = {
    "json": "termbase.render.json",
}


def load_renderer(name: str) -> Renderer:
    """Import the renderer of one format."""
    return importlib.import_module(RENDERERS[name]).render


class RenderError(Exception):
    """A renderer cannot produce a correct output (a missing glyph, say); nothing is written."""
