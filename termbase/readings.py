"""Readings of terms: pinyin for Chinese, kana (furigana) for Japanese, shown the same way.

A Chinese term's pinyin is derived (`termbase.pinyin`) unless written by hand; a Japanese
term's reading is only what the glossary writes (`reading: ほうちょう`): kanji have several
readings each, and no dictionary here picks the right one. Every output asks this module, so a
language that gains readings gains them everywhere.
"""

from __future__ import annotations

from termbase.languages import is_chinese, is_japanese, reading_tag
from termbase.model import Term
from termbase.pinyin import Runs, pinyin_of
from termbase.pinyin import ruby_runs as pinyin_runs


def reading_of(term: Term) -> str | None:
    """The reading every output shows beside or above the term (None: it has none)."""
    if is_chinese(term.lang):
        return pinyin_of(term)
    return term.reading if is_japanese(term.lang) else None


def ruby_runs(term: Term) -> Runs:
    """The term cut for ruby: Chinese a word at a time (`pinyin.ruby_runs`), a Japanese term
    whole under its reading, any other term as it is (ValueError: see `pinyin.ruby_runs`)."""
    if is_chinese(term.lang):
        return pinyin_runs(term)
    reading = reading_of(term)
    return ((term.text, reading or ""),)


def has_readings(lang: str) -> bool:
    """Whether the terms of a language may carry readings (its fields are shown as ruby)."""
    return reading_tag(lang) is not None
