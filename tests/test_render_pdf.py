"""The PDFs: checked with poppler (pdfinfo, pdffonts, pdftotext, pdftohtml) and pikepdf on real
renders.

WeasyPrint lays out about two pages a second, so each glossary is rendered once per session.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path, PurePosixPath

import pikepdf
import pytest
from lxml import html as lxml_html

from helpers import MINI, ROOT, drawn_and_explained, run_together, with_lone_domain
from termbase import labels
from termbase.collation import sort_key
from termbase.glyphs import package_for
from termbase.languages import editions, is_han
from termbase.model import Concept, Glossary, Status
from termbase.paths import TEMPLATES
from termbase.render.common.concept_map import domain_map
from termbase.render.contract import BuildContext, RenderError, run_all
from termbase.render.pdf import (
    MARGINS,
    SLIVER,
    css_content,
    documents,
    make_sheet,
    part_html,
    reference,
    render,
    sheet_html,
)
from termbase.render.pdf import content as pdf_content
from termbase.render.pdf import (
    jobs as pdf_jobs,
)
from termbase.render.pdf import paper as pdf_paper
from termbase.render.pdf.content import WHOLE, groups, index
from termbase.render.pdf.fonts import check_cjk_faces, missing_glyphs_message, wanted_faces

DATE = datetime(2026, 3, 5, 12, 30, tzinfo=UTC)
A4 = "595.276 x 841.89 pts (A4)"
LETTER = "612 x 792 pts (letter)"


def poppler(tool: str, *args: str | Path) -> str:
    return subprocess.run(
        [tool, *map(str, args)], capture_output=True, text=True, check=True
    ).stdout


def info(pdf: Path) -> dict[str, str]:
    lines = poppler("pdfinfo", "-isodates", pdf).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, encoding, emb, sub, uni (names have no spaces)."""
    rows = poppler("pdffonts", pdf).splitlines()[2:]
    found = []
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        found.append({"name": name.split("+", 1)[-1], "emb": emb, "sub": sub, "uni": uni})
    return found


def text(pdf: Path, *options: str) -> str:
    return poppler("pdftotext", *options, pdf, "-")


def page_with(pdf: Path, needle: str, *, last: bool = False) -> int:
    """The number of the first (or last) page whose text holds `needle`."""
    numbers = [n for n, page in enumerate(text(pdf).split("\f"), 1) if needle in page]
    return numbers[-1 if last else 0]


def entry_page(pdf: Path, concept: Concept) -> int:
    """The page of a concept's entry: where its English definition starts (a map page before
    the entries names the concept too)."""
    return page_with(pdf, " ".join(concept.definitions["en"].split()[:3]))


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The bookmarks as (level, title, page), read from pdftohtml's XML."""
    xml = poppler("pdftohtml", "-xml", "-i", "-q", "-stdout", pdf)
    found, level = [], 0
    for tag in re.finditer(r'<outline>|</outline>|<item page="(\d+)">(.*?)</item>', xml):
        if tag.group(0) == "<outline>":
            level += 1
        elif tag.group(0) == "</outline>":
            level -= 1
        else:
            found.append((level, tag.group(2), int(tag.group(1))))
    return found


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def weasyprint_warnings() -> Iterator[list[str]]:
    """Every warning WeasyPrint logs while this module renders (unsupported CSS, say)."""
    handler = _Warnings()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


@pytest.fixture(scope="session")
def mini_pdfs(mini: Glossary, tmp_path_factory, weasyprint_warnings) -> dict[str, Path]:
    """Every PDF of the mini glossary, written to a folder: path below output/ → file."""
    folder = tmp_path_factory.mktemp("mini-pdf")
    written = {}
    for output in render(BuildContext(mini, DATE)):
        target = folder / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data)
        written[str(output.path)] = target
    return written


@pytest.fixture(scope="session")
def shipped_pdfs(shipped: Glossary, tmp_path_factory, weasyprint_warnings) -> dict[str, Path]:
    """The shipped glossary's trilingual sheets, pair sheets and reference, on both papers:
    `en-ru-cheatsheet-letter` → its file."""
    folder = tmp_path_factory.mktemp("shipped-pdf")
    written = {}
    for output in render(BuildContext(shipped, DATE)):
        target = folder / output.path.name
        target.write_bytes(output.data)
        written[target.stem.removeprefix("ai-glossary-")] = target
    return written


def reference_html(glossary: Glossary, volume=WHOLE) -> str:
    """The HTML of every part of the reference, one after the other."""
    context = BuildContext(glossary, DATE)
    document = reference(context, glossary.languages, volume)
    return "".join(part_html(context, document, part) for part in document.parts)


# What is written -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_cheat_sheet_per_edition_and_one_reference_each_on_a4_and_letter(mini_pdfs) -> None:
    names = [
        f"mini-glossary-{edition}-{kind}-{paper}.pdf"
        for edition, kind in [
            ("en-ru", "cheatsheet"),
            ("en-zh", "cheatsheet"),
            ("ru-zh", "cheatsheet"),
            ("en-ru-zh", "cheatsheet"),
            ("en-ru-zh", "reference"),
        ]
        for paper in ("a4", "letter")
    ]
    assert sorted(mini_pdfs) == sorted(str(PurePosixPath("pdf") / n) for n in names)


