"""The second glossary of the repository, examples/kitchen: kitchen words in English, German,
Japanese and Arabic. Built in every format, its TSV and JSON kept as golden files, nothing in any
output about AI models, and Arabic laid out right to left on a card and on a PDF page (the
pictures are kept: `pytest --basetemp=/tmp/kitchen tests/test_example.py`)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection

from golden import compare
from helpers import ROOT, build_formats
from termbase.formats import FORMATS

pytestmark = pytest.mark.slow  # every format, PDFs and decks included

EXAMPLE = ROOT / "examples" / "kitchen"
AI_WORDS = re.compile(
    r"(?<!xml-)\b(AI|artificial intelligence|neural|GPT|machine learning|models?|transformers?)\b",
    re.IGNORECASE,
)
"""What an output about kitchen words has no reason to say (the first glossary's subject)."""
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kitchen") / "out"
    build_formats(EXAMPLE, out, [f.name for f in FORMATS])
    return out


def test_every_format_is_built_under_the_glossarys_own_name(built: Path) -> None:
    names = sorted(
        str(p.relative_to(built)) for p in built.rglob("*") if p.is_file() and p.parts[-1][0] != "."
    )
    named = [Path(n).name for n in names if n.startswith(("anki/", "pdf/"))]
    assert named and all(name.startswith("kitchen-words-") for name in named)
    assert "csv/kitchen-words.csv" in names and "xlsx/kitchen-words.xlsx" in names
    assert "tbx/kitchen-words.tbx" in names and "tbx/kitchen-words.tbx2.tbx" in names
    assert len([n for n in names if n.startswith("tsv/")]) == 12  # every direction of 4 languages
    assert len([n for n in names if n.endswith(".apkg")]) == 7  # 6 pairs and all four
    assert len([n for n in names if n.endswith("-a4.pdf")]) == 8  # 7 sheets and the reference
    for ui in ("en", "de", "ja", "ar"):  # every language has a UI catalog
        assert f"html/{ui}/index.html" in names
    assert not any("ai-glossary" in n for n in names)


@pytest.mark.golden
@pytest.mark.parametrize(
    "name", ["glossary.json", *(f"tsv/{p}" for p in ("en-ar.txt", "ja-de.txt"))]
)
def test_the_example_exports_match_their_golden_files(
    built: Path, name: str, request: pytest.FixtureRequest
) -> None:
    update = request.config.getoption("--update-golden")
    compare(f"kitchen/{name}", (built / name).read_text(encoding="utf-8"), update=update)


def texts(path: Path) -> list[str]:
    """The text a reader of an output file can see: the file itself, a PDF's text, a workbook's
    cells, or a deck's notes, deck names and rendered cards (the note type's field and template
    names are identifiers, kept stable for learners' reviews: see docs/your-glossary.md)."""
    if path.suffix == ".pdf":
        return [
            subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        ]
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as workbook:
            return [workbook.read(n).decode() for n in workbook.namelist() if n.endswith(".xml")]
    if path.suffix == ".apkg":
        return deck_texts(path)
    return [path.read_text(encoding="utf-8")]


def deck_texts(path: Path) -> list[str]:
    col = Collection(str(path.with_suffix(".anki2")))
    try:
        from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        options = ImportAnkiPackageOptions()
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))
        found = [name for name, _ in ((d.name, d.id) for d in col.decks.all_names_and_ids())]
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            found += [*card.note().fields, *card.note().tags]
            found += [_visible(card.question()), _visible(card.answer())]
        return found
    finally:
        col.close()


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL))


def test_no_output_mentions_ai_models(built: Path, tmp_path: Path) -> None:
    mentions = []
    for path in sorted(p for p in built.rglob("*") if p.is_file() and ".parts" not in p.parts):
        if path.name.startswith(".") or path.suffix in (".png", ".anki2"):
            continue
        copy = path
        if path.suffix == ".apkg":  # Anki writes its collection beside the package
            copy = tmp_path / path.name
            copy.write_bytes(path.read_bytes())
        text = "\n".join(texts(copy))
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.DOTALL)
        if path.suffix in (".html", ".js", ".css"):  # markup and code comments are not read
            text = re.sub(r"<[^>]+>|/\*.*?\*/|^\s*//.*$", " ", text, flags=re.DOTALL | re.MULTILINE)
        mentions += [(str(path.relative_to(built)), m[0]) for m in AI_WORDS.finditer(text)]
    assert not mentions, mentions[:20]


