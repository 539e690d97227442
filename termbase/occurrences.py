"""Where a text uses the glossary's terms: words in their normal form, Russian words by their
dictionary forms, and the longest match first.

A text is cut into words (`words`): folded (case, ё as е, NFKC), English plurals read as
singulars (Latin words inside Chinese too: «Transformers 模型»), one word per Chinese character
(Chinese writes no spaces). A term is found where its words follow one another in the text, and
where they are written as one word (`fine-tuning`, `fine tuning`, `finetuning`, but not the
CamelCase `DeepLearning`); a Russian term also in any inflected form: where each word of the text
is one of the forms of the term's word («больших языковых моделей»). The terms are inflected
once, when the index is made; the text is only looked up.

A term never runs across a sentence end, a bracket, a slash or a comma ("machine learning (ML)
models" is no "ML model"), nor splits a name written as one piece with dots or slashes
(`DeepLearning.AI` holds no "AI", `~/.cache/huggingface/transformers` no "transformer"). Spans a
caller marks as protected (code, tags) hold no term.

Where found terms overlap, the longest wins: "large language model" is one hit, not also
"language model", and 监督学习 inside 无监督学习 is no hit at all.

A term written with capitals (an abbreviation, a model's name) is found only with those
capitals, or in capitals throughout: "clip" and "shepherd" in running text are not the models
CLIP and Shepherd, and "gan" is not GAN.

`loose=True` is the matching `qa` needs, on both sides of a translation:
- English: a noun in -ing also by its verb's forms (*fine-tuned*, *pretrain*: `morphology`);
- Russian: a word of a noun of action also by the words made from its stem («дообучить»,
  «дообученная» for «дообучение»), a term's words with up to three words between them
  («генерации и классификации текста») and a two-word term in the other order («модели NLP»);
- Chinese: 的 between the characters of a term (预训练的模型), and the head of a term alone where
  it is coordinated (文本生成和摘要, 翻译或摘要) or its modifier came earlier in the clause.

Used by the check of deprecated terms in definitions and by `qa`, on bilingual files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from termbase.languages import HAN, fold, is_chinese, is_english, is_han, is_russian, singular
from termbase.model import Concept, Glossary, Status, Term
from termbase.morphology import MIN_STEM, english_verb_forms, forms, lemma, parses, verbal_stem

_WORD = re.compile(r"[^\W_]+")
_CHINESE_WORD = re.compile(rf"(?:(?![{HAN}])[^\W_])+|[{HAN}]")
"""In Chinese: a run of letters or digits of another script (GPT, 4), or one Han character."""
_BREAKS = frozenset('.!?;:,()[]{}<>/\\|"«»“”„…。！？；：，、（）【】「」『』《》')
"""Characters that end a stretch of text a term can run through."""
_BINDERS = frozenset("./_@:\\~")
"""Characters that join two words without a space into one name (fast.ai, a/b, x_y)."""
_CAMEL = re.compile(r"[a-z][A-Z]")
_MAX_GAP = 3
"""Words a loose match allows between two words of a term («генерации и классификации текста»)."""
_GAP_OPENERS = {
    "coordination": frozenset({"и", "или", "либо"}),
    "dependents": frozenset({"на", "в", "во", "с", "со", "для", "по", "из", "от", "к", "при"}),
}
"""The word that opens what may stand inside a loose Russian term (see `_Pattern.gaps`)."""
_PARTICLE = "的"
_COORDINATORS = frozenset("和与或及、如")
"""What may stand before a Chinese term's head alone: 文本生成和摘要, 翻译或摘要, 如摘要."""


@dataclass(frozen=True, slots=True)
class Words:
    """A text cut into words."""

    text: str
    """The text in NFKC, which `spans` index."""
    keys: tuple[str, ...]
    """The words as matched: folded, English singulars."""
    spans: tuple[tuple[int, int], ...]
    """Where each word is in `text`."""
    breaks: frozenset[int] = frozenset()
    """The words that start a new stretch: a break (sentence end, bracket) comes before them."""
    bound: frozenset[int] = frozenset()
    """The words joined to the word before by a dot or slash, no space: one name with it."""

    def written(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]

    def joinable(self, start: int, end: int) -> bool:
        """Whether words `start` to `end` (excluded) may be one term: no break between them,
        and the run neither starts nor ends inside a name written as one piece."""
        if start in self.bound or (end < len(self.keys) and end in self.bound):
            return False
        return not any(i in self.breaks for i in range(start + 1, end))