@pytest.mark.slow
def test_page_sizes_are_a4_and_us_letter(mini_pdfs) -> None:
    for name, pdf in mini_pdfs.items():
        assert info(pdf)["Page size"] == (A4 if name.endswith("-a4.pdf") else LETTER), name


@pytest.mark.slow
def test_metadata_dates_are_the_build_day_not_the_clock(mini_pdfs) -> None:
    for pdf in mini_pdfs.values():
        metadata = info(pdf)
        assert metadata["CreationDate"].startswith("2026-03-05T00:00:00")
        assert metadata["ModDate"] == metadata["CreationDate"]


@pytest.mark.slow
def test_every_font_is_embedded_and_subset_and_chinese_is_in_the_sc_face(mini_pdfs) -> None:
    for name, pdf in mini_pdfs.items():
        found = fonts(pdf)
        assert found, name
        assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in found), (name, found)
        names = {f["name"] for f in found}
        assert not any(re.search(r"CJK-?(JP|KR|TC|HK)", n, re.IGNORECASE) for n in names)
        if "zh" in name:
            assert "Noto-Sans-CJK-SC" in names, (name, names)
        else:  # the en-ru sheet has no Chinese: no CJK font at all
            assert not any("CJK" in n for n in names), (name, names)


@pytest.mark.slow
def test_weasyprint_warns_about_nothing(mini_pdfs, shipped_pdfs, weasyprint_warnings) -> None:
    assert weasyprint_warnings == []


@pytest.mark.slow
def test_two_builds_in_different_processes_give_identical_pdfs(mini_pdfs, tmp_path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(DATE.timestamp())), "PYTHONHASHSEED": "7"}
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "build.py", "build", "--only", "pdf", "--glossary", MINI, "--out", out],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    for name, pdf in mini_pdfs.items():
        assert (out / name).read_bytes() == pdf.read_bytes(), name


def test_no_template_uses_footnotes_or_notes() -> None:
    """The PDFs are laid out without the user-agent rules of footnotes and notes
    (render/pdf/engine.py): a template that floated something into a footnote would need them."""
    for path in sorted((TEMPLATES / "pdf").iterdir()):
        assert not re.search(r"footnote|note-area|::note", path.read_text()), path.name


@pytest.mark.slow
def test_without_the_footnote_rules_a_sheet_is_byte_for_byte_the_same(mini) -> None:
    from weasyprint import HTML

    from termbase.render.pdf.engine import fonts, lay_out

    source = sheet_html(BuildContext(mini, DATE), mini.languages)
    ours = lay_out(source).write_pdf()
    assert ours == HTML(string=source).render(font_config=fonts()).write_pdf()


# UI text and languages --------------------------------------------------------------------------


@pytest.mark.slow
def test_ui_text_is_in_the_first_language_of_the_sheet(mini_pdfs) -> None:
    english = text(mini_pdfs["pdf/mini-glossary-en-zh-cheatsheet-a4.pdf"])
    assert "Cheat sheet" in english and "Page 1 of 1" in english
    assert "Built on March 5, 2026" in english
    russian = text(mini_pdfs["pdf/mini-glossary-ru-zh-cheatsheet-a4.pdf"])
    assert "Шпаргалка" in russian and "Страница 1 из 1" in russian
    assert "Собрано 5 марта 2026 г." in russian
    assert "Cheat sheet" not in russian


@pytest.mark.parametrize("kind", ["cheatsheet", "reference"])
def test_every_run_of_chinese_and_russian_text_carries_its_lang(mini: Glossary, kind) -> None:
    if kind == "cheatsheet":
        source = sheet_html(BuildContext(mini, DATE), mini.languages)
    else:
        source = f"<div>{reference_html(mini)}</div>"
    root = lxml_html.fromstring(source.encode())
    checked = 0
    for element in root.iter():
        for piece, owner in ((element.text, element), (element.tail, element.getparent())):
            if not piece or owner is None or owner.tag in ("style", "title"):
                continue
            lang = owner.xpath("string(ancestor-or-self::*[@lang][1]/@lang)")
            if any(is_han(c) for c in piece):
                assert lang == "zh-Hans", (piece, lang)
                checked += 1
            if re.search("[а-яё]", piece, re.IGNORECASE):
                assert lang == "ru", (piece, lang)
                checked += 1
            if re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", piece):
                assert lang == "zh-Latn-pinyin", (piece, lang)
    assert checked > 10


# The shipped glossary ---------------------------------------------------------------------------


def last_page_fill(pdf: Path, margins: pdf_paper.Margins) -> float:
    """How much of the text block the last page's words fill (0–1), read with pdftotext: from
    the top of the text block to the bottom of the lowest word above the footer."""
    page = words_by_page(pdf)[-1]
    height = page["size"][1]
    spare = (height - pdf_paper.LAYOUT.height_mm * pdf_paper.PT_PER_MM) / 2  # Letter: < 0
    top = (margins.top + (pdf_paper.LAYOUT.height_mm - 279.4) / 2) * pdf_paper.PT_PER_MM + spare
    bottom = height - top - (margins.bottom - margins.top) * pdf_paper.PT_PER_MM
    lowest = max((y_max for _w, _x, _y, _x2, y_max in page["words"] if y_max < bottom), default=top)
    return (lowest - top) / (bottom - top)


