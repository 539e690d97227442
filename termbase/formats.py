"""The output formats: one explicit list, each format an object whose attributes say what it is.

A renderer is a module in `termbase/render/` with `render(context) -> Iterable[Output]`; a format
that plans a job per document (`per_document`) also has `jobs(context) -> Iterable[Job]`. The
module is imported only when its format is built, so `--help` and `check` never pay for
WeasyPrint or genanki.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from types import ModuleType

from termbase.render.contract import BuildContext, Job, Output


@dataclass(frozen=True, slots=True)
class Format:
    """One output format, as the build and the command line see it."""

    name: str
    """The format's name in `build --only` and in the build's report."""
    module: str
    """The renderer's module."""
    summary: str
    """What the format is for, in one line (`build --help`)."""
    per_document: bool = False
    """The renderer gives a job per document (`jobs`), run in parallel and kept when unchanged;
    otherwise the whole format is one job."""

    def renderer(self) -> ModuleType:
        return importlib.import_module(self.module)

    def render(self, context: BuildContext) -> list[Output]:
        """Every output of the format."""
        return list(self.renderer().render(context))

    def jobs(
        self, context: BuildContext, fingerprint: str, only: frozenset[str] = frozenset()
    ) -> list[Job]:
        """The format's jobs; a format rendered as one job is keyed by `fingerprint`, the
        digest of every input of the build. `only` narrows a per-document format's documents
        (`build --only pdf:en-ru`)."""
        if self.per_document:
            return list(self.renderer().jobs(context, only))
        return [Job(self.name, fingerprint, partial(self.render, context))]


FORMATS: tuple[Format, ...] = (
    Format("json", "termbase.render.json", "the whole glossary as JSON, for other tools"),
    Format("tbx", "termbase.render.tbx", "TBX-Basic v3 and TBX v2 termbases, for CAT tools"),
    Format("tsv", "termbase.render.tsv", "OmegaT glossaries, one per language direction"),
    Format("csv", "termbase.render.csv", "a spreadsheet, one row per concept"),
    Format(
        "xlsx",
        "termbase.render.xlsx",
        "an Excel workbook for CAT tools' spreadsheet imports (memoQ, Phrase, XTM)",
    ),
    Format("anki", "termbase.render.anki", "Anki decks per language pair and trilingual"),
    Format("html", "termbase.render.html", "the HTML glossary, with search and alignment view"),
    Format(
        "pdf",
        "termbase.render.pdf",
        "PDF cheat sheets and the reference edition, A4 and Letter",
        per_document=True,
    ),
)
"""Every format, in build order."""
NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)


Selection = dict[str, frozenset[str]]
"""Per format, the finer selection of `build --only` (`pdf:en-ru` → {"pdf": {"en-ru"}})."""


def selection(items: Iterable[str]) -> tuple[list[Format], Selection]:
    """The formats and finer selections of `--only` items (`json`, `pdf`, `pdf:en-ru`); a
    format named alone is built whole. KeyError for an unknown format, ValueError for a
    selection of a format that has none."""
    names, whole = [], set()
    narrowed: dict[str, set[str]] = {}
    for item in items:
        name, _, token = item.partition(":")
        names.append(name)
        if not token:
            whole.add(name)
            continue
        format_ = named([name])[0]
        if not format_.per_document:
            raise ValueError(f"{item}: {name} is one file or set of files; build it whole")
        narrowed.setdefault(name, set()).add(token)
    formats = named(names)
    chosen = {k: frozenset(v) for k, v in narrowed.items() if k not in whole}
    return formats, chosen


def named(names: Iterable[str]) -> list[Format]:
    """The formats of these names, in build order (KeyError for an unknown name)."""
    wanted = set(names)
    unknown = wanted - set(NAMES)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return [f for f in FORMATS if f.name in wanted]
