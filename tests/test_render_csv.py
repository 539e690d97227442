"""The spreadsheet export: read back with the csv module, one row per concept."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from helpers import FIXTURES, outputs_of
from termbase.load import load_glossary
from termbase.model import Status
from termbase.render.common.cells import FORMULA_STARTS
from termbase.render.contract import BuildContext
from termbase.render.csv import SEPARATOR, table


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_file_is_utf8_with_a_byte_order_mark_and_crlf(mini) -> None:
    [output] = outputs_of("csv", BuildContext(mini, datetime(2025, 1, 1, tzinfo=UTC)))
    assert output.path == PurePosixPath("csv/mini-glossary.csv")
    assert output.data.startswith("\ufeffid,kind,domain,en.preferred,".encode())
    assert output.data.decode("utf-8-sig") == table(mini)
    assert table(mini).count("\r\n") == 1 + 3


def test_one_row_per_concept_with_columns_per_language(mini) -> None:
    llm = rows(table(mini))[2]
    assert llm == {
        "id": "llm",
        "kind": "concept",
        "domain": "generative-models",
        "en.preferred": "large language model",
        "en.variants": "LLM",
        "en.deprecated": "",
        "en.definition": "A language model of very large size, trained on huge amounts of text.",
        "en.attested": "large language model; LLM",
        "en.in_use": "",
        "en.citations": "",
        "ru.preferred": "большая языковая модель",
        "ru.variants": "БЯМ",
        "ru.deprecated": "",
        "ru.definition": "Языковая модель очень большого размера, обученная на огромных "
        "объёмах текста.",
        "ru.attested": "",
        "ru.in_use": "",
        "ru.citations": "",
        "zh-Hans.preferred": "大语言模型",
        "zh-Hans.pinyin": "dà yǔyán móxíng",
        "zh-Hans.variants": "",
        "zh-Hans.deprecated": "",
        "zh-Hans.definition": "在海量文本上训练的超大规模语言模型。",
        "zh-Hans.attested": "",
        "zh-Hans.in_use": "",
        "zh-Hans.citations": "",
    }


def test_each_term_has_its_use_in_the_corpus_and_its_citations(attested) -> None:
    token = next(row for row in rows(table(attested)) if row["id"] == "token")
    assert token["en.in_use"] == "token: 9 in 3 documents"
    assert token["zh-Hans.in_use"] == "词元: 6 in 2 documents; 令牌: 0"
    assert token["en.citations"] == (
        "token: corpus/course/en/docs/intro.md:8, corpus/book/en/chapter1.md:3, "
        "corpus/course/en/docs/chat.md:10"
    )
    assert token["zh-Hans.citations"].startswith("词元: corpus/course/zh-Hans/docs/intro.md:")


def test_tabs_line_breaks_and_quotes_survive_the_round_trip(mini_dir: Path) -> None:
    odd = 'L\tL "M",\nx'
    llm = mini_dir / "concepts" / "llm.yaml"
    text = llm.read_text(encoding="utf-8").replace("text: LLM\n", 'text: "L\\tL \\"M\\",\\nx"\n')
    llm.write_text(text, encoding="utf-8")
    written = table(load_glossary(mini_dir))
    assert '"L\tL ""M"",\nx"' in written  # quoted, inner quotes doubled
    assert rows(written)[2]["en.variants"] == odd


def test_the_shipped_glossary_has_every_concept_and_its_terms(shipped) -> None:
    read = rows(table(shipped))
    assert [r["id"] for r in read] == [c.id for c in shipped.concepts]
    for row, concept in zip(read, shipped.concepts, strict=True):
        for lang in shipped.languages:
            by_status = {
                status: SEPARATOR.join(t.text for t in concept.terms_in(lang) if t.status is status)
                for status in Status
            }
            cells = [row[f"{lang}.{column}"] for column in ("preferred", "variants", "deprecated")]
            assert cells == [by_status[s] for s in Status], (concept.id, lang)
    assert all(r["zh-Hans.preferred"] and r["zh-Hans.pinyin"] for r in read)


def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(mini_dir: Path) -> None:
    shutil.copytree(FIXTURES / "reliability" / "formulas", mini_dir, dirs_exist_ok=True)
    glossary = load_glossary(mini_dir)
    llm = glossary.concept("llm")
    formulas = [t.text for t in llm.terms] + list(llm.definitions.values())
    formulas = [text for text in formulas if text[0] in "=+-@"]
    assert len(formulas) == 7
    cells = [cell for row in rows(table(glossary)) for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in FORMULA_STARTS]
    for formula in formulas:
        assert "'" + formula in cells