@pytest.mark.slow
def test_no_cheat_sheet_ends_on_a_page_holding_a_sliver(shipped_pdfs) -> None:
    pages = {
        name: int(info(pdf)["Pages"]) for name, pdf in shipped_pdfs.items() if "cheatsheet" in name
    }
    assert len(pages) == 8 and max(pages.values()) <= 4, pages
    for name, pdf in shipped_pdfs.items():
        if "cheatsheet" in name and pages[name] > 1:
            fill = last_page_fill(pdf, MARGINS["cheatsheet"])
            assert fill >= SLIVER, (name, pages[name], fill)


@pytest.mark.slow
def test_a_sheet_that_would_end_on_a_sliver_is_tightened(mini: Glossary) -> None:
    """The fit: a sheet laid out in a density that leaves a sliver is laid out tighter."""
    from weasyprint import HTML

    context = BuildContext(mini, DATE)
    # A spacer that pushes the last lines onto a second page at the first density only.
    spacer = ".fit-0 .sheet::before { content: ''; display: block; height: 220mm; }"

    def source(fit: int) -> str:
        html = sheet_html(context, mini.languages, fit).replace(
            '<body class="cheatsheet languages-3', f'<body class="cheatsheet languages-3 fit-{fit}'
        )
        return html.replace("</style>", spacer + "</style>")

    loose = HTML(string=source(0)).render()
    assert len(loose.pages) == 2 and last_page_fill_of(loose) < SLIVER
    (a4, _letter) = make_sheet("sheet", source(0), source, ("a4", "letter"))
    assert pdf_pages(a4.data) == 1


@pytest.mark.slow
def test_the_reference_has_every_preferred_term_of_the_glossary(shipped, shipped_pdfs) -> None:
    extracted = re.sub(r"\s+", "", text(shipped_pdfs["en-ru-zh-reference-a4"]))
    missing = [
        (concept.id, term.text)
        for concept in shipped.concepts
        for lang in shipped.languages
        if (term := concept.preferred(lang)) and re.sub(r"\s+", "", term.text) not in extracted
    ]
    assert missing == []


@pytest.mark.slow
def test_no_two_terms_of_a_concept_run_together(shipped, shipped_pdfs) -> None:
    """Every two terms printed side by side (a term and its abbreviations) have the language's
    separator between them: "система ИИ, ИИ-система", "大语言模型 dà yǔyán móxíng、LLM"."""
    a4 = [name for name in shipped_pdfs if name.endswith("-a4")]
    assert len(a4) == 5
    found = {
        name: together
        for name in a4
        if (together := run_together(text(shipped_pdfs[name]), shipped))
    }
    assert found == {}


@pytest.mark.slow
def test_no_short_form_is_broken_across_lines(shipped, shipped_pdfs) -> None:
    """An abbreviation is one word on the sheets, also in Chinese, where a line may otherwise
    break between any two characters (文生|图, 对话|式AI)."""
    shorts = {
        short.text
        for group in groups(shipped, shipped.languages)
        for row in group.table_rows
        for headword in row.headwords
        for short in headword.short_forms
    }
    assert {"文生图", "对话式AI", "мультимодальная LLM"} <= shorts
    sheets = ("en-ru-zh-cheatsheet-a4", "en-ru-zh-cheatsheet-letter", "ru-zh-cheatsheet-a4")
    texts = {name: text(shipped_pdfs[name], "-raw") for name in sheets}
    broken = {
        (name, found)
        for name, raw in texts.items()
        for short in shorts
        for found in re.findall("\\n?".join(map(re.escape, short)), raw)
        if "\n" in found
    }
    assert broken == set()


def test_each_map_of_the_reference_explains_every_line_and_box_it_draws(shipped) -> None:
    """In the reference's language; a domain of lone boxes has no map, and the concepts a map
    leaves out for want of a line are named under it."""
    glossary = with_lone_domain(shipped)
    root = lxml_html.fromstring(reference_html(glossary))
    figures = root.xpath("//figure[@class='domain-map']")
    drawn = [d.id for d in glossary.domains if domain_map(glossary, d.id).drawn]
    assert [f.getparent().get("id") for f in figures] == [f"d-{i}" for i in drawn]
    assert root.xpath("//section[@id='d-lonely']") and "lonely" not in drawn
    for figure in figures:
        drawn, explained = drawn_and_explained(figure)
        assert drawn == explained, figure.xpath("./figcaption")[0].text
    general = root.xpath("//section[@id='d-ai-models']//p[@class='map-note']")[0].text
    lone = "Not on the map (no broader or narrower concept here): context window"
    assert general.startswith(lone), general


