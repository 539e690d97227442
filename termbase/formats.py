"""The output formats: one explicit list, each format an object whose attributes say what it is.

A format's renderer is a module of `termbase.render` with `jobs(context, only)` (the `Renderer`
protocol of `termbase.render.contract`). Each is imported by its own small function here, only
when its format is built, so that `--help`, `check` and an up-to-date build never pay for
WeasyPrint or genanki; each function returns its module as a `Renderer`, so mypy checks every
renderer against the protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from termbase.findings import suggest
from termbase.languages import editions, slug
from termbase.model import PDF_KINDS

if TYPE_CHECKING:
    from termbase.load import Header
    from termbase.render.contract import BuildContext, Job, Renderer


@dataclass(frozen=True, slots=True)
class Format:
    """One output format, as the build and the command line see it."""

    name: str
    """The format's name in `build --only` and in the build's report."""
    summary: str
    """What the format is for, in one line (`build --help`)."""
    load: Callable[[], Renderer]
    """Imports the renderer."""
    opens: str | None = None
    """The file a reader opens first, below the output folder (`html/index.html`)."""
    selectors: Callable[[Header], frozenset[str]] | None = None
    """The finer choices `build --only` takes after `name:` (`pdf:en-ru`), as the glossary's
    header allows them; None for a format built whole."""

    def jobs(self, context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
        """The format's jobs; `only` narrows a format's documents (`build --only pdf:en-ru`)."""
        return list(self.load().jobs(context, only))


def _json() -> Renderer:
    from termbase.render import json

    return json


def _tbx() -> Renderer:
    from termbase.render import tbx

    return tbx


def _tsv() -> Renderer:
    from termbase.render import tsv

    return tsv


def _csv() -> Renderer:
    from termbase.render import csv

    return csv


def _xlsx() -> Renderer:
    from termbase.render import xlsx

    return xlsx


def _anki() -> Renderer:
    from termbase.render import anki

    return anki


def _html() -> Renderer:
    from termbase.render import html

    return html


def _pdf() -> Renderer:
    from termbase.render import pdf

    return pdf


def pdf_selectors(header: Header) -> frozenset[str]:
    """What `--only pdf:…` may name: an edition (`en-ru`, `en-ru-zh`), a kind of document
    (`cheatsheet`, `reference`) or a paper (`a4`, `letter`); several narrow together
    (`pdf:en-ru,pdf:a4` is the EN–RU cheat sheet on A4)."""
    languages = header.pdf.editions or editions(header.languages)
    return frozenset({*(slug(langs) for langs in languages), *PDF_KINDS, *header.pdf.papers})


FORMATS: tuple[Format, ...] = (
    Format("json", "the whole glossary as JSON, for other tools", _json),
    Format("tbx", "TBX-Basic v3 and TBX v2 termbases, for CAT tools", _tbx),
    Format("tsv", "OmegaT glossaries, one per language direction", _tsv),
    Format("csv", "a spreadsheet, one row per concept", _csv),
    Format(
        "xlsx",
        "an Excel workbook for CAT tools' spreadsheet imports (memoQ, Phrase, XTM)",
        _xlsx,
    ),
    Format("anki", "Anki decks per language pair and trilingual", _anki),
    Format(
        "html",
        "the HTML glossary, with search and alignment view",
        _html,
        opens="html/index.html",
    ),
    Format(
        "pdf",
        "PDF cheat sheets and the reference edition, A4 and Letter",
        _pdf,
        selectors=pdf_selectors,
    ),
)
"""Every format, in build order."""
NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
_BY_NAME = {f.name: f for f in FORMATS}


Selection = dict[str, frozenset[str]]
"""Per format, the finer selection of `build --only` (`pdf:en-ru` → {"pdf": {"en-ru"}})."""


class SelectionError(ValueError):
    """An `--only` item that names no format, or nothing of one; the message says what does."""


def selection(items: Iterable[str]) -> tuple[list[Format], Selection]:
    """The formats and finer selections of `--only` items (`json`, `pdf`, `pdf:en-ru`), in
    build order; a format named alone is built whole. The finer choices are checked against
    the glossary by `check_selection`."""
    names, whole = [], set()
    narrowed: dict[str, set[str]] = {}
    for item in items:
        name, _, token = item.partition(":")
        format_ = _format(name)
        names.append(name)
        if not token:
            whole.add(name)
        elif format_.selectors is None:
            raise SelectionError(f"{item}: {name} is one file or set of files; build it whole")
        else:
            narrowed.setdefault(name, set()).add(token)
    formats = [f for f in FORMATS if f.name in names]
    return formats, {k: frozenset(v) for k, v in narrowed.items() if k not in whole}


def _format(name: str) -> Format:
    if name not in _BY_NAME:
        raise SelectionError(
            f"unknown format '{name}'{suggest(name, NAMES)}; choose from {', '.join(NAMES)}"
        )
    return _BY_NAME[name]


def check_selection(chosen: Selection, header: Header) -> None:
    """Refuse a finer choice that the glossary has not (`pdf:en-de` of an en/ru/zh glossary)."""
    for name, tokens in chosen.items():
        selectors = _BY_NAME[name].selectors
        known = selectors(header) if selectors else frozenset()
        for token in sorted(tokens - known):
            raise SelectionError(
                f"{name}:{token} names no document{suggest(token, known)}; choose from "
                f"{', '.join(sorted(known))}"
            )


def named(names: Iterable[str]) -> list[Format]:
    """The formats of these names, in build order (SelectionError for an unknown name)."""
    wanted = {_format(name).name for name in names}
    return [f for f in FORMATS if f.name in wanted]
