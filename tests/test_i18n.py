"""The UI in three languages: catalogs, plural forms, language names and dates."""

from __future__ import annotations

from datetime import date

import pytest

from termbase import labels
from termbase.i18n import language_name, long_date
from termbase.model import Status
from termbase.templating import environment


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 термин"),
        (2, "2 термина"),
        (4, "4 термина"),
        (5, "5 терминов"),
        (11, "11 терминов"),
        (12, "12 терминов"),
        (21, "21 термин"),
        (22, "22 термина"),
        (25, "25 терминов"),
        (101, "101 термин"),
        (111, "111 терминов"),
    ],
)
def test_russian_plural_forms(n: int, expected: str) -> None:
    assert labels.count("ru", "terms", n) == expected


def test_english_and_chinese_counts() -> None:
    assert labels.count("en", "concepts", 1) == "1 concept"
    assert labels.count("en", "concepts", 2) == "2 concepts"
    assert labels.count("zh-Hans", "terms", 5) == "5 个术语"


def test_chinese_and_russian_catalog_strings() -> None:
    assert labels.label("zh-Hans", "definition") == "定义"
    assert labels.label("ru", "definition") == "Определение"
    assert labels.status_label("zh-Hans", Status.PREFERRED) == "首选"
    assert labels.label("ru", "built_on", date="1 мая") == "Собрано 1 мая"


def test_language_names_and_dates_per_locale() -> None:
    assert language_name("ru", "zh-Hans") == "俄语"
    assert language_name("zh-Hans", "en") == "Chinese"
    assert language_name("en", "ru") == "английский"
    assert (
        long_date(date(2026, 11, 23), "ru") == "23 ноября 2026\u202fг."
    )  # CLDR: a narrow no-break space
    assert long_date(date(2026, 11, 23), "zh-Hans") == "2026年11月23日"
    assert long_date(date(2026, 11, 23), "en") == "November 23, 2026"


def test_templates_translate_through_the_catalogs() -> None:
    source = "{{ _('Definition') }} · {{ count('terms', 3) }} · {{ language_name('en') }}"
    assert environment("ru").from_string(source).render() == "Определение · 3 термина · английский"
    assert environment("zh-Hans").from_string(source).render() == "定义 · 3 个术语 · 英语"


def test_templates_escape_glossary_text() -> None:
    template = environment("en").from_string("<b>{{ term }}</b>")
    assert template.render(term="<script>&") == "<b>&lt;script&gt;&amp;</b>"
