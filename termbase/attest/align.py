"""Aligning the paragraphs of a document and its translation.

Translators keep a document's paragraphs, mostly: a paragraph is rendered by one paragraph,
sometimes split in two or joined with the next, sometimes added or left out (a note for the
readers of one language). The alignment is the cheapest path through the two lists of
paragraphs (dynamic programming, as Gale and Church aligned sentences), where a pair costs
the difference of its lengths from the document's ratio of lengths, and what the two share
that needs no translation (numbers, names and code in Latin letters) lowers the cost. Only
pairs of one or two paragraphs on each side are used; a paragraph matched with nothing is
left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from termbase.attest.prose import Passage
from termbase.occurrences import tokens

SKIP = 3.0
"""The cost of a paragraph rendered by none."""
MERGE = 1.0
"""The cost, beyond its lengths', of two paragraphs rendered by one (or one by two)."""
BAND = 20
"""How far (in paragraphs) from the diagonal the path may stray, at least."""
_ANCHOR = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")
_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of a document: its passages (the pieces of its prose), its length in words
    (Chinese: characters), and what a translation would keep of it."""

    passages: tuple[Passage, ...]
    length: int
    anchors: frozenset[str]


@dataclass(frozen=True, slots=True)
class Pair:
    """Paragraphs of the source and their rendering in the translation."""

    source: tuple[Paragraph, ...]
    target: tuple[Paragraph, ...]


def paragraphs(passages: Sequence[Passage], lang: str) -> list[Paragraph]:
    """A document's passages grouped into its paragraphs."""
    grouped: dict[int, list[Passage]] = {}
    for passage in passages:
        grouped.setdefault(passage.paragraph, []).append(passage)
    return [_paragraph(tuple(group), lang) for group in grouped.values()]


def _paragraph(passages: tuple[Passage, ...], lang: str) -> Paragraph:
    text = "\n".join(p.text for p in passages)
    anchors = frozenset(m[0].lower() for m in _ANCHOR.finditer(text))
    return Paragraph(passages, len(tokens(text, lang)), anchors)


def align(source: Sequence[Paragraph], target: Sequence[Paragraph]) -> list[Pair]:
    """The pairs of the cheapest alignment, in document order (skipped paragraphs left out)."""
    m, n = len(source), len(target)
    if not m or not n:
        return []
    ratio = sum(p.length for p in target) / max(1, sum(p.length for p in source))
    sides = (_spans(source, ratio), _spans(target, 1.0))
    band = BAND + abs(m - n) + (m + n) // 20
    cost = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(m + 1):
        centre = i * n // m
        for j in range(max(0, centre - band), min(n, centre + band) + 1):
            best = math.inf
            for di, dj in _MOVES:
                before = cost.get((i - di, j - dj))
                if before is not None:
                    step = before + _cost(sides, i, di, j, dj)
                    if step < best:
                        best, back[(i, j)] = step, (di, dj)
            if best < math.inf:
                cost[(i, j)] = best
    if (m, n) not in cost:
        return []
    pairs, i, j = [], m, n
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        if di and dj:
            pairs.append(Pair(tuple(source[i - di : i]), tuple(target[j - dj : j])))
        i, j = i - di, j - dj
    return pairs[::-1]


_Span = tuple[float, frozenset[str]]
"""One paragraph, or two in a row: the length (the source's as expected in the target), and
the anchors."""


def _spans(paragraphs: Sequence[Paragraph], ratio: float) -> tuple[list[_Span], list[_Span]]:
    """Each paragraph's span, and each paragraph's with the one before it (the first alone)."""
    ones = [(ratio * p.length, p.anchors) for p in paragraphs]
    twos = [ones[0]] + [
        (ones[k - 1][0] + ones[k][0], ones[k - 1][1] | ones[k][1]) for k in range(1, len(ones))
    ]
    return ones, twos


def _cost(
    sides: tuple[tuple[list[_Span], list[_Span]], tuple[list[_Span], list[_Span]]],
    i: int,
    di: int,
    j: int,
    dj: int,
) -> float:
    """The cost of pairing source[i - di : i] with target[j - dj : j]."""
    if not di or not dj:
        return SKIP
    expected, in_source = sides[0][di - 1][i - 1]
    found, kept = sides[1][dj - 1][j - 1]
    cost = abs(math.log((found + 2) / (expected + 2)))
    cost += 1 - len(kept & in_source) / len(kept) if kept else 0.5
    return cost + (MERGE if di + dj > 2 else 0.0)