@pytest.mark.slow
def test_the_reference_pages_are_numbered_through_with_their_running_headers(
    shipped, shipped_pdfs
) -> None:
    pdf = shipped_pdfs["en-ru-zh-reference-a4"]
    count = int(info(pdf)["Pages"])
    sections = {}  # page number → the section named in its running header
    for number in range(1, count + 1):
        page = text(pdf, "-f", str(number), "-l", str(number))
        footer = re.findall(r"Page \d+ of \d+", page)
        assert footer == [f"Page {number} of {count}"], (number, footer)
        # The running header: the top 70 points of the page, above the text block.
        crop = ("-x", "0", "-y", "0", "-W", "600", "-H", "70")
        header = " ".join(text(pdf, "-f", str(number), "-l", str(number), *crop).split())
        if number == 1:  # the title page has none
            assert header == "", header
        else:
            assert header.startswith("AI Model Types "), (number, header)
            sections[number] = header.removeprefix("AI Model Types ")
    # Each domain and index names the pages from its bookmark's on (its map page before that),
    # in the outline's order, also where one part of the reference holds several domains.
    bookmarks = [(title, page) for level, title, page in outline(pdf) if level == 1]
    assert {page: sections[page] for _, page in bookmarks} == {p: t for t, p in bookmarks}
    assert [title for title, _run in groupby(sections.values())] == [t for t, _ in bookmarks]


@pytest.mark.slow
def test_the_reference_has_bookmarks_per_domain_and_index(shipped, shipped_pdfs) -> None:
    bookmarks = outline(shipped_pdfs["en-ru-zh-reference-a4"])
    top = [title for level, title, _page in bookmarks if level == 1]
    domains = [d.names["en"] for d in shipped.domains if shipped.in_domain(d.id)]
    assert top == [*domains, "Index: English", "Index: Russian", "Index: Chinese"]
    concepts = [title for level, title, _page in bookmarks if level == 2]
    assert len(concepts) == len(shipped.concepts)
    pages = [page for _level, _title, page in bookmarks]
    assert pages == sorted(pages) and pages[-1] > 10


@pytest.mark.slow
def test_a_domain_laid_out_in_several_parts_has_one_bookmark_over_all_its_entries(
    mini: Glossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One entry a part: the mini glossary's two generative models are two parts of one domain.
    monkeypatch.setattr(pdf_content, "PART_SIZE", 1)
    outputs = {o.path.name: o.data for o in render(BuildContext(mini, DATE))}
    pdf = tmp_path / "reference.pdf"
    pdf.write_bytes(outputs["mini-glossary-en-ru-zh-reference-a4.pdf"])
    bookmarks = outline(pdf)
    top = [title for level, title, _page in bookmarks if level == 1]
    indexes = ["Index: English", "Index: Russian", "Index: Chinese"]
    assert top == ["Generative models", "Named models", *indexes], bookmarks
    under_domains = [title for level, title, _page in bookmarks if level == 2]
    assert len(under_domains) == len(mini.concepts), bookmarks


@pytest.mark.slow
def test_the_cheat_sheet_has_a_bookmark_per_domain(mini, mini_pdfs) -> None:
    bookmarks = outline(mini_pdfs["pdf/mini-glossary-ru-zh-cheatsheet-a4.pdf"])
    assert bookmarks == [(1, "Генеративные модели", 1), (1, "Известные модели", 1)]


# One layout, two papers --------------------------------------------------------------------------

MIN_MARGIN_MM = 5
"""No word closer to an edge of the paper, where printers cannot print (the cheat sheet's small
margins put its footer 6 mm from the bottom edge)."""


def words_by_page(pdf: Path) -> list[dict]:
    """Each page's size in points and its words with their boxes, from `pdftotext -bbox`."""
    xml = poppler("pdftotext", "-bbox", pdf, "-")
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        found = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page.group(3),
        )
        boxes = [(word, *map(float, box)) for *box, word in found]
        pages.append({"size": (float(page.group(1)), float(page.group(2))), "words": boxes})
    return pages


def placed(page: dict, centre: tuple[float, float]) -> list[tuple[str, int, int]]:
    """The page's words and their places (to the point) on a paper whose centre is `centre`."""
    dx, dy = centre[0] - page["size"][0] / 2, centre[1] - page["size"][1] / 2
    return sorted((word, round(x + dx), round(y + dy)) for word, x, y, _, _ in page["words"])


@pytest.mark.slow
def test_letter_pages_are_the_a4_pages_centred_with_the_same_bookmarks(shipped_pdfs) -> None:
    for stem in ("en-ru-zh-reference", "en-ru-cheatsheet"):
        a4, letter = shipped_pdfs[f"{stem}-a4"], shipped_pdfs[f"{stem}-letter"]
        a4_pages, letter_pages = words_by_page(a4), words_by_page(letter)
        assert len(a4_pages) == len(letter_pages), stem
        for number, (on_a4, on_letter) in enumerate(zip(a4_pages, letter_pages, strict=True), 1):
            a4_words, letter_words = placed(on_a4, (0, 0)), placed(on_letter, (0, 0))
            assert [w for w, _x, _y in a4_words] == [w for w, _x, _y in letter_words]
            moved = [
                max(abs(x1 - x2), abs(y1 - y2))
                for (_w, x1, y1), (_v, x2, y2) in zip(a4_words, letter_words, strict=True)
            ]
            assert max(moved, default=0) <= 1, (stem, number)  # to the point, rounded
        assert outline(a4) == outline(letter)


