"""Printable PDFs (WeasyPrint): cheat sheets per language edition, and a reference edition.

An edition is a pair of the glossary's languages, or all of them; its first language is the UI
language. Every edition has a cheat sheet; the edition of all languages also has the reference
(definitions, variants, examples, an index per language). Each is laid out once and written on
A4 and US Letter (`pdf_paper`):
`pdf/ai-glossary-en-ru-cheatsheet-a4.pdf`, `pdf/ai-glossary-en-ru-zh-reference-letter.pdf`, ...
A glossary of over `pdf_content.VOLUME_SIZE` concepts has its reference in volumes, a domain
(or a part of one) each: `pdf/ai-glossary-en-ru-zh-reference-tasks-a4.pdf`.

Chinese is set in Noto Sans CJK SC, everything else in Noto Sans (templates/pdf/common.css);
`pdf_fonts` refuses a PDF with a missing glyph or a non-Simplified Chinese face.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import PurePosixPath
from typing import Literal

from markupsafe import Markup

from termbase import labels
from termbase.i18n import N_, gettext, long_date
from termbase.languages import has_han, slug
from termbase.model import Glossary
from termbase.render import concept_map
from termbase.render.pdf_content import (
    WHOLE,
    Group,
    Volume,
    editions,
    groups,
    index,
    volumes,
)
from termbase.render.pdf_fonts import (
    check_chinese_faces,
    embedded_fonts,
    missing_glyph_guard,
)
from termbase.render.pdf_paper import PAPERS, Margins, on_paper
from termbase.render.views import Text
from termbase.rendering import BuildContext, Job, Output
from termbase.templating import environment

DocumentKind = Literal["cheatsheet", "reference"]
MARGINS = {"cheatsheet": Margins(9, 9, 11), "reference": Margins(16, 14, 15)}
"""The smallest margins of each kind of document on any paper (pdf_paper)."""
FOLDER = PurePosixPath("pdf")
ENGINE = ("weasyprint", "pydyf")
"""The libraries that turn the HTML into PDF bytes: their versions are part of each PDF's key."""

KIND_NAMES = {"cheatsheet": N_("Cheat sheet"), "reference": N_("Reference")}
PAGE_OF = N_("Page %(page)s of %(pages)s")
PAGE_REF = N_("p. %(page)s")


def render(context: BuildContext) -> Iterator[Output]:
    for job in jobs(context):
        yield from job.make()


def jobs(context: BuildContext) -> Iterator[Job]:
    """A job per document, keyed by its HTML: a document is laid out again only when what it
    shows changed (a Chinese definition leaves the EN–RU sheets alone), and documents share the
    cores. Each job lays its document out once and writes it on every paper."""
    engine = "\0".join(f"{name} {version(name)}" for name in ENGINE)
    for kind, langs, volume in documents(context.glossary):
        parts = [slug(langs), kind, volume.slug]
        stem = f"ai-glossary-{'-'.join(p for p in parts if p)}"
        source = html(context, langs, kind, volume)
        key = hashlib.sha256(f"{engine}\0{source}".encode()).hexdigest()
        yield Job(stem, key, partial(make_pdfs, stem, source), cost=len(source))


def make_pdfs(stem: str, source: str) -> list[Output]:
    """The document on every paper: `pdf/<stem>-a4.pdf`, `pdf/<stem>-letter.pdf`."""
    return [
        Output(FOLDER / f"{stem}-{paper}.pdf", data)
        for paper, data in write_pdfs(source, f"{FOLDER}/{stem}").items()
    ]


def documents(glossary: Glossary) -> Iterator[tuple[DocumentKind, tuple[str, ...], Volume]]:
    """A cheat sheet per edition; the reference (28 pages, ~15 s to lay out) once, in all
    languages: in volumes for a large glossary."""
    for langs in editions(glossary):
        yield "cheatsheet", langs, WHOLE
    for volume in volumes(glossary, glossary.languages[0]):
        yield "reference", glossary.languages, volume


