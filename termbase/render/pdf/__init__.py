"""Printable PDFs (WeasyPrint): cheat sheets per language edition, and a reference edition.

An edition is a pair of the glossary's languages, or all of them; its first language is the UI
language. Every edition has a cheat sheet; the edition of all languages also has the reference
(definitions, variants, examples, an index per language), its entries numbered by domain ("2.4")
and its index and cross-references pointing at those numbers. Each document is laid out once, on
A4, and that drawing is also written on US Letter (`paper`):
`pdf/<slug>-en-ru-cheatsheet-a4.pdf`, `pdf/<slug>-en-ru-zh-reference-letter.pdf`, ...
The reference is laid out in parts (`content.parts`: a domain, a run of entries, an index),
each a job of its own whose PDF is kept below `.parts/` while its HTML is unchanged, and joined
into one PDF (`join`): an edit lays out one part again. A glossary of over
`content.VOLUME_SIZE` concepts has its reference in volumes, a domain (or a part of one)
each: `pdf/<slug>-en-ru-zh-reference-tasks-a4.pdf`.

Chinese is set in Noto Sans CJK SC, everything else in Noto Sans (templates/pdf/common.css);
`fonts` refuses a PDF with a missing glyph or a non-Simplified Chinese face.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import PurePosixPath
from typing import Any, Literal

from markupsafe import Markup

from termbase import labels
from termbase.i18n import N_, gettext, long_date
from termbase.languages import editions, has_han, slug
from termbase.model import PAPERS, PDF_KINDS, Glossary
from termbase.render.common import concept_map, faces
from termbase.render.common.views import Text
from termbase.render.contract import BuildContext, Job, Output, RenderError, run_all
from termbase.render.pdf.content import (
    WHOLE,
    Group,
    Part,
    Volume,
    groups,
    index,
    numbering,
    parts,
    sheet_parts,
    volumes,
)
from termbase.render.pdf.engine import lay_out, warm_up
from termbase.render.pdf.fonts import (
    check_cjk_faces,
    embedded_fonts,
    missing_glyph_guard,
    wanted_faces,
)
from termbase.render.pdf.join import ENTRY_LINK, join
from termbase.render.pdf.paper import Margins, on_papers
from termbase.templating import environment

DocumentKind = Literal["cheatsheet", "reference"]
MARGINS = {"cheatsheet": Margins(9, 9, 11), "reference": Margins(16, 14, 15)}
"""The smallest margins of each kind of document on any paper (`paper`)."""
FOLDER = PurePosixPath("pdf")
PARTS = PurePosixPath(".parts") / "pdf"
"""Where the laid-out parts of the reference are kept between builds, below the output folder."""
ENGINE = ("weasyprint", "pydyf", "pikepdf")
"""The libraries that turn the HTML into PDF bytes: their versions are part of each PDF's key."""


KIND_NAMES = {"cheatsheet": N_("Cheat sheet"), "reference": N_("Reference")}
PAGE_OF = N_("Page %(page)s of %(pages)s")
UNATTESTED = N_(
    "° marks a term that the usage corpus does not have; the glossary's terms were counted "
    "there: %(corpora)s."
)


def render(context: BuildContext) -> Iterator[Output]:
    """Every PDF, made in this process (the kept parts of the reference left out)."""
    yield from (o for o in run_all(list(jobs(context))) if PARTS not in o.path.parents)


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> Iterator[Job]:
    """A job per cheat sheet and per part of the reference, keyed by its HTML, and a job joining
    the parts: a document (or part) is laid out again only when what it shows changed (a
    Chinese definition leaves the EN–RU sheets alone), and they share the cores.

    `only` narrows the documents (`build --only pdf:en-ru,pdf:a4`): edition slugs (`en-ru`,
    `en-ru-zh`), kinds (`cheatsheet`, `reference`) and papers (`a4`, `letter`); within a kind of
    selector any matches, and every kind given must match."""
    chosen = [d for d in documents(context.glossary) if _selected(only, d[0], slug(d[1]))]
    papers = tuple(p for p in context.glossary.pdf.papers if _selected(only, paper=p))
    _check_selection(only, chosen, papers)
    for kind, langs, volume in chosen:
        parts_ = [slug(langs), kind, volume.slug]
        stem = "-".join(p for p in (context.glossary.slug, *parts_) if p)
        if kind == "reference":
            yield from parted_jobs(context, stem, reference(context, langs, volume), papers)
            continue
        rows = sheet_rows(context, langs)
        if (document := long_sheet(context, langs, rows)) is not None:
            yield from parted_jobs(context, stem, document, papers)
        else:
            source = sheet_html(context, langs, rows=rows)
            tighter = partial(sheet_html, context, langs, rows=rows)
            make = partial(make_sheet, stem, source, tighter, papers)
            yield Job(stem, _key(source, *papers), make, cost=len(source), prepare=warm_up)