@pytest.mark.slow
def test_letter_is_the_a4_drawing_on_another_page_box_not_a_second_drawing(shipped_pdfs) -> None:
    for stem in ("en-ru-zh-reference", "en-ru-zh-cheatsheet"):
        a4 = pikepdf.open(shipped_pdfs[f"{stem}-a4"])
        letter = pikepdf.open(shipped_pdfs[f"{stem}-letter"])
        assert len(a4.pages) == len(letter.pages)
        for on_a4, on_letter in zip(a4.pages, letter.pages, strict=True):
            assert contents(on_a4) == contents(on_letter)  # the same drawing
            (x1, y1, x2, y2) = (float(v) for v in on_letter.mediabox)
            assert (round(x2 - x1, 1), round(y2 - y1, 1)) == (612.0, 792.0)
            (a1, b1, a2, b2) = (float(v) for v in on_a4.mediabox)
            centre, a4_centre = ((x1 + x2) / 2, (y1 + y2) / 2), ((a1 + a2) / 2, (b1 + b2) / 2)
            assert max(abs(c - d) for c, d in zip(centre, a4_centre, strict=True)) < 0.01


def contents(page: pikepdf.Page) -> bytes:
    streams = page.obj.Contents
    if isinstance(streams, pikepdf.Array):
        return b"".join(s.read_bytes() for s in streams)
    return streams.read_bytes()


def pdf_pages(data: bytes) -> int:
    return len(pikepdf.open(io.BytesIO(data)).pages)


def last_page_fill_of(document) -> float:
    from termbase.render.pdf import last_page_fill as fill

    return fill(document)


@pytest.mark.slow
def test_no_word_is_near_an_edge_of_either_paper(shipped_pdfs) -> None:
    margin = MIN_MARGIN_MM * 72 / 25.4
    for name, pdf in shipped_pdfs.items():
        for number, page in enumerate(words_by_page(pdf), 1):
            width, height = page["size"]
            for word, x_min, y_min, x_max, y_max in page["words"]:
                inside = margin <= x_min and x_max <= width - margin
                assert inside and margin <= y_min and y_max <= height - margin, (name, number, word)


# Entry numbers, links and labels ----------------------------------------------------------------


@pytest.mark.slow
def test_every_index_entry_and_cross_reference_points_at_an_existing_entry(
    shipped, shipped_pdfs
) -> None:
    pdf = pikepdf.open(shipped_pdfs["en-ru-zh-reference-a4"])
    flat = list(pdf.Root.Names.Dests.Names)
    destinations = dict(zip(map(str, flat[::2]), flat[1::2], strict=True))
    page_objects = {page.obj.objgen for page in pdf.pages}
    assert all(d[0].objgen in page_objects for d in destinations.values())
    assert {f"c-{c.id}" for c in shipped.concepts} <= set(destinations)
    targets = []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            assert "/A" not in annotation, annotation  # every x-entry: link was resolved
            targets.append(str(annotation.Dest))
    assert set(targets) <= set(destinations)
    numbers = pdf_content.numbering(shipped, "en")
    # Every concept is linked to (from the index at least), and every relation's target is.
    linked = {t.removeprefix("c-") for t in targets if t.startswith("c-")}
    assert linked == {c.id for c in shipped.concepts}
    # The numbers printed in the index are the entries' numbers.
    printed = re.findall(r"\s(\d+\.\d+)$", text(shipped_pdfs["en-ru-zh-reference-a4"]), re.M)
    assert set(printed) == set(numbers.values())


def hyphenated_words(pdf: Path) -> set[str]:
    """The words pdftotext finds broken at a line end by a hyphen, joined again."""
    found = re.findall(r"(\w+)[-\u2010\u00ad]\n\s*(\w+)", text(pdf, "-raw"))
    return {first + second for first, second in found}


@pytest.mark.slow
def test_labels_are_never_hyphenated(shipped, shipped_pdfs) -> None:
    """A label ("Related concepts:") is never broken by a hyphen; running text may be."""
    label_words = {
        re.findall(r"\w+", labels.label(lang, key, count))[-1].casefold()
        for lang in shipped.languages
        for key in (*(k for k, _ in pdf_content.RELATIONS), "maker", "year")
        for count in ((1, 2, 5) if key in labels.COUNTED else (None,))
    }
    raw = text(shipped_pdfs["en-ru-zh-reference-a4"], "-raw")
    broken = re.findall(r"(\w+)[-\u2010\u00ad]\n\s*(\w+):", raw)
    assert [f + s for f, s in broken if (f + s).casefold() in label_words] == []
    assert "Related concepts:" in raw and "Broader concept" in raw
    # The test sees a break: the definitions are hyphenated, in Russian and English.
    assert hyphenated_words(shipped_pdfs["en-ru-zh-reference-a4"])