def words(text: str, lang: str, protected: Sequence[tuple[int, int]] = ()) -> Words:
    """The words of a text in language `lang`, as matching reads them. Words inside the
    `protected` spans (of the NFKC text) are left out, with a break on either side."""
    text = unicodedata.normalize("NFKC", text)
    found = list((_CHINESE_WORD if is_chinese(lang) else _WORD).finditer(text))
    if protected:
        found = [m for m in found if not any(s < m.end() and m.start() < e for s, e in protected)]
    spans = tuple([m.span() for m in found])
    breaks, bound = set(), set()
    for index in range(1, len(spans)):
        gap = text[spans[index - 1][1] : spans[index][0]]
        if gap == " " or not gap:
            continue  # the common case, quickly
        if (
            gap
            and set(gap) <= _BINDERS
            and not is_han(text[spans[index][0]])
            and not is_han(text[spans[index - 1][1] - 1])
        ):
            bound.add(index)
        elif _BREAKS.intersection(gap) or _covers(protected, spans[index - 1][1], spans[index][0]):
            breaks.add(index)
    keys = tuple([_key(m[0], lang) for m in found])
    return Words(text, keys, spans, frozenset(breaks), frozenset(bound))


def _covers(protected: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in protected)


def tokens(text: str, lang: str) -> tuple[str, ...]:
    """The words of a text as matched (`words(...).keys`, without their places: quicker)."""
    pattern = _CHINESE_WORD if is_chinese(lang) else _WORD
    return tuple(
        [_key(word, lang) for word in pattern.findall(unicodedata.normalize("NFKC", text))]
    )


@cache
def _key(word: str, lang: str) -> str:
    folded = fold(word)
    if is_english(lang) or (is_chinese(lang) and folded.isascii() and folded.isalpha()):
        return singular(folded)
    return folded


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
    first: int = 0
    last: int = 0
    """The first and the last of the text's words that the hit covers (`Words` indexes)."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[frozenset[str], ...]
    """For each word of the term, the text words that may stand for it: the word itself, and
    in Russian its inflected forms."""
    capitals: tuple[str, ...] | None
    """The term's words as written, when it has capitals: the text must have them too."""
    term: Term
    concept: Concept
    stems: tuple[str | None, ...] = ()
    """Loose Russian: for each word, the stem that words made from it begin with, if any."""
    joined: bool = False
    """The term's words written as one word: never a CamelCase word of the text."""
    head: str | None = None
    """Loose Chinese: the pattern is a term's head alone, and this is the modifier before it."""
    gaps: tuple[str, ...] = ()
    """Loose Russian: what may stand after each word of the term before the next, a few words:
    after an adjective or a participle, its own dependents opened by a preposition («обученная
    на английском языке модель»); after a noun, a coordination («генерации и классификации
    текста»)."""