def _selected(
    only: frozenset[str],
    kind: str | None = None,
    edition: str | None = None,
    paper: str | None = None,
) -> bool:
    """Whether a document (or paper) is among those `only` chooses (see `jobs`)."""
    for value, choices in ((kind, set(PDF_KINDS)), (paper, set(PAPERS))):
        wanted = only & choices
        if value is not None and wanted and value not in wanted:
            return False
    editions_ = only - set(PDF_KINDS) - set(PAPERS)
    return edition is None or not editions_ or edition in editions_


def _check_selection(
    only: frozenset[str],
    chosen: list[tuple[DocumentKind, tuple[str, ...], Volume]],
    papers: tuple[str, ...],
) -> None:
    """Refuse a selection whose choices exclude each other (`pdf:en-ru,pdf:reference`: the
    reference is in every language); each choice alone is one `formats.pdf_selectors` knows."""
    if not chosen or not papers:
        raise RenderError(f"{', '.join(f'pdf:{t}' for t in sorted(only))}: no PDF is chosen")


def _key(*texts: str) -> str:
    engine = "\0".join(f"{name} {version(name)}" for name in ENGINE)
    return hashlib.sha256("\0".join((engine, *texts)).encode()).hexdigest()


def documents(glossary: Glossary) -> Iterator[tuple[DocumentKind, tuple[str, ...], Volume]]:
    """A cheat sheet per edition (glossary.toml's `[pdf] editions`, by default every pair of
    languages and all of them); the reference in all languages (unless `[pdf] reference =
    false`): in volumes for a large glossary."""
    for langs in glossary.pdf.editions or editions(glossary.languages):
        yield "cheatsheet", langs, WHOLE
    if glossary.pdf.reference:
        for volume in volumes(glossary, glossary.languages[0]):
            yield "reference", glossary.languages, volume


FITS = 3
"""How many densities a cheat sheet may be laid out in (`fit-0` to `fit-2` in cheatsheet.css)."""
SLIVER = 0.3
"""A last page filled less than this (of its text block's height) holds a sliver of the sheet."""


def make_sheet(
    stem: str, source: str, tighter: Callable[[int], str], papers: tuple[str, ...]
) -> list[Output]:
    """The cheat sheet on every paper: `pdf/<stem>-a4.pdf`, `pdf/<stem>-letter.pdf`.

    A sheet whose last page would hold a sliver is tightened (`tighter(fit)` gives its HTML at
    each density after `source`, the first) until it fits on fewer pages or its last page is no
    sliver: laid out again, but drawn once."""
    what = f"{FOLDER}/{stem}"
    pages = 0
    with missing_glyph_guard(what):
        for fit in range(FITS):
            html = tighter(fit) if fit else source
            document = lay_out(html)
            fewer = fit > 0 and len(document.pages) < pages
            if fewer or len(document.pages) == 1 or last_page_fill(document) >= SLIVER:
                break
            pages = len(document.pages)
    return _on_papers(stem, _written(document, html, what), papers)


def last_page_fill(document: Any) -> float:
    """How much of its text block the last page of a laid-out WeasyPrint document fills (0–1),
    from the bottom of its lowest line (the margin boxes left out)."""
    from weasyprint.formatting_structure.boxes import LineBox

    page = document.pages[-1]._page_box  # no public API for box positions
    root = page.children[0]
    bottoms = [
        b.position_y + b.margin_height() for b in root.descendants() if isinstance(b, LineBox)
    ]
    top = page.content_box_y()
    return (max(bottoms, default=top) - top) / page.height