@pytest.mark.slow
def test_a_label_starts_the_line_of_its_first_link(shipped_pdfs) -> None:
    """A label ("Examples:") never ends a line with what it labels on the next one."""
    label_texts = {
        labels.label("en", key, count)
        for key in (*(k for k, _ in pdf_content.RELATIONS), "maker", "year")
        for count in ((1, 2, 5) if key in labels.COUNTED else (None,))
    }
    lines = text(shipped_pdfs["en-ru-zh-reference-a4"], "-raw").splitlines()
    stranded = [line for line in lines if any(line.endswith(f"{label}:") for label in label_texts)]
    assert any("Examples: " in line for line in lines)
    assert stranded == []


@pytest.mark.slow
def test_every_badge_is_in_its_columns_language(shipped, shipped_pdfs) -> None:
    root = lxml_html.fromstring(f"<div>{reference_html(shipped)}</div>".encode())
    checked = set()
    for badge in root.iterfind(".//ul[@class='variants']/li/span[@class='status']"):
        lang = badge.xpath("string(ancestor::div[@class='side']/@lang)")
        status = Status(badge.getparent().get("class"))
        assert badge.text == labels.status_label(lang, status), (lang, badge.text)
        checked.add((lang, status))
    assert {lang for lang, _ in checked} == set(shipped.languages)
    extracted = text(shipped_pdfs["en-ru-zh-reference-a4"])
    for lang, status in checked:
        assert labels.status_label(lang, status) in extracted


# The index --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_indexes_are_in_dictionary_order_with_entry_numbers(mini, mini_pdfs) -> None:
    russian = index(mini, "ru", "en")
    terms = [item.term.text for letter in russian.letters for item in letter.entries]
    assert terms == ["GPT-3", "большая языковая модель", "БЯМ", "генеративная модель"]
    assert [letter.letter for letter in russian.letters] == ["G", "Б", "Г"]
    chinese = index(mini, "zh-Hans", "en")
    assert [i.term.text for letter in chinese.letters for i in letter.entries] == [
        "大语言模型",
        "GPT-3",
        "生成模型",
    ]
    assert [letter.letter for letter in chinese.letters] == ["D", "G", "S"]
    extracted = text(mini_pdfs["pdf/mini-glossary-en-ru-zh-reference-a4.pdf"], "-layout")
    # The LLM is the second generative model, in English dictionary order.
    assert re.search(r"БЯМ\s+1\.2\b", extracted)
    assert re.search(r"大语言模型 [a-zǎàáéǐíóòǔū ]+\s+1\.2\b", extracted)


def test_index_order_is_the_collation_of_each_language(shipped) -> None:
    for lang in shipped.languages:
        items = [
            i.term.text for letter in index(shipped, lang, "en").letters for i in letter.entries
        ]
        assert items == sorted(items, key=lambda t: sort_key(t, lang))


# The cheat sheet's content ----------------------------------------------------------------------


def test_editions_are_every_pair_then_all_languages(mini) -> None:
    assert editions(mini.languages) == (
        ("en", "ru"),
        ("en", "zh-Hans"),
        ("ru", "zh-Hans"),
        ("en", "ru", "zh-Hans"),
    )


def test_a_cheat_sheet_line_has_short_forms_beside_the_term_and_pinyin(mini) -> None:
    generative, named = groups(mini, mini.languages)
    llm = next(r for r in generative.table_rows if r.concept_id == "llm")
    english, russian, chinese = llm.headwords
    assert (english.term.text, [s.text for s in english.short_forms]) == (
        "large language model",
        ["LLM"],
    )
    assert [s.text for s in russian.short_forms] == ["БЯМ"]
    assert chinese.term.pinyin == "dà yǔyán móxíng" and english.term.pinyin is None
    # GPT-3 is written alike in every language: one name in a list, not three equal cells.
    assert named.table_rows == () and [r.concept_id for r in named.uniform_rows] == ["gpt-3"]


# A large glossary's reference, in volumes ---------------------------------------------------------


@pytest.fixture(scope="module")
def volume_pdfs(mini: Glossary, tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """The mini glossary's reference as if it were large: a volume of at most one concept.
    Volume slug → (its A4 PDF, its HTML)."""
    folder = tmp_path_factory.mktemp("volumes")
    context = BuildContext(mini, DATE)
    written = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_content, "VOLUME_SIZE", 1)
        outputs = {o.path.name: o.data for o in render(context)}
        for kind, _langs, volume in documents(mini):
            if kind == "reference":
                source = reference_html(mini, volume)
                target = folder / f"{volume.slug}.pdf"
                target.write_bytes(
                    outputs[f"mini-glossary-en-ru-zh-reference-{volume.slug}-a4.pdf"]
                )
                written[volume.slug] = (target, source)
    return written


