"""The JSON export: complete, stable, and read back into the same model."""

from __future__ import annotations

import json

from helpers import KNOWN_READINGS
from termbase.languages import has_han
from termbase.render.json import dumps, loads


def test_json_round_trips_the_mini_glossary(mini) -> None:
    assert loads(dumps(mini)) == mini


def test_json_round_trips_the_shipped_glossary(shipped) -> None:
    assert loads(dumps(shipped)) == shipped


def test_json_is_readable_utf8_with_terms_and_definitions(mini) -> None:
    text = dumps(mini)
    assert "большая языковая модель" in text and "\\u" not in text
    concept = next(c for c in json.loads(text)["concepts"] if c["id"] == "llm")
    assert concept["terms"][0] == {
        "text": "large language model",
        "lang": "en",
        "status": "preferred",
        "type": "full-form",
        "pinyin": None,
        "reading": None,
        "note": None,
        "homonym": False,
        "general": None,
        "sources": ["notes.md:3"],
        "attested": True,
        "evidence": None,
        "location": concept["terms"][0]["location"],
    }
    assert [t["attested"] for t in concept["terms"] if t["lang"] == "ru"] == [False, False]
    assert concept["definition"]["zh-Hans"].startswith("在海量文本")


def test_every_chinese_term_has_its_pinyin_by_word_beside_the_override(pinyin_glossary) -> None:
    terms = [t for c in json.loads(dumps(pinyin_glossary))["concepts"] for t in c["terms"]]
    chinese = {t["text"]: t for t in terms if t["lang"] == "zh-Hans"}
    assert {text: t["reading"] for text, t in chinese.items()} == KNOWN_READINGS
    assert chinese["微调"]["pinyin"] == "wēitiáo"  # the override, as the glossary writes it
    assert chinese["大语言模型"]["pinyin"] is None
    assert loads(dumps(pinyin_glossary)) == pinyin_glossary


def test_the_shipped_export_has_a_reading_for_every_chinese_term(shipped) -> None:
    terms = [t for c in json.loads(dumps(shipped))["concepts"] for t in c["terms"]]
    chinese = [t for t in terms if t["lang"] == "zh-Hans" and has_han(t["text"])]
    assert chinese and all(t["reading"] for t in chinese)
    assert all(t["reading"] is None for t in terms if t["lang"] != "zh-Hans")