def _on_papers(stem: str, drawn: bytes, papers: tuple[str, ...]) -> list[Output]:
    return [
        Output(FOLDER / f"{stem}-{paper}.pdf", data)
        for paper, data in on_papers(drawn, papers).items()
    ]


def draw(source: str, what: str) -> bytes:
    """The PDF of an HTML page, laid out and drawn once; `RenderError` if a glyph is missing or
    Han characters would be set in another language's face."""
    with missing_glyph_guard(what):
        document = lay_out(source)
    return _written(document, source, what)


def _written(document: Any, source: str, what: str) -> bytes:
    """The PDF of a laid-out document; `RenderError` for a missing glyph or a wrong face."""
    fonts: list[str] = []
    with missing_glyph_guard(what):
        data: bytes = document.write_pdf(
            finisher=lambda _doc, pdf: fonts.extend(embedded_fonts(pdf))
        )
    check_cjk_faces(what, fonts, wanted_faces(source), has_han=has_han(source))
    return data


# The HTML of each document ------------------------------------------------------------------------


def _common(context: BuildContext, langs: tuple[str, ...], kind: DocumentKind) -> dict[str, Any]:
    """What every template of a document reads: titles, dates, page box, furniture texts."""
    ui_lang = langs[0]
    glossary = context.glossary
    built_on = labels.label(ui_lang, "built_on", date=long_date(context.build_date.date(), ui_lang))
    return {
        "langs": langs,
        "kind": kind,
        "kind_name": gettext(ui_lang, KIND_NAMES[kind]),
        "title": glossary.title.get(ui_lang, ""),
        "titles": [(lang, glossary.title[lang]) for lang in langs if lang in glossary.title],
        "descriptions": [
            (lang, glossary.description[lang]) for lang in langs if lang in glossary.description
        ],
        # The day, as printed on the sheet: an edit on the same day leaves a sheet that does
        # not show it untouched.
        "created": context.build_date.strftime("%Y-%m-%dT00:00:00Z"),
        "built_on": built_on,
        "page": MARGINS[kind].page_css(),
        "faces": {
            "han": faces.han_face(glossary.languages),
            "rules": Markup(faces.rules(glossary.languages, system=False)),
        },
        "css": {
            "title": css_content(glossary.title.get(ui_lang, "")),
            "built_on": css_content(built_on),
            "page_of": css_content(
                gettext(ui_lang, PAGE_OF), page="counter(page)", pages="counter(pages)"
            ),
        },
    }


def _render(context: BuildContext, ui_lang: str, template: str, **values: Any) -> str:
    return environment(ui_lang, context.templates).get_template(template).render(**values)


def sheet_rows(context: BuildContext, langs: tuple[str, ...]) -> tuple[Group, ...]:
    """What a cheat sheet shows: each domain's rows, without the reference's entries."""
    return groups(context.glossary, langs, entries=False)


def sheet_html(
    context: BuildContext,
    langs: tuple[str, ...],
    fit: int = 0,
    rows: tuple[Group, ...] | None = None,
) -> str:
    """The HTML of one cheat sheet (UI text in `langs[0]`) at density `fit` (see FITS), showing
    `rows` (`sheet_rows`, made here when not given)."""
    values = _common(context, langs, "cheatsheet")
    groups_ = sheet_rows(context, langs) if rows is None else rows
    values.update(volume_name=None, groups=groups_, fit=fit)
    return _render(context, langs[0], "pdf/cheatsheet.html", **values)


def _volume_name(glossary: Glossary, volume: Volume, ui_lang: str) -> Text | None:
    """ "Tasks 2": the volume's domain name, and the part's number if any."""
    if not volume.domain_id:
        return None
    name = glossary.domain(volume.domain_id).names.get(ui_lang, volume.domain_id)
    part = volume.slug.removeprefix(volume.domain_id).lstrip("-")
    return Text(f"{name} {part}".strip(), ui_lang)


