"""Where a text uses the glossary's terms: words in their normal form, Russian words by their
dictionary forms, and the longest match first.

A text is cut into words (`words`): folded (case, ё as е, NFKC), English plurals read as
singulars, one word per Chinese character (Chinese writes no spaces). A term is found where its
words follow one another in the text, and where they are written as one word (`fine-tuning`,
`fine tuning`, `finetuning`); a Russian term also in any inflected form: where each word of the
text is one of the forms of the term's word («больших языковых моделей»). The terms are
inflected once, when the index is made; the text is only looked up.
Where found terms overlap, the longest wins: "large language model" is one hit, not also
"language model", and 监督学习 inside 无监督学习 is no hit at all.

A term written with capitals (an abbreviation, a model's name) is found only with those
capitals, or in capitals throughout: "clip" and "shepherd" in running text are not the models
CLIP and Shepherd, and "gan" is not GAN.

Used by the check of deprecated terms in definitions and by `qa`, on bilingual files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from termbase.languages import HAN, fold, is_chinese, is_english, is_russian, singular
from termbase.model import Concept, Glossary, Status, Term
from termbase.morphology import forms, lemma

_WORD = re.compile(r"[^\W_]+")
_CHINESE_WORD = re.compile(rf"(?:(?![{HAN}])[^\W_])+|[{HAN}]")
"""In Chinese: a run of letters or digits of another script (GPT, 4), or one Han character."""


@dataclass(frozen=True, slots=True)
class Words:
    """A text cut into words."""

    text: str
    """The text in NFKC, which `spans` index."""
    keys: tuple[str, ...]
    """The words as matched: folded, English singulars."""
    spans: tuple[tuple[int, int], ...]
    """Where each word is in `text`."""

    def written(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]


def words(text: str, lang: str) -> Words:
    """The words of a text in language `lang`, as matching reads them."""
    text = unicodedata.normalize("NFKC", text)
    found = list((_CHINESE_WORD if is_chinese(lang) else _WORD).finditer(text))
    keys = tuple([_key(m[0], lang) for m in found])
    return Words(text, keys, tuple([m.span() for m in found]))


def tokens(text: str, lang: str) -> tuple[str, ...]:
    """The words of a text as matched (`words(...).keys`, without their places: quicker)."""
    pattern = _CHINESE_WORD if is_chinese(lang) else _WORD
    return tuple(
        [_key(word, lang) for word in pattern.findall(unicodedata.normalize("NFKC", text))]
    )


@cache
def _key(word: str, lang: str) -> str:
    folded = fold(word)
    return singular(folded) if is_english(lang) else folded


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text."""

    term: Term
    concept: Concept
    start: int
    end: int
    """Where the term is, in the NFKC text (`Words.text`)."""
    text: str
    """The term as the text writes it."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[frozenset[str], ...]
    """For each word of the term, the text words that may stand for it: the word itself, and
    in Russian its inflected forms."""
    capitals: tuple[str, ...] | None
    """The term's words as written, when it has capitals: the text must have them too."""
    term: Term
    concept: Concept


class TermIndex:
    """The terms of one language, to find where texts use them."""

    def __init__(self, glossary: Glossary, lang: str, *, concepts: Iterable[Concept] = ()) -> None:
        """Index every term in `lang` of the glossary's concepts (or of `concepts`)."""
        self.lang = lang
        self.inflects = is_russian(lang)
        pairs = [(c, t) for c in (concepts or glossary.concepts) for t in c.terms_in(lang)]
        self._patterns: dict[str, list[_Pattern]] = defaultdict(list)
        # A deprecated form whose dictionary forms are a good term's («фундаментальные модель»)
        # is found only as written, or every correct use of the good term would be one.
        good = {self._lemmas(t) for _, t in pairs if t.status is not Status.DEPRECATED}
        for concept, term in pairs:
            for pattern in self._patterns_of(concept, term, good):
                for first in pattern.words[0]:
                    self._patterns[first].append(pattern)

    def _lemmas(self, term: Term) -> tuple[str, ...]:
        return tuple(lemma(key) for key in tokens(term.text, self.lang)) if self.inflects else ()

    def _patterns_of(
        self, concept: Concept, term: Term, good: set[tuple[str, ...]]
    ) -> Iterable[_Pattern]:
        written = words(term.text, self.lang)
        if not written.keys:
            return
        as_written = [written.written(i) for i in range(len(written.keys))]
        capitals = tuple(as_written) if any(c.isupper() for c in term.text) else None
        inflected = self.inflects and (
            term.status is not Status.DEPRECATED or self._lemmas(term) not in good
        )
        yield _Pattern(
            tuple(
                # Abbreviations (ИИ, БЯМ) and Latin names are not inflected in writing.
                forms(key) if inflected and word.islower() else frozenset((key,))
                for key, word in zip(written.keys, as_written, strict=True)
            ),
            capitals,
            term,
            concept,
        )
        if len(written.keys) > 1 and not is_chinese(self.lang):
            joined = "".join(as_written)
            one_word = frozenset(("".join(written.keys),))
            yield _Pattern((one_word,), (joined,) if capitals else None, term, concept)

    def find(self, text: str) -> list[Hit]:
        """The terms the text uses, in text order; where two overlap, only the longer."""
        found = words(text, self.lang)
        keys = found.keys
        candidates = []
        for index, key in enumerate(keys):
            for pattern in self._patterns.get(key, ()):
                end = index + len(pattern.words)
                if (
                    end <= len(keys)
                    and _follows(pattern.words, keys, index)
                    and (pattern.capitals is None or _capitals_kept(found, index, pattern.capitals))
                ):
                    candidates.append((index, end, pattern))
        return _longest(candidates, found) if candidates else []


def _follows(allowed: tuple[frozenset[str], ...], keys: tuple[str, ...], start: int) -> bool:
    """Whether the words after `start` are those a pattern allows (its first one is)."""
    # A loop, not all() over a generator, which costs twice as much: this runs for every word.
    for offset in range(1, len(allowed)):  # noqa: SIM110 (see above)
        if keys[start + offset] not in allowed[offset]:
            return False
    return True


def _capitals_kept(found: Words, start: int, capitals: tuple[str, ...]) -> bool:
    """Whether the text writes the capitals of the term's words (where the inflected word is
    long enough to have them), or writes the words in capitals throughout."""
    for index, expected in enumerate(capitals, start):
        written = found.written(index)
        if written.isupper():
            continue
        positions = (i for i, c in enumerate(expected) if c.isupper() and i < len(written))
        if not all(written[i].isupper() for i in positions):
            return False
    return True


def _longest(candidates: list[tuple[int, int, _Pattern]], found: Words) -> list[Hit]:
    """The hits that no longer (then earlier) hit overlaps, in text order; a span found for
    several terms (homonyms, or one term by two patterns) gives a hit per term."""

    def width(candidate: tuple[int, int, _Pattern]) -> int:
        start, end, _ = candidate
        return found.spans[end - 1][1] - found.spans[start][0]

    taken: list[tuple[int, int]] = []
    hits: dict[tuple[int, int, int], Hit] = {}
    for start, end, pattern in sorted(candidates, key=lambda c: (-width(c), c[0])):
        if (start, end) not in taken and any(s < end and start < e for s, e in taken):
            continue
        if (start, end) not in taken:
            taken.append((start, end))
        begin, finish = found.spans[start][0], found.spans[end - 1][1]
        hits.setdefault(
            (begin, finish, id(pattern.term)),
            Hit(pattern.term, pattern.concept, begin, finish, found.text[begin:finish]),
        )
    return sorted(hits.values(), key=lambda h: (h.start, h.end))
