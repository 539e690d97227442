"""`qa --format html` and `--format xlsx`, and the options that go with them, on the bilingual
fixtures (tests/fixtures/bilingual)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from helpers import FIXTURES
from termbase.cli import main

BILINGUAL = FIXTURES / "bilingual"


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BILINGUAL)


def qa(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["qa", "--glossary", "glossary", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_html_report_is_one_page_with_the_terms_marked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, page, _ = qa(capsys, "en-ru.xlf", "--format", "html")
    assert status == 1
    assert page.startswith("<!DOCTYPE html>") and page.count('class="finding"') == 4
    assert "http" not in page.replace("http-equiv", "")  # nothing is fetched
    # u3: the source's use marked, the deprecated term in the target marked as wrong.
    assert '<mark class="src">supervised learning</mark>' in page
    assert '<mark class="bad">контролируемого обучения</mark>' in page
    assert "«контролируемого обучения» is deprecated" in page


def test_the_html_report_in_the_ui_language(capsys: pytest.CaptureFixture[str]) -> None:
    _, page, _ = qa(capsys, "en-ru.xlf", "--format", "html", "--lang", "ru")
    assert "Проверка перевода" in page and "«transformer» не передано" in page


def test_the_xlsx_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "qa.xlsx"
    status, out, _ = qa(capsys, "en-zh.xlf", "--format", "xlsx", "--output", str(report))
    assert (status, out) == (1, "")
    rows = list(load_workbook(report).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("File", "Line", "Unit", "Kind", "Concept")
    assert [row[2:5] for row in rows[1:]] == [
        ("u1::s2", "missing", "supervised-learning"),
        ("u2", "deprecated term", "transformer"),
    ]


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = qa(capsys, "en-zh.xlf", "--format", "xlsx")
    assert (status, err) == (2, "error: --format xlsx writes a workbook: give --output FILE\n")


def test_non_translatables_from_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("# a product of ours\nlanguage model\n")
    status, out, _ = qa(capsys, "en-ru.xlf", "--non-translatables", str(names))
    assert status == 1 and "unit u4: missing: 'transformer'" in out and "unit u8" not in out
    status, _, err = qa(capsys, "en-ru.xlf", "--non-translatables", str(tmp_path / "none.txt"))
    assert status == 2 and err.startswith("error: ") and "none.txt" in err


def test_accepting_findings_in_the_page_makes_the_ignore_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, page: Any
) -> None:
    report = tmp_path / "qa.html"
    qa(capsys, "en-zh.xlf", "--format", "html", "--output", str(report))
    page.goto(report.as_uri())
    page.select_option("select[name=concept]", "transformer")
    assert page.locator(".finding:visible").count() == 1
    page.select_option("select[name=concept]", "")
    for box in page.locator("[name=accept]").all():
        box.check()
    with page.expect_download() as download:
        page.click("#download")
    accepted = tmp_path / "accepted.json"
    download.value.save_as(accepted)
    assert [f["unit"] for f in json.loads(accepted.read_text())] == ["u1::s2", "u2"]
    assert qa(capsys, "en-zh.xlf", "--ignore", str(accepted))[0] == 0
    page.set_viewport_size({"width": 360, "height": 800})  # one column on a phone
    source, target = page.locator(".finding .side").all()[:2]
    assert source.bounding_box()["y"] < target.bounding_box()["y"]