@dataclass(frozen=True, slots=True)
class InParts:
    """A document laid out in parts, each kept between builds, and joined (`join`): the
    template of a part, what the templates show, and its parts."""

    template: str
    values: dict[str, Any]
    parts: tuple[Part, ...]


def reference(context: BuildContext, langs: tuple[str, ...], volume: Volume) -> InParts:
    """One volume of the reference (the whole reference for most glossaries)."""
    glossary, ui_lang = context.glossary, langs[0]
    shown = volume.concept_ids
    groups_ = groups(glossary, langs, shown)
    indexes = tuple(index(glossary, lang, ui_lang, shown) for lang in langs)
    values = _common(context, langs, "reference")
    values.update(
        volume_name=_volume_name(glossary, volume, ui_lang),
        groups=groups_,
        indexes=indexes,
        numbers=numbering(glossary, ui_lang),
        entry_link=ENTRY_LINK,
        maps=domain_maps(glossary, groups_, ui_lang, volume),
        unattested_legend=_unattested_legend(glossary, ui_lang),
    )
    return InParts("pdf/reference.html", values, parts(groups_, indexes))


def long_sheet(
    context: BuildContext, langs: tuple[str, ...], rows: tuple[Group, ...]
) -> InParts | None:
    """A cheat sheet too long for one document (`content.SHEET_PART_SIZE`), in parts; None for
    one that is laid out whole. The parts are laid out at the first density: a sliver on the
    last of hundreds of pages is not worth laying them all out again (`make_sheet`)."""
    parts_ = sheet_parts(rows)
    if len(parts_) < 2:
        return None
    values = _common(context, langs, "cheatsheet")
    values.update(volume_name=None, groups=rows, fit=0)
    return InParts("pdf/cheatsheet.html", values, parts_)


def _unattested_legend(glossary: Glossary, lang: str) -> str:
    """What the reference's ° means, and the corpora (with their licences) that say so; empty
    when no term is marked."""
    if not any(
        t.evidence is not None and not t.evidence.occurrences
        for c in glossary.concepts
        for t in c.terms
    ):
        return ""
    corpora = ", ".join(f"{s.name} ({s.licence})" for s in glossary.corpus.sources)
    return gettext(lang, UNATTESTED) % {"corpora": corpora}


@dataclass(frozen=True, slots=True)
class MapFigure:
    """A domain's concept map, at the head of its entries in the reference."""

    title: str
    svg: Markup
    legend: tuple[concept_map.Key, ...]
    """Its lines and boxes, drawn as on the map, with what they mean."""
    notes: tuple[str, ...]
    """What it leaves out: the concepts without a line, a cut tree's lower levels."""


def domain_maps(
    glossary: Glossary, shown: tuple[Group, ...], lang: str, volume: Volume
) -> dict[str, MapFigure]:
    """The concept map of each domain of a reference that has a line to draw, labelled in its
    first language, at the head of the domain's entries: vectors, with the labels as text; a
    box links to its entry when the volume has it (an `x-entry:` link, which the join
    resolves)."""
    maps = [concept_map.domain_map(glossary, group.domain_id) for group in shown]
    drawn = [m for m in maps if m.drawn]
    drawings = concept_map.Drawer(glossary).draw([(m, lang) for m in drawn])
    found = {}
    for drawing in drawings:
        domain_id = drawing.map.domain or ""
        name = glossary.domain(domain_id).names.get(lang, domain_id)
        title = concept_map.title(lang, name)
        svg = concept_map.svg(
            drawing,
            href=lambda i: (
                f"{ENTRY_LINK}c-{i}"
                if volume.concept_ids is None or i in volume.concept_ids
                else None
            ),
            ident=f"m-{domain_id}",
            title=title,
            description=concept_map.description(lang, glossary.instances, drawing.map),
        )
        notes = (drawing.map.left_out(glossary, lang), drawing.map.note(lang))
        legend = concept_map.legend(lang, glossary.instances, drawing.map)
        found[domain_id] = MapFigure(title, svg, legend, tuple(n for n in notes if n))
    return found


