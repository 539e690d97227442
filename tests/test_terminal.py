"""What reaches a terminal: escape sequences, controls and bidi overrides shown, not obeyed."""

from __future__ import annotations

import json

import pytest

from termbase.terminal import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("concepts/llm.yaml", "concepts/llm.yaml"),
        ("большая языковая модель 大模型", "большая языковая модель 大模型"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("a\x9b2Jb", "a\\x9b2Jb"),
        ("two\nlines", "two\\nlines"),
        ("\u202eLLM", "\\u202eLLM"),
        ("a\u2028b", "a\\u2028b"),
    ],
)
def test_unsafe_characters_are_written_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_json_keeps_its_value_and_loses_its_raw_controls() -> None:
    data = {"message": "a\x9b2J\u202e\u2028b\x1b", "path": "大\nx"}
    text = json.dumps(data, ensure_ascii=False, indent=2)
    safe = printable(text, json_escapes=True)
    assert json.loads(safe) == data
    assert not any(c in safe for c in "\x9b\u202e\u2028\x1b")
    assert "大" in safe
