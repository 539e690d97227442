"""Languages and scripts: tags, script ranges, and folding rules shared with the search script.

The English plural rules and the search folding are applied in Python (matching, the search
index) and in the browser (site.js): both are run on the same tables here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from termbase import languages
from termbase.languages import (
    fold,
    glossary_language,
    has_han,
    is_han,
    lower_case_terms,
    primary,
    script,
    singular,
    slug,
    without_marks,
)
from termbase.render.contract import BuildContext
from termbase.render.html import render
from termbase.render.html.search_index import search_key

PLURALS = [
    ("models", "model"),
    ("llms", "llm"),
    ("transformers", "transformer"),
    ("libraries", "library"),
    ("approaches", "approach"),
    ("boxes", "box"),
    ("classes", "class"),
    ("gans", "gan"),
    ("loss", "loss"),
    ("corpus", "corpus"),
    ("analysis", "analysis"),
    ("analyses", "analysis"),
    ("robotics", "robotics"),
    ("data", "data"),
    ("criteria", "criterion"),
    ("series", "series"),
    ("gps", "gps"),
    ("ies", "ies"),
    ("model", "model"),
]
"""English words and their singulars, as matching and the search read them."""

SEARCH_KEYS = [
    ("Dà-yǔ  Yán", "da yu yan"),
    ("ЕЩЁ", "еще"),
    ("Йод", "йод"),
    ("ＧＰＴ－４", "gpt 4"),
    ("naïve café", "naive cafe"),
    ("GPT-3.5", "gpt 3 5"),
    ("大语言模型", "大语言模型"),
    ("a_b/c", "a b c"),
    ("lǜsè", "luse"),
]
"""Texts and their search keys (lower case, ё as е, no marks but й's, punctuation as spaces)."""


@pytest.mark.parametrize(("word", "expected"), PLURALS)
def test_english_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(("text", "expected"), SEARCH_KEYS)
def test_search_key(text: str, expected: str) -> None:
    assert search_key(text) == expected


def test_tags() -> None:
    assert [primary(t) for t in ("en", "ru-RU", "zh-Hans", "ZH-hant-TW")] == [
        "en",
        "ru",
        "zh",
        "zh",
    ]
    assert slug(("en", "ru", "zh-Hans")) == "en-ru-zh"
    assert [lower_case_terms(t) for t in ("en", "ru", "zh-Hans")] == [True, True, False]


def test_scripts_with_capitals() -> None:
    assert [languages.has_case(t) for t in ("en", "ru", "de", "el")] == [True] * 4
    assert [languages.has_case(t) for t in ("zh-Hans", "ja", "ko", "ar")] == [False] * 4


def test_german_capitalises_nouns_and_unknown_languages_are_left_alone() -> None:
    assert not lower_case_terms("de")
    assert not lower_case_terms("de-AT")
    assert not lower_case_terms("tlh")  # nothing known of it: no rule


@pytest.mark.parametrize(
    ("tag", "script_code", "way", "family"),
    [
        ("ar", "Arab", "rtl", "Noto Sans Arabic"),
        ("he", "Hebr", "rtl", "Noto Sans Hebrew"),
        ("fa", "Arab", "rtl", "Noto Sans Arabic"),
        ("ja", "Jpan", "ltr", "Noto Sans CJK JP"),
        ("ko", "Kore", "ltr", "Noto Sans CJK KR"),
        ("zh-Hans", "Hans", "ltr", "Noto Sans CJK SC"),
        ("zh-Hant", "Hant", "ltr", "Noto Sans CJK TC"),
        ("zh-TW", "Hant", "ltr", "Noto Sans CJK TC"),
        ("zh-HK", "Hant", "ltr", "Noto Sans CJK HK"),
        ("de", "Latn", "ltr", "Noto Sans"),
        ("ru", "Cyrl", "ltr", "Noto Sans"),
    ],
)
def test_each_language_has_its_script_direction_and_face(
    tag: str, script_code: str, way: str, family: str
) -> None:
    assert languages.writing_script(tag) == script_code
    assert languages.direction(tag) == way
    assert languages.face(tag) == family


def test_readings_are_pinyin_for_chinese_and_kana_for_japanese() -> None:
    assert languages.reading_tag("zh-Hans") == "zh-Latn-pinyin"
    assert languages.reading_tag("ja") == "ja-Hira"
    assert languages.reading_tag("de") is None


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans-CN", "zh-Hans"),
        ("zh_CN", "zh-Hans"),  # PO files
        ("zh", "zh-Hans"),
        ("ZH-hans", "zh-Hans"),
        ("zho-CN", "zh-Hans"),  # memoQ's three-letter codes
        ("zh-TW", None),  # Traditional Chinese
        ("zh-Hant", None),
        ("zh-HK", None),
        ("ru-RU", "ru"),
        ("rus", "ru"),
        ("en-US", "en"),
        ("EN-gb", "en"),
        ("de-DE", None),
        ("", None),
        ("en US", None),
    ],
)
def test_a_file_s_tag_as_a_glossary_language(tag: str, expected: str | None) -> None:
    assert glossary_language(tag, ("en", "ru", "zh-Hans")) == expected


def test_han_covers_the_extensions_and_nothing_else() -> None:
    han = ["中", "\u3400", "\u9fff", "\uf900", "\U00020000", "\U0002a700", "\U00030000"]
    assert all(is_han(c) for c in han)
    assert not any(is_han(c) for c in ["a", "я", "。", "ア", "한", "·", "\U0001f600"])
    assert has_han("GPT-4 模型") and not has_han("GPT-4")


def test_scripts_of_letters() -> None:
    assert [script(c) for c in "aяα1中"] == ["LATIN", "CYRILLIC", "GREEK", None, None]


def test_folding() -> None:
    assert fold("Ёлка ＧＰＴ") == "елка gpt"
    assert without_marks("dà yǔ lǜ") == "da yu lu"
    assert without_marks("lǜ", keep="\u0308") == "lü"


@pytest.fixture(scope="module")
def site(mini, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for output in render(BuildContext(mini, datetime(2026, 1, 1, tzinfo=UTC))):
        (folder / output.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / output.path).write_bytes(output.data)
    return folder / "html"


def test_the_search_script_folds_like_python(page, site: Path) -> None:
    page.goto((site / "en" / "index.html").as_uri())
    words = [word for word, _ in PLURALS]
    assert page.evaluate("words => words.map(window.termbaseSingular)", words) == [
        singular(w) for w in words
    ]
    texts = [text for text, _ in SEARCH_KEYS]
    assert page.evaluate("texts => texts.map(window.termbaseSearchKey)", texts) == [
        search_key(t) for t in texts
    ]


def test_the_page_carries_the_python_rules(site: Path) -> None:
    page = (site / "en" / "index.html").read_text()
    assert '"irregular": {' in page and all(w in page for w in languages.ENGLISH_IRREGULAR)
