"""`qa`: check a translation against the glossary, segment by segment.

In each segment, every glossary term of the source language is found (`termbase.occurrences`,
loose: case, plurals, hyphens and spaces, ё/е, English verb forms of nouns in -ing, the longest
first), outside protected text (inline markup, code, URLs, the project's non-translatables:
`protect`). Not every use is checked:
- a name kept as it is: a use written as a name (capitals inside a sentence, an abbreviation,
  CamelCase, or a word of a longer capitalised name) that the target writes in Latin letters
  too (🤗 Transformers, Inference API, a book's title);
- a general word (`Term.general`: *model*, *sample*) only near a use of the concepts the
  glossary names as its context, or never.

A concept is rendered as often as the target uses one of its preferred or admitted terms in the
target language (Russian ones in any inflected form or by their verbs, Chinese ones by the
longest match: 监督学习 inside 无监督学习 is not supervised learning). A term of the target that
holds another concept's term renders that one too where the source names both («обучение
модели» for *training a model*) or where it names a kind of it (a «языковая модель» is a
«модель»). A concept used more often in the source than rendered in the target gets a finding:
`deprecated` when the target uses one of its deprecated terms, `wrong-term` when it uses a term
of another concept that the source does not name («无监督学习» for *self-supervised learning*),
else `missing`. Segments without a translation are not checked (they are counted).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from termbase.languages import fold, has_case, singular
from termbase.model import Concept, Glossary, Status
from termbase.occurrences import Hit, TermIndex, Words, words
from termbase.qa.bilingual import Segment
from termbase.qa.protect import Span, code_spans, name_spans


class Fault(StrEnum):
    """What is wrong with the rendering of a concept in a segment."""

    MISSING = "missing"
    """The target has fewer of the concept's preferred or admitted terms than the source has
    uses of it."""
    DEPRECATED = "deprecated"
    """The target uses a deprecated term of the concept."""
    WRONG_TERM = "wrong-term"
    """The target uses, where the concept is missing, a term of another concept that the
    source does not name."""


@dataclass(frozen=True, slots=True)
class QaFinding:
    """One concept badly rendered in one segment."""

    path: str
    unit: str
    line: int
    concept: str
    kind: Fault
    source_term: str
    """The term as the source text writes it (its first use that is not rendered)."""
    glossary_term: str
    """The glossary's source-language term that it is."""
    expected: tuple[str, ...]
    """The concept's preferred and admitted terms in the target language, preferred first."""
    target_term: str | None = None
    """For `deprecated` and `wrong-term`: the term as the target text writes it."""
    deprecated: str | None = None
    """For `deprecated`: the glossary's deprecated term that it is."""
    other_concept: str | None = None
    """For `wrong-term`: the concept whose term the target uses."""
    other_term: str | None = None
    """For `wrong-term`: that concept's preferred term in the source language."""
    source_count: int = 1
    """Uses of the concept in the source that are checked."""
    target_count: int = 0
    """Renderings of it in the target."""
    source_spans: tuple[Span, ...] = ()
    """Where the concept's checked uses are in the source text (NFKC)."""
    target_spans: tuple[Span, ...] = ()
    """Where its renderings, and the deprecated or wrong term, are in the target text (NFKC)."""

    def __str__(self) -> str:
        """One line, as a compiler prints: `file:line: unit u7: missing: 'x' → expected «y»`."""
        expected = " or ".join(f"«{term}»" for term in self.expected)
        where = f"{self.path}:{self.line}: unit {shorten(self.unit)}: {self.kind}:"
        source = f"'{self.source_term}'"
        if self.source_count > 1:
            source += f" ({self.source_count} uses, {self.target_count} rendered)"
        if self.kind is Fault.DEPRECATED:
            return f"{where} {source} → «{self.target_term}» is deprecated; expected {expected}"
        if self.kind is Fault.WRONG_TERM:
            return (
                f"{where} {source} → «{self.target_term}» is '{self.other_term}' "
                f"({self.other_concept}); expected {expected}"
            )
        return f"{where} {source} → expected {expected}"

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
            "other_concept": self.other_concept,
            "source_count": self.source_count,
            "target_count": self.target_count,
        }


