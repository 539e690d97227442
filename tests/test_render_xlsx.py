"""The Excel workbook for CAT tools: opened back with openpyxl, as a spreadsheet import reads it."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import openpyxl
import pytest

from helpers import outputs_of
from termbase.load import load_glossary
from termbase.model import Glossary, Status
from termbase.pinyin import reading
from termbase.render.contract import BuildContext
from termbase.render.csv import SEPARATOR
from termbase.render.xlsx import workbook_bytes

BUILT = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def opened(glossary: Glossary) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(glossary, BUILT)))


def records(sheet) -> list[dict[str, object]]:
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_format_writes_one_workbook(mini: Glossary) -> None:
    [output] = outputs_of("xlsx", BuildContext(mini, BUILT))
    assert output.path == PurePosixPath("xlsx/mini-glossary.xlsx")
    assert zipfile.is_zipfile(io.BytesIO(output.data))


def test_entries_have_a_row_per_concept_and_columns_per_language(shipped: Glossary) -> None:
    book = opened(shipped)
    assert book.sheetnames == ["Entries", "Terms"]
    rows = records(book["Entries"])
    assert [row["ID"] for row in rows] == [c.id for c in shipped.concepts]
    for row, concept in zip(rows, shipped.concepts, strict=True):
        for lang in shipped.languages:
            preferred = concept.preferred(lang)
            assert row[lang] == (preferred.text if preferred else None)
            for column, status in (("admitted", Status.ADMITTED), ("forbidden", Status.DEPRECATED)):
                texts = [t.text for t in concept.variants(lang) if t.status is status]
                assert row[f"{lang} {column}"] == (SEPARATOR.join(texts) or None)
            assert row[f"{lang} definition"] == concept.definitions.get(lang)
        if (chinese := concept.preferred("zh-Hans")) is not None:
            assert row["zh-Hans pinyin"] == reading(chinese)


def test_terms_have_status_columns(mini: Glossary) -> None:
    rows = records(opened(mini)["Terms"])
    assert len(rows) == sum(len(c.terms) for c in mini.concepts)
    bym = next(row for row in rows if row["Term"] == "БЯМ")
    assert bym == {
        "ID": "llm",
        "Language": "ru",
        "Term": "БЯМ",
        "Status": "admitted",
        "Preferred": False,
        "Forbidden": False,
        "Type": "abbreviation",
        "Note": None,
    }
    preferred = next(row for row in rows if row["Term"] == "большая языковая модель")
    assert (preferred["Preferred"], preferred["Forbidden"]) == (True, False)


def test_the_header_stays_in_view(mini: Glossary) -> None:
    sheet = opened(mini)["Entries"]
    assert sheet.freeze_panes == "B2"
    assert sheet["A1"].font.bold


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])  # the loader trims a tab, refuses a CR
def test_no_cell_runs_as_a_formula(mini_dir: Path, start: str) -> None:
    llm = mini_dir / "concepts" / "llm.yaml"
    formula = f'{start}HYPERLINK("http://x","y")'
    text = llm.read_text(encoding="utf-8").replace(
        "  ru: Сокращение БЯМ встречается реже, чем LLM.",
        f"  ru: {json.dumps(formula)}",  # a JSON string is a YAML one
    )
    llm.write_text(text, encoding="utf-8")
    glossary = load_glossary(mini_dir)
    assert glossary.concept("llm").notes["ru"] == formula
    book = opened(glossary)
    cell = next(
        c for row in book["Entries"].iter_rows() for c in row if c.value and "HYPER" in c.value
    )
    assert cell.data_type == "s" and cell.value == "'" + formula


def test_the_same_glossary_gives_the_same_bytes(mini: Glossary) -> None:
    first = workbook_bytes(mini, BUILT)
    assert workbook_bytes(mini, BUILT) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {
            (2025, 1, 2, 3, 4, 4)
        }  # zip dates go by two seconds
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.modified == BUILT.replace(tzinfo=None)
