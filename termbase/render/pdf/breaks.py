"""Break opportunities in runs of letters too long to be words, in the HTML a PDF is laid out from.

WeasyPrint breaks a line inside a word by trying the word's hyphenation points one by one, each
time laying out the line again: for a run of letters longer than the line, that takes time that
grows with the square of its length and more (a pasted run of 5,000 letters took minutes). A
zero-width space every `CHUNK` letters in any run longer than `LONGEST_WORD` gives the line
breaker a place to stop, so a run costs what its lines cost; the space draws nothing, and text
copied from the PDF does not have it. Words of any language stay as they are, and so does
Chinese, which breaks between any two characters.
"""

from __future__ import annotations

import re
import unicodedata

LONGEST_WORD = 48
"""The longest run left alone: above the longest word in an English or Russian dictionary."""
CHUNK = 12
"""The most letters between two break opportunities in a longer run."""
BREAK = "\u200b"
"""ZERO WIDTH SPACE: a line may break here, and nothing is drawn."""

_SKIPPED = re.compile(r"(<style\b.*?</style>|<[^>]*>|&#?\w+;)", re.DOTALL | re.IGNORECASE)
"""What is not text: style sheets, tags (their attributes), character references."""
_RUN = re.compile(rf"[^\s<&]{{{LONGEST_WORD + 1},}}")
"""A run of text without a space, longer than a word."""


def with_breaks(html: str) -> str:
    """`html` with a break opportunity every `CHUNK` letters of each run of text (never in a
    tag, a style sheet or a character reference) longer than `LONGEST_WORD`."""
    pieces = _SKIPPED.split(html)
    pieces[::2] = [_RUN.sub(_broken, text) for text in pieces[::2]]  # between the skipped
    return "".join(pieces)


def _broken(run: re.Match[str]) -> str:
    """The run with a break before a letter or digit that follows one (or its accent), `CHUNK`
    characters after the last place a line may break: never before punctuation or an accent.
    A line may break beside a wide (Chinese, Japanese, Korean) character anyway."""
    out: list[str] = []
    since = 0
    previous = ""
    for character in run[0]:
        if unicodedata.east_asian_width(character) in ("W", "F"):
            since = 0
        elif since >= CHUNK and character.isalnum() and _joins(previous):
            out.append(BREAK)
            since = 0
        out.append(character)
        since += 1
        previous = character
    return "".join(out)


def _joins(character: str) -> bool:
    """A letter, a digit, or a mark on one."""
    return character.isalnum() or unicodedata.category(character).startswith("M")