def shorten(text: str, width: int = 40) -> str:
    """A unit's name on one short line (a PO message is named by its text)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


_CONTEXT_WORDS = 2
"""How near a general word a use of its context must be, in words."""
_CONNECTORS = frozenset({"with", "for", "of", "and", "the", "on", "in", "to", "a", "an"})
"""Small words inside a capitalised name: *Natural Language Processing with Transformers*."""


class Checker:
    """The glossary's terms in one language pair, and the check of a segment against them."""

    def __init__(
        self, glossary: Glossary, source: str, target: str, *, names: Sequence[str] = ()
    ) -> None:
        """`names`: the project's non-translatables, never checked where the source has them."""
        self.source = TermIndex(glossary, source, loose=True)
        self.target = TermIndex(glossary, target, loose=True)
        self.source_lang, self.target_lang = source, target
        self.names = tuple(names)
        self._expected: dict[str, tuple[str, ...]] = {
            c.id: tuple(t.text for t in c.terms_in(target) if t.status is not Status.DEPRECATED)
            for c in glossary.concepts
        }
        self._by_id = {c.id: c for c in glossary.concepts}
        self._broader = {c.id: _ancestors(c.id, self._by_id) for c in glossary.concepts}
        self._related = {
            c.id: {*c.broader, *c.related, *(n.id for n in _narrower(c.id, glossary.concepts))}
            for c in glossary.concepts
        }

    def check(self, path: str, segment: Segment) -> Iterator[QaFinding]:
        """The findings of one translated segment, in the order of the source's terms."""
        source = self._source_words(segment)
        longest, every = self.source.find_all(source)
        if not longest:
            return
        target = words(segment.target, self.target_lang)
        rendered, every_target = self.target.find_all(target)
        named = {h.concept.id for h in longest}
        latin: dict[bool, set[str]] = {}  # the target's Latin words, made once if needed
        checked = [
            group
            for group in _by_place(longest)
            if not self._kept(group[0], source, target, latin) and self._in_context(group[0], every)
        ]
        uses: dict[tuple[str, ...], list[Hit]] = {}
        for group in checked:
            concepts = tuple(h.concept.id for h in group if self._expected[h.concept.id])
            if concepts:
                uses.setdefault(concepts, []).append(group[0])
        for concepts, hits in uses.items():
            found = self._renderings(concepts, every_target, named)
            bad = next((h for h in found if h.term.status is Status.DEPRECATED), None)
            # A deprecated form that is also a good term's inflection («фундаментальные модель»)
            # is the deprecated one where it is written so.
            wrong = {(h.start, h.end) for h in found if h.term.status is Status.DEPRECATED}
            good = _one_per_place(
                [h for h in found if h.term.status is not Status.DEPRECATED], wrong
            )
            if bad is None and len(good) >= len(hits):
                continue
            yield self._finding(path, segment, concepts, hits, good, bad, named, rendered)

    def _source_words(self, segment: Segment) -> Words:
        protected = [
            *segment.protected,
            *code_spans(segment.source),
            *name_spans(segment.source, self.names),
        ]
        return words(segment.source, self.source_lang, protected)

    def _kept(self, hit: Hit, source: Words, target: Words, latin: dict[bool, set[str]]) -> bool:
        """Whether a use is a name that the target keeps as it is, in Latin letters."""
        if not has_case(self.source_lang) or hit.text.islower():
            return False
        own = [source.written(i) for i in range(hit.first, hit.last + 1)]
        name = [w for w in own if _capitalised(w)]
        if not name:
            return False
        # First in a sentence, where any word has a capital, a word is a name only if the target
        # writes it as a word of its text, not as a gloss in brackets.
        first = not _name_like(own) and _starts_sentence(hit, source)
        if first not in latin:
            latin[first] = _latin(target, outside_brackets=first)
        if {_latin_key(w) for w in name} <= latin[first]:
            return True
        # A word of the longer name it is part of, kept: the name is (a title the translator
        # shortened). Abbreviations alone (API) are kept even where a name is translated.
        others = [i for i in _name_around(hit, source) if not source.written(i).isupper()]
        return any(source.keys[i] in latin[first] for i in others)

    def _in_context(self, hit: Hit, every: list[Hit]) -> bool:
        """Whether a use is checked: a term only, or a general word near its context."""
        general = hit.term.general
        if general is None:
            return True
        return any(
            other.concept.id in general or self._broader[other.concept.id] & set(general)
            for other in every
            if other is not hit
            and (
                0 <= other.first - hit.last <= _CONTEXT_WORDS
                or 0 <= hit.first - other.last <= _CONTEXT_WORDS
            )
        )

    def _renderings(
        self, concepts: tuple[str, ...], every: list[Hit], named: set[str]
    ) -> list[Hit]:
        """The target's uses of the concepts, one per place, also inside another concept's term
        («обучение модели» renders the model; 大模型 a model), but not inside a term of a kind of
        it (a «большая языковая модель» is no «языковая модель») or of a sibling (监督学习 inside
        无监督学习)."""
        return [
            hit
            for hit in every
            if hit.concept.id in concepts
            and not any(_inside(hit, other) and self._blocks(other, hit, named) for other in every)
        ]

    def _blocks(self, outer: Hit, inner: Hit, named: set[str]) -> bool:
        """Whether a term that holds another concept's term at its start or end says something
        else than it: a concept beside it under a common broader one or contrasted with it
        (无监督学习, 监督学习), or a
        kind of it whose difference the source does not name (a «большая языковая модель» for
        a *language model*; but «предварительно обученная модель» for a model *pretrained*)."""
        if inner.start != outer.start and inner.end != outer.end:
            return False
        above = self._broader[outer.concept.id]
        if above & self._broader[inner.concept.id] or self._contrasted(outer, inner):
            return True
        related = set(self._by_id[outer.concept.id].related)
        return inner.concept.id in above and not (related & named)

    def _finding(
        self,
        path: str,
        segment: Segment,
        concepts: tuple[str, ...],
        hits: list[Hit],
        good: list[Hit],
        bad: Hit | None,
        named: set[str],
        rendered: list[Hit],
    ) -> QaFinding:
        first = hits[min(len(good), len(hits) - 1)]
        concept = bad.concept.id if bad else concepts[0]
        hit = next((h for h in hits if h.concept.id == concept), first)
        wrong = None if bad else self._wrong_term(concepts, named, rendered)
        kind = Fault.DEPRECATED if bad else Fault.WRONG_TERM if wrong else Fault.MISSING
        shown = bad or wrong
        return QaFinding(
            path=path,
            unit=segment.unit,
            line=segment.line,
            concept=concept,
            kind=kind,
            source_term=first.text,
            glossary_term=hit.term.text,
            expected=self._expected[concept],
            target_term=shown.text if shown else None,
            deprecated=bad.term.text if bad else None,
            other_concept=wrong.concept.id if wrong else None,
            other_term=self._name(wrong.concept) if wrong else None,
            source_count=len(hits),
            target_count=len(good),
            source_spans=tuple((h.start, h.end) for h in hits),
            target_spans=tuple((h.start, h.end) for h in [*good, *([shown] if shown else [])]),
        )

    def _wrong_term(
        self, concepts: tuple[str, ...], named: set[str], rendered: list[Hit]
    ) -> Hit | None:
        """A term of the target that renders no concept of the source and stands in for one of
        `concepts`: of a concept related to it in the glossary (broader, narrower, related)."""
        strangers = [h for h in rendered if h.concept.id not in named]
        return next(
            (h for h in strangers if any(h.concept.id in self._related[c] for c in concepts)),
            None,
        )

    def _contrasted(self, one: Hit, other: Hit) -> bool:
        return other.concept.id in _contrasted_ids(one.concept) or one.concept.id in (
            _contrasted_ids(other.concept)
        )

    def _name(self, concept: Concept) -> str:
        terms = concept.terms_in(self.source_lang)
        return terms[0].text if terms else concept.id