def test_small_domains_share_a_part_and_a_large_one_is_laid_out_in_runs(
    shipped: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    langs = shipped.languages
    groups_ = groups(shipped, langs)
    indexes = tuple(index(shipped, lang, langs[0]) for lang in langs)
    sizes = {g.domain_id: len(g.entries) for g in groups_}

    def layout() -> list[tuple[str, list[str | None], bool, bool]]:
        return [
            (p.slug, [s.anchor for s in p.sections], p.front, p.continues)
            for p in pdf_content.parts(groups_, indexes)
        ]

    # Consecutive domains share a part up to PART_SIZE entries: the shipped glossary's 12
    # domains are 9 parts; each part's running headers begin at its domains' anchors.
    assert sizes["generative-models"] + sizes["discriminative-models"] <= pdf_content.PART_SIZE
    assert layout()[:3] == [
        ("ai-models", ["d-ai-models"], True, False),
        ("generative-models-to-discriminative-models",
         ["d-generative-models", "d-discriminative-models"], False, False),
        (
            "classical-models-to-recommender-systems",
            ["d-classical-models", "d-other-model-types", "d-recommender-systems"],
            False,
            False,
        ),
    ]  # fmt: skip
    assert [slug for slug, *_ in layout()][-3:] == ["index-en", "index-ru", "index-zh-Hans"]
    everything = [e.concept_id for p in pdf_content.parts(groups_, indexes) for g in p.groups
                  for e in g.entries]  # fmt: skip
    assert everything == [e.concept_id for g in groups_ for e in g.entries]
    # A domain larger than a part: runs of PART_SIZE entries, the first one anchored.
    monkeypatch.setattr(pdf_content, "PART_SIZE", sizes["ai-models"] - 1)
    assert layout()[:4] == [
        ("ai-models-1", ["d-ai-models"], True, False),
        ("ai-models-2", [None], False, True),
        ("generative-models", ["d-generative-models"], False, False),
        (
            "discriminative-models-to-recommender-systems",
            ["d-discriminative-models", "d-classical-models", "d-other-model-types",
             "d-recommender-systems"],
            False,
            False,
        ),
    ]  # fmt: skip


@pytest.mark.slow
def test_a_large_reference_is_split_by_domain_and_a_large_domain_into_parts(volume_pdfs) -> None:
    assert sorted(volume_pdfs) == ["generative-models-1", "generative-models-2", "named-models"]


@pytest.mark.slow
def test_a_volume_has_its_own_concepts_index_and_name(mini: Glossary, volume_pdfs) -> None:
    owners = {"generative-models-1": "generative-model", "generative-models-2": "llm"}
    owners["named-models"] = "gpt-3"
    for slug, (pdf, source) in volume_pdfs.items():
        entries = re.findall(r'<article class="entry" id="c-([^"]+)"', source)
        assert entries == [owners[slug]], slug
        pages = text(pdf).split("\f")
        russian_index = pages[page_with(pdf, "Index: Russian", last=True) - 1]
        for concept in mini.concepts:
            term = concept.preferred("ru").text
            assert (term in russian_index) == (concept.id == owners[slug]), (slug, term)
        english_index = pages[page_with(pdf, "Index: English", last=True) - 1]
        numbers = re.findall(r"\s(\d+\.\d+)$", english_index, re.MULTILINE)
        number = pdf_content.numbering(mini, "en")[owners[slug]]
        assert numbers == [number] * len(mini.concept(owners[slug]).terms_in("en")), english_index
    masthead = text(volume_pdfs["generative-models-2"][0]).split("\n\n")[2]
    assert masthead.startswith("Generative models 2"), masthead


@pytest.mark.slow
def test_links_to_a_concept_in_another_volume_are_text_with_its_number(volume_pdfs) -> None:
    pdf, source = volume_pdfs["named-models"]
    # GPT-3 is an instance of the LLM, which is in another volume: no link, but its number.
    assert "c-llm" not in source
    relations = next(line for line in text(pdf).splitlines() if "Instance of" in line)
    assert relations.rstrip().endswith("large language model 1.2"), relations


@pytest.mark.slow
def test_a_long_cheat_sheet_is_laid_out_in_parts_and_reads_as_one(
    mini: Glossary, mini_pdfs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_content, "SHEET_PART_SIZE", 1)  # a part per concept
    context = BuildContext(mini, DATE)
    jobs = [j for j in pdf_jobs(context, frozenset({"en-ru-zh", "cheatsheet", "a4"}))]
    names = [job.name for job in jobs]
    stem = "mini-glossary-en-ru-zh-cheatsheet"
    assert names == [
        f"{stem}/generative-models-1",
        f"{stem}/generative-models-2",
        f"{stem}/named-models",
        stem,
    ]
    outputs = {o.path.name: o.data for o in run_all(jobs)}
    whole = mini_pdfs[f"pdf/{stem}-a4.pdf"]
    joined = tmp_path / "joined.pdf"
    joined.write_bytes(outputs[f"{stem}-a4.pdf"])
    pages = text(joined).split("\f")[:-1]
    assert len(pages) == 3  # each part starts a page
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of 3" in page and "Built on March 5, 2026" in page
    assert pages[0].count("Mini glossary") == 1 and "Mini glossary" not in pages[1]
    # The rows in the same order as the sheet laid out whole, a domain bookmarked once.
    rows = [line.split()[0] for line in text(joined).splitlines() if line.strip()]
    whole_rows = [line.split()[0] for line in text(whole).splitlines() if line.strip()]
    assert [r for r in rows if r in {"generative", "large", "GPT-3"}] == [
        r for r in whole_rows if r in {"generative", "large", "GPT-3"}
    ]
    assert [(level, title) for level, title, _ in outline(joined)] == [
        (level, title) for level, title, _ in outline(whole)
    ]


# Helpers ----------------------------------------------------------------------------------------


def test_css_content_quotes_text_and_keeps_counters() -> None:
    assert css_content(
        "Page %(page)s of %(pages)s", page="counter(page)", pages="counter(pages)"
    ) == ('"Page " counter(page) " of " counter(pages)')
    assert css_content("Стр. %(page)s", page="counter(page)") == (
        '"\\421 \\442 \\440 . " counter(page)'
    )
    assert css_content('a"</style>') == '"a\\22 \\3c \\2f style\\3e "'


@pytest.mark.slow
def test_fonts_packages_and_messages() -> None:
    assert package_for("生") == "fonts-noto-cjk" and package_for("，") == "fonts-noto-cjk"
    assert package_for("Ж") == "fonts-noto-core" and package_for("س", "ar") == "fonts-noto-core"
    message = missing_glyphs_message("x.pdf", {"生", "模"})  # the package is installed here:
    assert "'模' (U+6A21)" in message and "fonts-noto-cjk" not in message  # naming it misleads
    with pytest.raises(RenderError, match="Noto-Sans-CJK-JP"):
        check_cjk_faces("x.pdf", ["Noto-Sans", "Noto-Sans-CJK-JP"], {"SC"}, has_han=True)
    with pytest.raises(RenderError, match=r"Noto-Sans-CJK-SC, not Noto Sans CJK JP"):
        check_cjk_faces("x.pdf", ["Noto-Sans", "Noto-Sans-CJK-SC"], {"JP"}, has_han=True)
    with pytest.raises(RenderError, match="fonts-noto-cjk"):
        check_cjk_faces("x.pdf", ["Noto-Sans", "WenQuanYi-Zen-Hei"], {"SC"}, has_han=True)
    check_cjk_faces("x.pdf", ["Noto-Sans", "Noto-Sans-CJK-SC"], {"SC"}, has_han=True)
    check_cjk_faces("x.pdf", ["Noto-Sans-CJK-SC", "Noto-Sans-CJK-JP"], {"SC", "JP"}, has_han=True)
    assert wanted_faces('html { font-family: "Noto Sans", "Noto Sans CJK JP" }') == {"JP"}


# The glyph guard, with fonts hidden from fontconfig -----------------------------------------------


def _build_with_fontconfig(
    tmp_path: Path, reject: str, *options: str
) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{tmp_path / 'cache'}</cachedir>\n"
        f"  <selectfont><rejectfont>{reject}</rejectfont></selectfont>\n"
        "</fontconfig>\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    out = tmp_path / "out"
    command = ["build.py", "build", "--only", "pdf", "--glossary", MINI, "--out", out, *options]
    return subprocess.run(
        [sys.executable, *map(str, command)], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.slow
def test_a_build_without_a_chinese_font_fails_naming_the_character_and_package(tmp_path) -> None:
    result = _build_with_fontconfig(tmp_path, "<glob>*CJK*</glob>")  # check finds it first
    assert result.returncode == 1, result.stderr
    assert (
        "generative-model.yaml:11:13: error: term '生成模型': no installed font has "
        "U+578B CJK UNIFIED IDEOGRAPH-578B, U+6210 CJK UNIFIED IDEOGRAPH-6210"
    ) in result.stderr
    assert "install the Debian package fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "pdf").exists()
    forced = _build_with_fontconfig(tmp_path, "<glob>*CJK*</glob>", "--force")  # the PDFs' guard
    assert forced.returncode == 1, forced.stderr
    # The first job to fail names its characters: any part of the reference, or a sheet.
    assert re.search(r"'[\u4e00-\u9fff]' \(U\+[0-9A-F]{4}\)", forced.stderr), forced.stderr
    assert "install the Debian package fonts-noto-cjk" in forced.stderr
    assert "Traceback" not in forced.stderr
    assert not (tmp_path / "out" / "pdf").exists()


@pytest.mark.slow
def test_a_build_that_would_set_chinese_in_the_japanese_face_fails(tmp_path) -> None:
    """Without the Simplified Chinese face, check refuses the Chinese terms (another CJK face
    would draw them in its own forms), and a forced build's PDF guard refuses the substitution."""
    family = "<pattern><patelt name='family'><string>Noto Sans CJK SC</string></patelt></pattern>"
    result = _build_with_fontconfig(tmp_path, family)
    assert result.returncode == 1, result.stderr
    assert (
        "generative-model.yaml:11:13: error: term '生成模型': no installed face of zh-Hans "
        "(Noto Sans CJK SC) has U+578B"
    ) in result.stderr
    forced = _build_with_fontconfig(tmp_path, family, "--force")
    assert forced.returncode == 1, forced.stderr
    assert "not Noto Sans CJK SC" in forced.stderr
    assert re.search(r"would be set in Noto-Sans-CJK-(JP|KR|TC|HK)", forced.stderr)
    assert not (tmp_path / "out" / "pdf").exists()
