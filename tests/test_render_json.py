"""The JSON export: complete, stable, and read back into the same model."""

from __future__ import annotations

import json

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
        "note": None,
        "homonym": False,
        "sources": ["notes.md:3"],
        "location": concept["terms"][0]["location"],
    }
    assert concept["definition"]["zh-Hans"].startswith("在海量文本")


def test_json_is_the_same_on_every_build(mini) -> None:
    assert dumps(mini) == dumps(mini)
