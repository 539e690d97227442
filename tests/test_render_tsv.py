"""OmegaT glossaries: read back as OmegaT reads them (tab-split, trimmed, `#` lines skipped)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from helpers import outputs_of
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.render.contract import BuildContext
from termbase.render.tsv import omegat

ODD = '#L\tL "M"\nx'
"""A term with all a TSV line cannot hold: a leading #, a tab, quotes and a line break."""


def read(data: bytes) -> list[list[str]]:
    """The rows as OmegaT reads them: comment lines skipped, fields split at tabs and trimmed."""
    lines = [line for line in data.decode("utf-8").splitlines() if not line.startswith("#")]
    return [
        [f.strip() for f in row]
        for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def odd_glossary(mini_dir: Path) -> Glossary:
    llm = mini_dir / "concepts" / "llm.yaml"
    text = llm.read_text(encoding="utf-8").replace("text: LLM\n", 'text: "#L\\tL \\"M\\"\\nx"\n')
    llm.write_text(text, encoding="utf-8")
    return load_glossary(mini_dir)


def test_one_file_per_direction(mini) -> None:
    outputs = list(outputs_of("tsv", BuildContext(mini, datetime(2025, 1, 1, tzinfo=UTC))))
    assert [o.path for o in outputs] == [
        PurePosixPath(f"tsv/{pair}.txt")
        for pair in ("en-ru", "en-zh", "ru-en", "ru-zh", "zh-en", "zh-ru")
    ]


def test_english_to_russian_rows_with_variants_as_their_own_rows(mini) -> None:
    data = omegat(mini, "en", "ru")
    assert data.startswith(b"# Mini glossary: en \xe2\x86\x92 ru -*- coding: utf-8 -*-\n")
    llm = (
        "Вариант: БЯМ | Определение: Языковая модель очень большого размера, обученная "
        "на огромных объёмах текста."
    )
    assert read(data) == [
        [
            "generative model",
            "генеративная модель",
            "Определение: Модель, которая изучает распределение данных и порождает новые "
            "похожие образцы.",
        ],
        ["GPT-3", "GPT-3", "Определение: Языковая модель OpenAI 2020 года со 175 млрд параметров."],
        ["large language model", "большая языковая модель", llm],
        ["LLM", "большая языковая модель", llm],
    ]


def test_chinese_comments_use_chinese_punctuation(mini) -> None:
    rows = {row[0]: row for row in read(omegat(mini, "ru", "zh-Hans"))}
    assert rows["большая языковая модель"][1:] == [
        "大语言模型",
        "定义：在海量文本上训练的超大规模语言模型。",
    ]


def test_deprecated_terms_are_named_in_the_comment_but_never_a_source_row(shipped) -> None:
    en_ru = read(omegat(shipped, "en", "ru"))
    [row] = [r for r in en_ru if r[0] == "foundation model"]
    assert "Нерекомендуемый: фундаментальные модель" in row[2]
    ru_en = read(omegat(shipped, "ru", "en"))
    assert "фундаментальные модель" not in [r[0] for r in ru_en]
    by_source = {r[0]: r[1] for r in ru_en}
    assert by_source["фундаментальная модель"] == "foundation model"


def test_every_line_keeps_three_fields_whatever_the_term(mini_dir: Path) -> None:
    glossary = odd_glossary(mini_dir)
    data = omegat(glossary, "en", "ru")
    rows = read(data)
    assert all(len(row) == 3 for row in rows)
    assert ['#L L "M" x', "большая языковая модель"] in [row[:2] for row in rows]
    assert len(data.decode().splitlines()) == 1 + 4  # the comment line and four rows


def test_every_shipped_concept_is_in_every_direction(shipped) -> None:
    for source, target in (("en", "ru"), ("zh-Hans", "en"), ("ru", "zh-Hans")):
        targets = {row[1] for row in read(omegat(shipped, source, target))}
        assert targets == {c.preferred(target).text for c in shipped.concepts}


def test_the_same_bytes_every_time(shipped) -> None:
    assert omegat(shipped, "en", "zh-Hans") == omegat(shipped, "en", "zh-Hans")


def test_a_general_word_is_no_row_where_its_concept_has_another_term(shipped) -> None:
    # "model" and "sample" would put the glossary's term beside every everyday use.
    sources = {row[0] for row in read(omegat(shipped, "en", "ru"))}
    assert {"AI model", "data point"} <= sources
    assert not {"model", "sample"} & sources
    assert "environment" in sources  # its concept's only English term stays
