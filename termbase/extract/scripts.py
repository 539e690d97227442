"""Telling a text's language by its script: Latin → en, Cyrillic → ru, Han → zh.

The sources mix scripts freely ("生成式AI", a Russian alias in an English note), so the
language of a span is the script of most of its letters, a Han character counting double
(one character is roughly one syllable, against several letters of an English word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from termbase.languages import CHINESE, CYRILLIC, ENGLISH, HAN, LATIN, RUSSIAN

_HAN = re.compile(f"[{HAN}]")
_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_LATIN = re.compile(f"[{LATIN}]")

# Runs of one script inside text of another. A Han run keeps Latin letters written against it
# ("生成式AI", "AI模型"); Cyrillic and Latin runs are words joined by single spaces or hyphens.
_HAN_RUN = re.compile(  # starts only where a run starts, else a long word is quadratic
    f"(?<![{HAN}0-9{LATIN}·\\-])[0-9{LATIN}·\\-]*[{HAN}][{HAN}0-9{LATIN}·\\-]*"
)
_CYRILLIC_RUN = re.compile(
    f"[{CYRILLIC}][{CYRILLIC}0-9]*(?:-[{CYRILLIC}0-9]+)*"
    f"(?: [{CYRILLIC}][{CYRILLIC}0-9]*(?:-[{CYRILLIC}0-9]+)*)*"
)
_LATIN_WORD = f"[{LATIN}][{LATIN}0-9]*(?:[-.·'’][{LATIN}0-9]+)*"
_LATIN_RUN = re.compile(f"{_LATIN_WORD}(?: (?:{_LATIN_WORD}|[0-9]+(?:\\.[0-9]+)*))*")
_RUNS = {CHINESE: _HAN_RUN, RUSSIAN: _CYRILLIC_RUN, ENGLISH: _LATIN_RUN}
LANGUAGES = (ENGLISH, RUSSIAN, CHINESE)
"""The languages a script tells (primary subtags): Latin, Cyrillic, Han."""


def language_of(text: str) -> str | None:
    """The language told by the script of most of the letters; None without letters."""
    counts = {
        CHINESE: 2 * len(_HAN.findall(text)),
        RUSSIAN: len(_CYRILLIC.findall(text)),
        ENGLISH: len(_LATIN.findall(text)),
    }
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else None


@dataclass(frozen=True, slots=True)
class Run:
    """A span of one script inside text of another."""

    start: int
    text: str
    lang: str


def foreign_runs(text: str, main: str) -> Iterator[Run]:
    """The spans of `text` written in a script other than the document's `main` language."""
    for lang, pattern in _RUNS.items():
        if lang == main:
            continue
        for match in pattern.finditer(text):
            if language_of(match.group()) == lang:
                yield Run(match.start(), match.group(), lang)