def html(
    context: BuildContext, langs: tuple[str, ...], kind: DocumentKind, volume: Volume = WHOLE
) -> str:
    """The HTML of one document (UI text in `langs[0]`), laid out for every paper at once."""
    ui_lang = langs[0]
    glossary = context.glossary
    shown = volume.concept_ids
    volume_name = None
    if volume.domain_id:  # "Tasks 2": the domain's name, and the part's number if any
        name = glossary.domain(volume.domain_id).names.get(ui_lang, volume.domain_id)
        part = volume.slug.removeprefix(volume.domain_id).lstrip("-")
        volume_name = Text(f"{name} {part}".strip(), ui_lang)
    template = environment(ui_lang, context.templates).get_template(f"pdf/{kind}.html")
    shown_groups = groups(glossary, langs, shown)
    built_on = labels.label(ui_lang, "built_on", date=long_date(context.build_date.date(), ui_lang))
    return template.render(
        langs=langs,
        kind=kind,
        kind_name=gettext(ui_lang, KIND_NAMES[kind]),
        title=glossary.title.get(ui_lang, ""),
        titles=[(lang, glossary.title[lang]) for lang in langs if lang in glossary.title],
        descriptions=[
            (lang, glossary.description[lang]) for lang in langs if lang in glossary.description
        ],
        # The day, as printed on the sheet: an edit on the same day leaves a sheet that does
        # not show it untouched.
        created=context.build_date.strftime("%Y-%m-%dT00:00:00Z"),
        built_on=built_on,
        volume_name=volume_name,
        groups=shown_groups,
        maps=domain_maps(glossary, shown_groups, ui_lang, volume) if kind == "reference" else {},
        indexes=[index(glossary, lang, ui_lang, shown) for lang in langs]
        if kind == "reference"
        else [],
        page=MARGINS[kind].page_css(),
        css={
            "title": css_content(glossary.title.get(ui_lang, "")),
            "built_on": css_content(built_on),
            "page_of": css_content(
                gettext(ui_lang, PAGE_OF), page="counter(page)", pages="counter(pages)"
            ),
            "page_ref": css_content(
                gettext(ui_lang, PAGE_REF), page="target-counter(attr(href), page)"
            ),
        },
    )


@dataclass(frozen=True, slots=True)
class MapPage:
    """A domain's concept map on a page of the reference."""

    title: str
    svg: Markup
    legend: str
    """What its lines mean, in words."""


def domain_maps(
    glossary: Glossary, shown: tuple[Group, ...], lang: str, volume: Volume
) -> dict[str, MapPage]:
    """The concept map of each domain of a reference, labelled in its first language, for a
    page of its own before the domain's entries: vectors, with the labels as text; a box links
    to its entry when the volume has it."""
    drawings = concept_map.Drawer(glossary).draw(
        [(concept_map.domain_map(glossary, group.domain_id), lang) for group in shown]
    )
    legend = concept_map.description(lang)
    found = {}
    for group, drawing in zip(shown, drawings, strict=True):
        name = glossary.domain(group.domain_id).names.get(lang, group.domain_id)
        title = concept_map.title(lang, name)
        svg = concept_map.svg(
            drawing,
            href=lambda i: (
                f"#c-{i}" if volume.concept_ids is None or i in volume.concept_ids else None
            ),
            ident=f"m-{group.domain_id}",
            title=title,
            description=legend,
        )
        found[group.domain_id] = MapPage(title, svg, legend)
    return found


def write_pdfs(source: str, what: str) -> dict[str, bytes]:
    """The PDF of an HTML page on each paper, laid out once; `RenderError` if a glyph is
    missing or Chinese would be set in a Japanese face."""
    from weasyprint import HTML  # heavy: imported only when PDFs are built

    fonts: list[str] = []
    written = {}
    with missing_glyph_guard(what):
        document = HTML(string=source).render()
        for paper, size in PAPERS.items():
            written[paper] = on_paper(document, size).write_pdf(
                finisher=lambda _doc, pdf: fonts.extend(embedded_fonts(pdf))
            )
    check_chinese_faces(what, fonts, has_han=has_han(source))
    return written


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_CSS_PLAIN = re.compile(r"[A-Za-z0-9 .,:;()\-]")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string; anything but plain ASCII is escaped (`\\421 `)."""
    return '"' + "".join(c if _CSS_PLAIN.match(c) else f"\\{ord(c):x} " for c in text) + '"'


def css_content(message: str, **values: str) -> Markup:
    """A CSS `content` value from a translated message: its `%(name)s` placeholders become
    the CSS expressions in `values` (`counter(page)`), the rest quoted strings."""
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        if match.start() > position:
            parts.append(css_string(message[position : match.start()]))
        parts.append(values[match.group(1)])
        position = match.end()
    if position < len(message) or not parts:
        parts.append(css_string(message[position:]))
    return Markup(" ".join(parts))