def part_html(context: BuildContext, document: InParts, part: Part) -> str:
    """The HTML of one part of a document, laid out on its own."""
    ui_lang = document.values["langs"][0]
    return _render(context, ui_lang, document.template, part=part, **document.values)


def furniture_html(context: BuildContext, document: InParts, pages: Sequence[str]) -> str:
    """The running headers and footers of a joined document, a page per section name in
    `pages`: laid out apart from the parts, since they count every page."""
    ui_lang = document.values["langs"][0]
    return _render(context, ui_lang, "pdf/furniture.html", pages=pages, **document.values)


def parted_jobs(
    context: BuildContext, stem: str, document: InParts, papers: tuple[str, ...]
) -> Iterator[Job]:
    """A job per part of a document, its PDF kept below PARTS, and the job joining them."""
    paths, keys = [], []
    for part in document.parts:
        source = part_html(context, document, part)
        path = PARTS / stem / f"{part.slug}.pdf"
        make = partial(_make_part, path, source, f"{FOLDER}/{stem} ({part.slug})")
        keys.append(_key(source))
        paths.append(path)
        yield Job(f"{stem}/{part.slug}", keys[-1], make, cost=len(source), prepare=warm_up)
    # The furniture's HTML without the page count of each part, which only the parts know.
    headers = [section.header for part in document.parts for section in part.sections]
    frame = furniture_html(context, document, headers)
    furniture = partial(furniture_html, context, document)
    make = partial(_make_joined, stem, tuple(paths), tuple(document.parts), furniture, papers)
    key = _key(frame, *keys, *papers)
    reuses = _furniture_files(stem)
    yield Job(stem, key, make, needs=tuple(paths), reuses=reuses, prepare=warm_up)


def _make_part(path: PurePosixPath, source: str, what: str) -> list[Output]:
    return [Output(path, draw(source, what))]


def _furniture_files(stem: str) -> tuple[PurePosixPath, PurePosixPath]:
    """Where the join keeps a reference's running headers and footers (a PDF), and the key of
    the HTML they were drawn from, for the next build."""
    return PARTS / stem / "furniture.pdf", PARTS / stem / "furniture.key"


def _make_joined(
    stem: str,
    paths: tuple[PurePosixPath, ...],
    parts_: tuple[Part, ...],
    furniture_source: Callable[[list[str]], str],
    papers: tuple[str, ...],
    files: Mapping[PurePosixPath, bytes],
) -> list[Output]:
    """The parts joined into the reference, on every paper, and its running headers and
    footers, kept: they are drawn again only when their HTML changed (a page more or less, a
    section moved, another day), not for an edit that leaves every page where it was."""
    kept_pdf, kept_key = _furniture_files(stem)
    made: list[Output] = []

    def furniture(headers: list[str]) -> bytes:
        source = furniture_source(headers)
        key = _key(source).encode()
        if kept_pdf in files and files.get(kept_key) == key:
            data = files[kept_pdf]
        else:
            data = draw(source, f"{FOLDER}/{stem}")
        made.extend((Output(kept_pdf, data), Output(kept_key, key)))
        return data

    joined = join([files[p] for p in paths], parts_, furniture)
    return [*_on_papers(stem, joined, papers), *made]


# CSS text -----------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_CSS_PLAIN = re.compile(r"[A-Za-z0-9 .,:;()\-]")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string; anything but plain ASCII is escaped (`\\421 `)."""
    return '"' + "".join(c if _CSS_PLAIN.match(c) else f"\\{ord(c):x} " for c in text) + '"'


def css_content(message: str, **values: str) -> Markup:
    """A CSS `content` value from a translated message: its `%(name)s` placeholders become
    the CSS expressions in `values` (`counter(page)`), the rest quoted strings."""
    parts_: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        if match.start() > position:
            parts_.append(css_string(message[position : match.start()]))
        parts_.append(values[match.group(1)])
        position = match.end()
    if position < len(message) or not parts_:
        parts_.append(css_string(message[position:]))
    return Markup(" ".join(parts_))
