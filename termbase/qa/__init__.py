"""`qa`: check a translation against the glossary, segment by segment.

In each segment, every glossary term of the source language is found by its normal form
(`termbase.occurrences`: case, English plurals, hyphens and spaces, ё/е; the longest first).
The concept is rendered when the target has one of its preferred or admitted terms in the
target language, Russian ones in any inflected form, Chinese ones by the longest match (监督学习
inside 无监督学习 is not supervised learning). Otherwise the segment gets a finding, one per
concept: `deprecated` when the target uses one of the concept's deprecated terms, else `missing`.
Segments without a translation are not checked (they are counted).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from termbase.model import Glossary, Status
from termbase.occurrences import Hit, TermIndex
from termbase.qa.bilingual import Segment


class Kind(StrEnum):
    """What is wrong with the rendering of a concept in a segment."""

    MISSING = "missing"
    """The target has none of the concept's preferred or admitted terms."""
    DEPRECATED = "deprecated"
    """The target uses a deprecated term of the concept."""


@dataclass(frozen=True, slots=True)
class QaFinding:
    """One concept badly rendered in one segment."""

    path: str
    unit: str
    line: int
    concept: str
    kind: Kind
    source_term: str
    """The term as the source text writes it."""
    glossary_term: str
    """The glossary's source-language term that it is."""
    expected: tuple[str, ...]
    """The concept's preferred and admitted terms in the target language, preferred first."""
    target_term: str | None = None
    """For `deprecated`: the deprecated term as the target text writes it."""
    deprecated: str | None = None
    """For `deprecated`: the glossary's deprecated term that it is."""

    def __str__(self) -> str:
        """One line, as a compiler prints: `file:line: unit u7: missing: 'x' → expected «y»`."""
        expected = " or ".join(f"«{term}»" for term in self.expected)
        where = f"{self.path}:{self.line}: unit {shorten(self.unit)}: {self.kind}:"
        if self.kind is Kind.DEPRECATED:
            return (
                f"{where} '{self.source_term}' → «{self.target_term}» is deprecated; "
                f"expected {expected}"
            )
        return f"{where} '{self.source_term}' → expected {expected}"

    def as_dict(self) -> dict[str, object]:
        """The finding for `--format json`."""
        return {
            "file": self.path,
            "unit": self.unit,
            "line": self.line,
            "concept": self.concept,
            "kind": str(self.kind),
            "source_term": self.source_term,
            "glossary_term": self.glossary_term,
            "expected": list(self.expected),
            "target_term": self.target_term,
            "deprecated": self.deprecated,
        }


def shorten(text: str, width: int = 40) -> str:
    """A unit's name on one short line (a PO message is named by its text)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class Checker:
    """The glossary's terms in one language pair, and the check of a segment against them."""

    def __init__(self, glossary: Glossary, source: str, target: str) -> None:
        self.source = TermIndex(glossary, source)
        self.target = TermIndex(glossary, target)
        self.target_lang = target
        self._expected: dict[str, tuple[str, ...]] = {
            c.id: tuple(t.text for t in c.terms_in(target) if t.status is not Status.DEPRECATED)
            for c in glossary.concepts
        }

    def check(self, path: str, segment: Segment) -> Iterator[QaFinding]:
        """The findings of one translated segment, in the order of the source's terms."""
        named = self.source.find(segment.source)
        if not named:
            return
        rendered: dict[str, list[Hit]] = {}
        for hit in self.target.find(segment.target):
            rendered.setdefault(hit.concept.id, []).append(hit)
        seen: set[str] = set()
        for hits in _by_place(named):
            # Homonyms: one text for several concepts, rendered when one of them is.
            concepts = [h.concept.id for h in hits if self._expected[h.concept.id]]
            if not concepts or seen.intersection(concepts):
                continue
            seen.update(concepts)
            found = [h for c in concepts for h in rendered.get(c, [])]
            bad = next((h for h in found if h.term.status is Status.DEPRECATED), None)
            if found and bad is None:
                continue
            hit = next(h for h in hits if h.concept.id == (bad.concept.id if bad else concepts[0]))
            yield QaFinding(
                path=path,
                unit=segment.unit,
                line=segment.line,
                concept=hit.concept.id,
                kind=Kind.DEPRECATED if bad else Kind.MISSING,
                source_term=hit.text,
                glossary_term=hit.term.text,
                expected=self._expected[hit.concept.id],
                target_term=bad.text if bad else None,
                deprecated=bad.term.text if bad else None,
            )


def _by_place(hits: list[Hit]) -> list[list[Hit]]:
    """The hits grouped by the span of text they share, in text order."""
    groups: dict[tuple[int, int], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.start, hit.end), []).append(hit)
    return list(groups.values())