class TermIndex:
    """The terms of one language, to find where texts use them."""

    def __init__(
        self,
        glossary: Glossary,
        lang: str,
        *,
        concepts: Iterable[Concept] = (),
        loose: bool = False,
    ) -> None:
        """Index every term in `lang` of the glossary's concepts (or of `concepts`); `loose`
        for the matching of `qa` (see the module's docstring)."""
        self.lang = lang
        self.inflects = is_russian(lang)
        self.loose = loose
        self.chinese = is_chinese(lang)
        pairs = [(c, t) for c in (concepts or glossary.concepts) for t in c.terms_in(lang)]
        self._patterns: dict[str, list[_Pattern]] = defaultdict(list)
        self._stemmed: dict[str, list[_Pattern]] = defaultdict(list)
        self._stem_cache: dict[str, list[_Pattern]] = {}
        # A deprecated form whose dictionary forms are a good term's («фундаментальные модель»)
        # is found only as written, or every correct use of the good term would be one.
        good = {self._lemmas(t) for _, t in pairs if t.status is not Status.DEPRECATED}
        for concept, term in pairs:
            for pattern in self._patterns_of(concept, term, good):
                for first in pattern.words[0]:
                    self._patterns[first].append(pattern)
                if pattern.stems and pattern.stems[0]:
                    self._stemmed[pattern.stems[0]].append(pattern)

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
        allowed = tuple(
            # Abbreviations (ИИ, БЯМ) and Latin names are not inflected in writing.
            forms(key) if inflected and word.islower() else frozenset((key,))
            for key, word in zip(written.keys, as_written, strict=True)
        )
        stems: tuple[str | None, ...] = ()
        if self.loose and inflected:
            stems = tuple(
                verbal_stem(key) if word.islower() else None
                for key, word in zip(written.keys, as_written, strict=True)
            )
        gaps = tuple(_gap_after(key) for key in written.keys) if self.loose and inflected else ()
        yield _Pattern(allowed, capitals, term, concept, stems if any(stems) else (), gaps=gaps)
        if self.loose and self.inflects and len(allowed) == 2:
            yield _Pattern(allowed[::-1], None, term, concept)  # «модели NLP» for «NLP-модель»
        if self.chinese:
            yield from self._heads(concept, term, written.keys)
            return
        joined_text = "".join(written.keys)
        if len(written.keys) > 1:
            one_word = frozenset((joined_text,))
            joined_capitals = ("".join(as_written),) if capitals else None
            yield _Pattern((one_word,), joined_capitals, term, concept, joined=True)
        if self.loose and is_english(self.lang) and " " not in term.text.strip():
            yield from self._verb_forms(concept, term, written.keys, capitals)

    def _verb_forms(
        self, concept: Concept, term: Term, keys: tuple[str, ...], capitals: tuple[str, ...] | None
    ) -> Iterable[_Pattern]:
        """A one-word English noun in -ing by its verb's forms: *fine-tune*, *fine-tuned*."""
        verb = english_verb_forms(keys[-1])
        if not verb or capitals:
            return
        yield _Pattern((*(frozenset((k,)) for k in keys[:-1]), verb), None, term, concept)
        if len(keys) > 1:
            stem = "".join(keys[:-1])
            whole = frozenset(stem + form for form in verb)
            yield _Pattern((whole,), None, term, concept, joined=True)

    def _heads(self, concept: Concept, term: Term, keys: tuple[str, ...]) -> Iterable[_Pattern]:
        """Loose Chinese: a term of three characters or more by its last two alone, where the
        context allows it (`_head_allowed`)."""
        if not self.loose or len(keys) < 3 or not all(is_han(k) for k in keys):
            return
        head = tuple(frozenset((k,)) for k in keys[-2:])
        yield _Pattern(head, None, term, concept, head="".join(keys[:-2]))

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Hit]:
        """The terms the text uses, in text order; where two overlap, only the longer."""
        return self.find_all(words(text, self.lang, protected))[0]

    def find_all(self, found: Words) -> tuple[list[Hit], list[Hit]]:
        """The hits of a text cut into words: the longest (as `find`), and every one, nested
        ones too (监督学习 inside 无监督学习), for a caller that weighs overlaps itself."""
        candidates = self._candidates(found)
        if not candidates:
            return [], []
        return _longest(candidates, found), [_hit(c, found) for c in candidates]

    def _candidates(self, found: Words) -> list[tuple[int, int, _Pattern]]:
        keys = found.keys
        candidates = []
        for index, key in enumerate(keys):
            patterns: Iterable[_Pattern] = self._patterns.get(key, ())
            if self.loose and self._stemmed:
                patterns = [*patterns, *self._by_stem(key)]
            for pattern in patterns:
                end = self._match(pattern, found, index)
                if (
                    end is not None
                    and (pattern.capitals is None or _capitals_kept(found, index, pattern.capitals))
                    and not (pattern.joined and _CAMEL.search(found.written(index)))
                    and (pattern.head is None or _head_allowed(found, index, pattern.head))
                ):
                    candidates.append((index, end, pattern))
        return candidates

    def _by_stem(self, key: str) -> list[_Pattern]:
        """The loose Russian patterns whose first word's stem begins `key` (once per word)."""
        found = self._stem_cache.get(key)
        if found is None:
            found = self._stem_cache[key] = [
                pattern
                for length in range(MIN_STEM, len(key))
                for pattern in self._stemmed.get(key[:length], ())
                if key not in pattern.words[0]
            ]
        return found

    def _match(self, pattern: _Pattern, found: Words, start: int) -> int | None:
        """Where a pattern whose first word is at `start` ends (excluded), or None."""
        keys = found.keys
        if not self.loose:
            end = start + len(pattern.words)
            if end <= len(keys) and _follows(pattern.words, keys, start):
                return end if found.joinable(start, end) else None
            return None
        index: int | None = start
        for offset in range(1, len(pattern.words)):
            index = self._next(pattern, offset, found, start if index is None else index)
            if index is None:
                return None
        last = start if index is None else index
        return last + 1 if found.joinable(start, last + 1) else None

    def _next(self, pattern: _Pattern, offset: int, found: Words, after: int) -> int | None:
        """Loose: where the pattern's word `offset` follows the word at `after`, allowing 的 in
        Chinese and a few words in between elsewhere."""
        keys, allowed = found.keys, pattern.words[offset]
        stem = pattern.stems[offset] if pattern.stems else None
        gap = pattern.gaps[offset - 1] if pattern.gaps else ""
        reach = 2 if self.chinese else 1 + _MAX_GAP if gap else 1
        for index in range(after + 1, min(after + 1 + reach, len(keys))):
            if index in found.breaks:
                return None
            key = keys[index]
            if key in allowed or (stem and key.startswith(stem)):
                return index
            if self.chinese and key != _PARTICLE:
                return None
            if gap and index == after + 1 and key not in _GAP_OPENERS[gap]:
                return None
        return None


