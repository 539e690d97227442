"""Hostile but valid text reaches every output literally: no markup injected, no broken file.

The fixture glossary `tests/fixtures/hostile` has terms and definitions with `<script>`, `&`,
`]]>`, Anki's `{{Front}}` and cloze syntax, Markdown, tabs, quotes, zero-width and bidi
characters, in a file with a BOM and CRLF line ends.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from lxml import etree

from helpers import FIXTURES, build_formats
from termbase.load import load_glossary

HOSTILE = FIXTURES / "hostile"
SLUG = "hostile-b-glossary-b-front"
"""The stem of its outputs' names, made from its title: letters, digits and hyphens only."""
SCRIPT = "<script>alert('LLM')</script>"
DEFINITION = load_glossary(HOSTILE).concept("llm").definitions["en"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format but the PDFs (slow to lay out: `pdf_out` has them)."""
    out = tmp_path_factory.mktemp("hostile-out")
    formats = ["json", "tbx", "tsv", "csv", "xlsx", "anki", "html"]
    build_formats(HOSTILE, out, formats)
    return out


@pytest.fixture(scope="module")
def pdf_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile-pdf")
    build_formats(HOSTILE, out, ["pdf"])
    return out


def test_json_keeps_the_text_exactly(out: Path) -> None:
    data = json.loads((out / "glossary.json").read_text())
    llm = next(c for c in data["concepts"] if c["id"] == "llm")
    assert SCRIPT in [t["text"] for t in llm["terms"]]
    assert llm["definition"]["en"] == DEFINITION


def test_tbx_is_well_formed_and_holds_the_literal_text(out: Path) -> None:
    for path in (out / "tbx").glob("*.tbx"):
        tree = etree.parse(str(path))  # raises on any injected markup or a broken CDATA end
        texts = [t.text for t in tree.iter() if t.text]
        assert SCRIPT in texts, path.name
        assert any("]]>" in text and "{{c1::cloze}}" in text for text in texts), path.name


def test_xlsx_reads_back_every_field_literally(out: Path) -> None:
    book = openpyxl.load_workbook(out / "xlsx" / f"{SLUG}.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert {c.data_type for c in cells} <= {"s", "b"}  # text and booleans: no formula
    texts = {c.value for c in cells}
    assert SCRIPT in texts and DEFINITION in texts


def test_csv_reads_back_every_field_literally(out: Path) -> None:
    with (out / "csv" / f"{SLUG}.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    llm = next(row for row in rows if SCRIPT in " ".join(row.values()))
    assert DEFINITION in llm.values()


def test_tsv_keeps_one_entry_per_line(out: Path) -> None:
    for path in (out / "tsv").glob("*.txt"):
        for line in path.read_text().splitlines():
            if line and not line.startswith("#"):
                assert line.count("\t") in (1, 2), (path.name, line)
    assert SCRIPT in (out / "tsv" / "ru-en.txt").read_text()  # a deprecated target term to avoid


def test_anki_cards_show_the_text_and_run_no_markup(out: Path, tmp_path: Path) -> None:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(out / "anki" / f"{SLUG}-en-ru.apkg"),
            options=ImportAnkiPackageOptions(),
        )
        col.import_anki_package(request)
        answers = [col.get_card(cid).answer() for cid in col.find_cards("")]
    finally:
        col.close()
    shown = "\n".join(answers)
    assert "<script>alert" not in shown  # never live markup
    assert "&lt;script&gt;alert(&#x27;LLM&#x27;)&lt;/script&gt;" in shown or (
        "&lt;script&gt;alert('LLM')&lt;/script&gt;" in shown
    )
    assert "{{c1::cloze}}" in shown or "&#123;&#123;c1::cloze&#125;&#125;" in shown
    assert not re.search(r'class="cloze"', shown)


@pytest.mark.slow
def test_pdf_prints_the_text_literally(pdf_out: Path) -> None:
    reference = next((pdf_out / "pdf").glob("*en-ru-zh-reference-a4.pdf"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(reference), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<script>alert('LLM')</script>" in text.replace("\n", "")
    assert "{{c1::cloze}}" in text


def test_html_escapes_the_text_and_runs_no_markup(out: Path) -> None:
    pages = list((out / "html").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        assert "<script>alert(" not in html, page.name
        assert "<i>very</i>" not in html and "<b>glossary</b>" not in html, page.name
    glossary_page = (out / "html" / "en" / "index.html").read_text()
    assert "&lt;script&gt;alert(" in glossary_page
    assert "{{c1::cloze}}" in glossary_page and "]]&gt;" in glossary_page