def test_the_ai_words_would_be_found() -> None:
    """The grep above can fail: the first glossary's words are caught."""
    assert AI_WORDS.search("Which kind of model is this, above all?")
    assert AI_WORDS.search("a named model")


def test_an_arabic_card_reads_right_to_left(built: Path, tmp_path: Path, page) -> None:
    """The AR → EN card of the English–Arabic deck: the question and the Arabic block of its
    back run right to left, their text against the right edge; the English answer stays left
    to right."""
    deck = tmp_path / "en-ar.apkg"
    deck.write_bytes((built / "anki" / "kitchen-words-en-ar.apkg").read_bytes())
    col = Collection(str(tmp_path / "col.anki2"))
    try:
        from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        request = ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions()
        )
        col.import_anki_package(request)
        (card_id,) = col.find_cards('Id:kitchen-knife card:"AR → EN"')
        card = col.get_card(card_id)
        back, css = card.answer(), card.note_type()["css"]
    finally:
        col.close()
    body = re.sub(r"<style>.*?</style>|\[anki:play:[aq]:\d+\]", "", back, flags=re.DOTALL).replace(
        "<details", "<details open"
    )
    page.set_viewport_size(PHONE)
    page.set_content(
        f'<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>'
        f'<body style="margin:0"><div class="card">{body}</div></body></html>'
    )
    page.screenshot(path=str(tmp_path / "arabic-card.png"), full_page=True)
    directions = page.evaluate(
        """() => [...document.querySelectorAll('.front, .more .language')].map(
            e => [e.lang, getComputedStyle(e).direction])"""
    )
    assert ["ar", "rtl"] in directions and ["en", "ltr"] in directions
    assert "العربية ← English" in page.inner_text(".direction")  # the arrow points the way it reads
    edges = page.evaluate(
        """() => { const d = document.querySelector('.more .language[lang=ar] .definition');
                   const r = document.createRange(); r.selectNodeContents(d);
                   const text = r.getBoundingClientRect(), box = d.getBoundingClientRect();
                   return [box.right - text.right, text.left - box.left]; }"""
    )
    assert edges[0] < 2 < edges[1]  # against the right edge, not the left


ARABIC = re.compile("[\u0600-\u06ff]")
JAPANESE = re.compile("[\u30a0-\u30ff\u4e00-\u9fff]")
"""A Japanese term: kanji or katakana (its reading, in hiragana, follows it on the line)."""
TABLE_TOP, TABLE_BOTTOM = 110, 780
"""Where the sheet's tables are on the page (points from the top): below the masthead."""


def words_with_boxes(pdf: Path, page_number: int) -> list[tuple[str, float, float, float]]:
    """Each word of a PDF page with its left and right edges and its top (poppler's
    pdftotext -bbox; right-to-left words come out in visual order)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page_number), "-l", str(page_number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'
    return [
        (text, float(low), float(high), float(top))
        for low, top, high, text in re.findall(pattern, html)
    ]


def test_the_arabic_column_of_a_pdf_is_set_right_to_left(built: Path, tmp_path: Path) -> None:
    """On the Japanese–Arabic sheet, each Arabic cell ends at its column's right edge and each
    Japanese one starts at its column's left edge."""
    pdf = built / "pdf" / "kitchen-words-ja-ar-cheatsheet-a4.pdf"
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "ja-ar")],
        check=True,
    )
    lines: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for text, low, high, top in words_with_boxes(pdf, 1):
        script = "ar" if ARABIC.search(text) else "ja" if JAPANESE.search(text) else None
        if script and TABLE_TOP < top < TABLE_BOTTOM:
            lines.setdefault((script, round(top)), []).append((low, high))
    arabic_ends = {round(max(h for _, h in boxes)) for (s, _), boxes in lines.items() if s == "ar"}
    japanese_starts = {
        round(min(lo for lo, _ in boxes)) for (s, _), boxes in lines.items() if s == "ja"
    }
    assert len(lines) > 20
    assert len(arabic_ends) == 1, arabic_ends  # one right edge: the column's
    assert len(japanese_starts) == 1, japanese_starts  # one left edge
    assert min(arabic_ends) > min(japanese_starts)