def _contrasted_ids(concept: Concept) -> set[str]:
    return {c.other for c in concept.contrasts}


def _one_per_place(hits: list[Hit], taken: set[tuple[int, int]]) -> list[Hit]:
    """The hits that overlap no longer one, nor a place in `taken`, in text order: a place of
    the text renders a concept once, however many of its terms or patterns match there."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.start - h.end):  # the longest first
        if (hit.start, hit.end) not in taken and not any(
            h.start < hit.end and hit.start < h.end for h in kept
        ):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _inside(inner: Hit, outer: Hit) -> bool:
    """Whether a hit lies within a longer one."""
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start) > (inner.end - inner.start)
    )


def _by_place(hits: list[Hit]) -> list[list[Hit]]:
    """The hits grouped by the span of text they share (homonyms), in text order."""
    groups: dict[tuple[int, int], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.start, hit.end), []).append(hit)
    return list(groups.values())


def _latin(target: Words, *, outside_brackets: bool) -> set[str]:
    """The target's Latin words as matched (singular), leaving out, if asked, those in
    brackets: a gloss beside a translation («Резюмирование текста (Summarization)»)."""
    found = set()
    depth = 0
    position = 0
    for index, key in enumerate(target.keys):
        start = target.spans[index][0]
        for char in target.text[position:start]:
            depth += char in "(（[【"
            depth -= char in ")）]】" and depth > 0
        position = start
        if key.isascii() and not (outside_brackets and depth):
            found.add(_latin_key(target.written(index)))
    return found


def _latin_key(word: str) -> str:
    """A Latin word as a kept name is compared: an abbreviation as written (CLIP is not
    «clip»), other words folded, singular («inference API» keeps *Inference API*)."""
    return word if len(word) > 1 and word.isupper() else singular(fold(word))


def _starts_sentence(hit: Hit, source: Words) -> bool:
    """Whether a use is the first word of a sentence, where any word has a capital."""
    if hit.first == 0:
        return True
    gap = source.text[source.spans[hit.first - 1][1] : hit.start]
    end = max((gap.rfind(c) for c in ".!?:"), default=-1)
    # After the sentence's end, a symbol starts a name: «🤗 Transformers provides…».
    return end >= 0 and not any(unicodedata.category(c)[0] == "S" for c in gap[end:])


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_like(written: Iterable[str]) -> bool:
    """An abbreviation or a CamelCase word: a name wherever it stands, even first in a
    sentence (where any word has a capital)."""
    return any(
        (len(w) > 1 and w.isupper()) or any(a.islower() and b.isupper() for a, b in pairwise(w))
        for w in written
    )


def _name_around(hit: Hit, source: Words) -> list[int]:
    """The other words of the capitalised name a use is part of (*Natural Language Processing
    with Transformers*): capitalised neighbours, through small words between them."""
    around = []
    for step, edge in ((-1, hit.first), (1, hit.last)):
        index, pending = edge + step, list[int]()
        while 0 <= index < len(source.keys) and (
            (index if step > 0 else index + 1) not in source.breaks
        ):
            word = source.written(index)
            if _capitalised(word):
                around += [*pending, index]
                pending = []
            elif word.lower() in _CONNECTORS:
                pending.append(index)
            else:
                break
            index += step
    return [i for i in around if _capitalised(source.written(i))]


def _ancestors(concept: str, by_id: dict[str, Concept]) -> frozenset[str]:
    """Every broader concept of a concept, through the whole chain."""
    found: set[str] = set()
    todo = list(by_id[concept].broader)
    while todo:
        current = todo.pop()
        if current in found or current not in by_id:
            continue
        found.add(current)
        todo += by_id[current].broader
    return frozenset(found)


def _narrower(concept: str, concepts: Iterable[Concept]) -> list[Concept]:
    return [c for c in concepts if concept in c.broader]