def _gap_after(key: str) -> str:
    """What a loose Russian match allows after a term's word (see `_Pattern.gaps`)."""
    found = parses(key)
    pos = found[0].tag.POS if found else None
    return "dependents" if pos in ("ADJF", "PRTF") else "coordination" if pos == "NOUN" else ""


def _head_allowed(found: Words, start: int, modifier: str) -> bool:
    """Whether a Chinese term's head alone stands for it here: after a coordinator (和, 或, 、),
    or with the modifier earlier in the same clause."""
    begin = found.spans[start][0]
    if begin and found.text[begin - 1] in _COORDINATORS:
        return True
    clause = start
    while clause > 0 and clause not in found.breaks:
        clause -= 1
    earlier = "".join(found.keys[clause:start])
    return modifier in earlier


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
        if index >= len(found.keys):
            return False
        written = found.written(index)
        if written.isupper():
            continue
        positions = (i for i, c in enumerate(expected) if c.isupper() and i < len(written))
        if not all(written[i].isupper() for i in positions):
            return False
    return True


def _hit(candidate: tuple[int, int, _Pattern], found: Words) -> Hit:
    start, end, pattern = candidate
    begin, finish = found.spans[start][0], found.spans[end - 1][1]
    return Hit(
        pattern.term, pattern.concept, begin, finish, found.text[begin:finish], start, end - 1
    )


def _longest(candidates: list[tuple[int, int, _Pattern]], found: Words) -> list[Hit]:
    """The hits that no longer (then earlier) hit overlaps, in text order; a span found for
    several terms (homonyms, or one term by two patterns) gives a hit per term."""

    def width(candidate: tuple[int, int, _Pattern]) -> int:
        start, end, _ = candidate
        return found.spans[end - 1][1] - found.spans[start][0]

    taken: list[tuple[int, int]] = []
    hits: dict[tuple[int, int, int], Hit] = {}
    for candidate in sorted(candidates, key=lambda c: (-width(c), c[0])):
        start, end, pattern = candidate
        if (start, end) not in taken and any(s < end and start < e for s, e in taken):
            continue
        if (start, end) not in taken:
            taken.append((start, end))
        hit = _hit(candidate, found)
        hits.setdefault((hit.start, hit.end, id(pattern.term)), hit)
    return sorted(hits.values(), key=lambda h: (h.start, h.end))
