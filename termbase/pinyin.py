"""Pinyin for Chinese terms (pypinyin, reading words in context)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from termbase.languages import han_count, has_han, is_chinese, is_han
from termbase.model import Term


@lru_cache(maxsize=65536)
def syllables(text: str, *, tone_numbers: bool = False) -> tuple[str, ...]:
    """One item per character: its pinyin when Han (`dà`, or `da4`), else the character."""
    items = _read(text, tone_numbers)
    if len(items) != len(text):  # a character pypinyin splits or merges: read one at a time
        items = [_read(c, tone_numbers)[0] if is_han(c) else c for c in text]
    return tuple(items)


def _read(text: str, tone_numbers: bool) -> list[str]:
    style = Style.TONE3 if tone_numbers else Style.TONE
    # `errors=list` keeps each character without a reading as an item of its own.
    return lazy_pinyin(
        text,
        style=style,
        neutral_tone_with_five=tone_numbers,
        errors=list,  # type: ignore[arg-type]
    )


def pinyin_of(term: Term) -> str | None:
    """The pinyin of a Chinese term written in Chinese characters (None for any other)."""
    return reading(term) if is_chinese(term.lang) and has_han(term.text) else None


def reading(term: Term) -> str:
    """The term's pinyin with tone marks: the glossary's override, or derived (`dà yǔ yán`)."""
    return term.pinyin or spell(term.text)


def spell(text: str) -> str:
    """Han syllables separated by spaces; runs of other characters (`GPT-4`) kept whole."""
    parts: list[str] = []
    run = ""
    for char, syllable in zip(text, syllables(text), strict=True):
        if is_han(char):
            parts += [run.strip(), syllable]
            run = ""
        else:
            run += char
    return " ".join(part for part in [*parts, run.strip()] if part)


def ruby_runs(term: Term) -> tuple[tuple[str, str], ...]:
    """The term cut for ruby: each Han character with its syllable, other text with "".

    A glossary override is spread over the characters when it has one syllable per Han
    character (`mó xíng`); otherwise it goes over the whole term, which then must have no
    spaces (ValueError), since ruby cannot span them.
    """
    if term.pinyin is None:
        return _pair(term.text, syllables(term.text))
    spoken = term.pinyin.split()
    if len(spoken) == han_count(term.text):
        heard = iter(spoken)
        return _pair(term.text, [next(heard) if is_han(char) else char for char in term.text])
    if re.search(r"\s", term.text):
        raise ValueError(
            f"the pinyin '{term.pinyin}' of '{term.text}' needs one syllable per Chinese character"
        )
    return ((term.text, term.pinyin),)


def _pair(text: str, readings: Sequence[str]) -> tuple[tuple[str, str], ...]:
    runs: list[tuple[str, str]] = []
    for char, reading in zip(text, readings, strict=True):
        if is_han(char):
            runs.append((char, reading))
        elif runs and not runs[-1][1]:
            runs[-1] = (runs[-1][0] + char, "")
        else:
            runs.append((char, ""))
    return tuple(runs)
