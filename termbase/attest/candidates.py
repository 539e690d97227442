"""Renderings mined from translations (`attest --candidates`): what translators wrote where the
English uses a concept's term, and the glossary does not have.

In each document that the corpus has in English and in another language (`parallel.tsv`),
the paragraphs are aligned (`align`). A concept is in a pair of paragraphs when the English
uses one of its English terms, found as `attest` finds terms. On the other side every phrase
that could be a term is a unit:
- Russian: one to three words in a sentence, the last a noun, the first a noun, an adjective
  or a participle, no conjunction, particle or pronoun (a preposition inside only: «обучение с
  учителем»), counted by their dictionary forms, so that «тонкой настройки» and «тонкая
  настройка» are one unit;
- Chinese: one to four of jieba's words in a sentence, two characters or more, no function
  word (的, 和, 这个 …) at either end;
- in both, a run of up to four words in Latin letters (a term left in English).
A unit that is in at least `MIN_PAIRS` of a concept's pairs, and of whose pairs at least
`MIN_SHARE` are the concept's, is a rendering of it; the renderings are ranked by Dice's
coefficient (twice the pairs with both, over the pairs with either). A word of the topic (a
«задача» near every "fine-tuning") is in far more pairs than the concept's, and is no
rendering. Left out: the concept's own terms and the units inside them or holding them, the
terms of other concepts, the texts of ignore.toml, and a unit inside a longer candidate that
is in nearly all of its pairs (or the longer one, where it is in few).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import jieba

from termbase.attest.align import Pair, Paragraph, align, paragraphs
from termbase.attest.corpus import Corpus
from termbase.attest.counting import Use, citable, citations
from termbase.attest.index import CorpusIndex
from termbase.attest.prose import Passage
from termbase.extract.matching import IgnoreEntry
from termbase.languages import HAN, fold, is_chinese, primary
from termbase.model import Concept, Glossary, Term
from termbase.morphology import lemma, parses
from termbase.occurrences import Hit, TermIndex, tokens, words
from termbase.pinyin import FUNCTION_WORDS

MIN_PAIRS = 3
"""The fewest of a concept's pairs of paragraphs a rendering must be in to be reported."""
MIN_DOCUMENTS = 2
"""The fewest documents a rendering must be quoted from (one document repeats itself)."""
MIN_DICE = 0.05
"""The weakest association reported (Dice's coefficient, 0 to 1)."""
MIN_SHARE = 0.25
"""The least share of a unit's pairs that must be the concept's."""
NEARLY_ALL = 0.8
"""A unit inside a longer one that is in this share of its pairs is a part of the longer."""
PER_CONCEPT = 5
"""The most candidates reported per concept and language."""
_RUSSIAN_FIRST = frozenset({"NOUN", "ADJF", "PRTF"})
_RUSSIAN_BARRED = frozenset({"CONJ", "PRCL", "NPRO", "INTJ", "NUMR", "PRED", "ADVB"})
_CHINESE_EDGE_BARRED = (
    FUNCTION_WORDS
    | frozenset("这那其它个些了是也都就并而但会能要有不可将每该各等")
    | frozenset({"我们", "你们", "他们", "它们", "这个", "这些", "那些", "一个", "可以", "进行"})
)
_SENTENCE_END = re.compile(r"[.!?;:()\[\]{}«»\"“”—。！？；：（）、，,]")
_LATIN = re.compile(
    r"(?<![\w.@/])[A-Za-z][A-Za-z0-9]*(?:[- ][A-Za-z0-9]+){0,3}(?![- .]?[A-Za-z0-9])"
)
"""A run of one to four words in Latin letters (a longer one is an English sentence), not a
piece of a dotted name (DeepLearning.AI) or an address."""
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[- ][A-Za-z0-9]+)*")
_HAN_RUN = re.compile(f"[{HAN}]+")


@dataclass(frozen=True, slots=True)
class Known:
    """One of the concept's own terms in the other language, and the concept's pairs it is in."""

    term: Term
    pairs: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A line where translators wrote a candidate, and the line of the English term they
    translated."""

    target: Use
    source: Use


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rendering of a concept that translators used and the glossary lacks."""

    text: str
    """As it is written most often (a Russian phrase in the nominative where it occurs so)."""
    key: str
    """What it was counted as: its words' dictionary forms, folded."""
    pairs: int
    """The concept's pairs it is in."""
    everywhere: int
    """The pairs of its language it is in, the concept's or not."""
    dice: float
    english: bool
    """It is one of the concept's English terms, left untranslated."""
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class Mined:
    """What the translations say of one concept in one language."""

    concept: Concept
    lang: str
    pairs: int
    """The aligned pairs whose English uses one of the concept's English terms."""
    known: tuple[Known, ...]
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class _Aligned:
    """A pair of paragraphs, with the documents they are in (their indexes in the index)."""

    source: int
    target: int
    pair: Pair


@dataclass(frozen=True, slots=True)
class _Unit:
    key: str
    text: str
    line: int
    passage: str
    start: int
    end: int
    """Where it is in its passage's text."""


@dataclass(frozen=True, slots=True)
class _Language:
    """The aligned pairs of one language, and what each holds."""

    lang: str
    own: TermIndex
    """The glossary's terms in the language."""
    pairs: list[_Aligned]
    english: list[dict[str, Use]]
    """Per pair: the concepts its English uses, each with the line of its first use."""
    terms: list[frozenset[tuple[str, str]]]
    """Per pair: the glossary's terms its translation uses, as (concept id, text)."""
    forms: set[str]
    """The keys of the glossary's terms as the translations write them (`промптов`, which
    pymorphy3 does not take back to «промпт»): none is a candidate."""
    units: list[frozenset[str]]
    everywhere: Counter[str]
    """In how many pairs each unit is."""
    words: list[frozenset[str]]
    """Per pair: the words of its English (folded, singular)."""
    word_pairs: Counter[str]
    """In how many pairs each English word is."""


@dataclass(frozen=True, slots=True)
class _Scored:
    concept: Concept
    numbers: list[int]
    """The concept's pairs."""
    known: tuple[Known, ...]
    found: list[tuple[str, int, float]]
    """The candidates' keys, their pairs with the concept, and Dice's coefficient."""


def mine(
    glossary: Glossary,
    corpora: Sequence[Corpus],
    index: CorpusIndex,
    ignored: Iterable[IgnoreEntry] = (),
) -> list[Mined]:
    """What the translations say of every concept in every other language, by concept id,
    then language; concepts whose English is in no aligned pair are left out."""
    source, *others = glossary.languages
    english = TermIndex(glossary, source)
    found = []
    for lang in others:
        aligned = _aligned(corpora, index, source, lang)
        if not aligned:
            continue
        language = _read(glossary, english, lang, aligned)
        barred = _barred(glossary, lang, ignored)
        scored = [s for c in glossary.concepts if (s := _score(c, language, barred)) is not None]
        found += _candidates(_unexplained(scored, language, source), language, index)
    return sorted(found, key=lambda m: (m.concept.id, glossary.languages.index(m.lang)))


def _aligned(
    corpora: Sequence[Corpus], index: CorpusIndex, source: str, lang: str
) -> list[_Aligned]:
    where = {document: i for i, document in enumerate(index.documents)}
    found = []
    for corpus in corpora:
        for row in corpus.translations():
            if source not in row or lang not in row:
                continue
            first, second = where.get(row[source]), where.get(row[lang])
            if first is None or second is None:
                continue
            pairs = align(
                paragraphs(index.passages[first], source),
                paragraphs(index.passages[second], lang),
            )
            found += [_Aligned(first, second, pair) for pair in pairs]
    return found


def _read(glossary: Glossary, english: TermIndex, lang: str, pairs: list[_Aligned]) -> _Language:
    own = TermIndex(glossary, lang)
    language = _Language(lang, own, pairs, [], [], set(), [], Counter(), [], Counter())
    for aligned in pairs:
        english_words = frozenset(
            word
            for passage in _passages(aligned.pair.source)
            for word in tokens(passage.text, "en")
        )
        language.words.append(english_words)
        language.word_pairs.update(english_words)
        language.english.append(_concepts(english, aligned.source, aligned.pair.source))
        hits, units = _read_target(aligned.pair.target, lang, own)
        language.terms.append(frozenset((hit.concept.id, hit.term.text) for hit in hits))
        language.forms.update(key_of(hit.text, lang) for hit in hits)
        keys = frozenset(unit.key for unit in units)
        language.units.append(keys)
        language.everywhere.update(keys)
    return language


def _passages(paragraphs: Iterable[Paragraph]) -> Iterator[Passage]:
    return (passage for paragraph in paragraphs for passage in paragraph.passages)


def _concepts(english: TermIndex, document: int, source: Iterable[Paragraph]) -> dict[str, Use]:
    found: dict[str, Use] = {}
    for passage in _passages(source):
        for hit in english.find(passage.text):
            line = passage.line + passage.text.count("\n", 0, hit.start)
            found.setdefault(hit.concept.id, Use(document, line, 0))
    return found


def _score(concept: Concept, language: _Language, barred: frozenset[str]) -> _Scored | None:
    numbers = [n for n, concepts in enumerate(language.english) if concept.id in concepts]
    if not numbers:
        return None
    lang = language.lang
    own_terms = concept.terms_in(lang)
    known = tuple(
        Known(term, sum((concept.id, term.text) in language.terms[n] for n in numbers))
        for term in own_terms
    )
    own = [key_of(term.text, lang) for term in own_terms]
    together = Counter(
        key
        for n in numbers
        for key in language.units[n]
        if language.everywhere[key] >= MIN_PAIRS and key not in barred and key not in language.forms
    )
    everywhere = language.everywhere
    dice = {
        key: 2 * count / (len(numbers) + everywhere[key])
        for key, count in together.items()
        if count >= MIN_PAIRS
        and count >= MIN_SHARE * everywhere[key]
        and 2 * count / (len(numbers) + everywhere[key]) >= MIN_DICE
        and not any(_nested(key, term, lang) for term in own)
    }
    strongest = sorted(dice, key=lambda k: (-dice[k], -together[k], k))[: 8 * PER_CONCEPT]
    best = _outermost(strongest, together, lang)[: 3 * PER_CONCEPT]
    return _Scored(concept, numbers, known, [(key, together[key], dice[key]) for key in best])


def _unexplained(scored: list[_Scored], language: _Language, source: str) -> list[_Scored]:
    """The candidates that no English word of their pairs explains better than the concept:
    «словарь» is in many pairs with "token", but in more with "vocabulary", and far fewer
    without it. A word explains a candidate when it is in as many of the candidate's pairs as
    the concept is (or more), and its association is the stronger; the words of the concept's
    own English terms explain nothing (they are the concept)."""
    keys = {key for entry in scored for key, _, _ in entry.found}
    with_key: dict[str, Counter[str]] = defaultdict(Counter)
    for n, units in enumerate(language.units):
        for key in units & keys:
            with_key[key].update(language.words[n])
    kept = []
    for entry in scored:
        own = {w for t in entry.concept.terms_in(source) for w in tokens(t.text, source)}
        found = [
            (key, pairs, dice)
            for key, pairs, dice in entry.found
            if not any(
                count >= pairs
                and 2 * count / (language.word_pairs[word] + language.everywhere[key]) > dice
                for word, count in with_key[key].items()
                if word not in own
            )
        ]
        kept.append(_Scored(entry.concept, entry.numbers, entry.known, found[:PER_CONCEPT]))
    return kept


def _outermost(keys: list[str], together: Counter[str], lang: str) -> list[str]:
    """The keys, in their order, without those inside another or holding another: of two, the
    longer where it is in nearly all the shorter one's pairs, else the shorter."""
    dropped = set()
    for inner in keys:
        for outer in keys:
            if inner != outer and _inside(inner, outer, lang):
                if together[outer] >= NEARLY_ALL * together[inner]:
                    dropped.add(inner)
                else:
                    dropped.add(outer)
    return [key for key in keys if key not in dropped]


def _candidates(scored: list[_Scored], language: _Language, index: CorpusIndex) -> list[Mined]:
    """The candidates with their forms and quotes, read from their pairs (each pair's units
    worked out once, however many candidates it has)."""
    wanted: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry in scored:
        for key, _, _ in entry.found:
            for n in entry.numbers:
                if key in language.units[n]:
                    wanted[n].append((entry.concept.id, key))
    written: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    quotes: dict[tuple[str, str], dict[Use, Quote]] = defaultdict(dict)
    for n in sorted(wanted):
        aligned = language.pairs[n]
        _, units = _read_target(aligned.pair.target, language.lang, language.own)
        for concept_id, key in wanted[n]:
            mine = [u for u in units if u.key == key]
            written[(concept_id, key)].update(u.text for u in mine)
            first = mine[0]
            target = Use(aligned.target, first.line, citable(first.passage, first.start, first.end))
            quotes[(concept_id, key)][target] = Quote(target, language.english[n][concept_id])
    found = []
    for entry in scored:
        english = {key_of(t.text, "en") for t in entry.concept.terms if t.lang != language.lang}
        candidates = []
        for key, pairs, dice in entry.found:
            at = quotes[(entry.concept.id, key)]
            if len({use.document for use in at}) < MIN_DOCUMENTS:
                continue
            candidates.append(
                Candidate(
                    _shown(written[(entry.concept.id, key)], language.lang),
                    key,
                    pairs,
                    language.everywhere[key],
                    dice,
                    key in english,
                    tuple(at[use] for use in citations(list(at), index.documents)),
                )
            )
        found.append(
            Mined(entry.concept, language.lang, len(entry.numbers), entry.known, tuple(candidates))
        )
    return found


def _shown(written: Counter[str], lang: str) -> str:
    """The form to show: the most frequent, a Russian one in the nominative where there is
    one (its last word is its own dictionary form)."""
    forms = sorted(written, key=lambda text: (-written[text], text))
    if primary(lang) == "ru":
        forms = [f for f in forms if _last_word_is_lemma(f)] or forms
    return forms[0]


def _last_word_is_lemma(text: str) -> bool:
    last = tokens(text, "ru")[-1]
    return _LATIN_RUN.fullmatch(last) is not None or lemma(last) == last


# Units --------------------------------------------------------------------------------------


def key_of(text: str, lang: str) -> str:
    """What a text is counted as: words in Latin letters folded (English plurals singular),
    Russian words by their dictionary forms, Chinese folded without spaces."""
    if _LATIN_RUN.fullmatch(text):
        return " ".join(tokens(text, "en"))
    if is_chinese(lang):
        return fold(text).replace(" ", "")
    return " ".join(lemma(word) for word in tokens(text, lang))


def _nested(key: str, term: str, lang: str) -> bool:
    return key == term or _inside(key, term, lang) or _inside(term, key, lang)


def _inside(inner: str, outer: str, lang: str) -> bool:
    """Whether `inner` is a part of `outer`: characters of Chinese, whole words otherwise."""
    if is_chinese(lang) and " " not in outer:
        return inner in outer and inner != outer
    return f" {inner} " in f" {outer} " and inner != outer


def _barred(glossary: Glossary, lang: str, ignored: Iterable[IgnoreEntry]) -> frozenset[str]:
    """What is no candidate in `lang`: every term of the language (a concept's own terms are
    left out by `_nested`, other concepts' have their home) and the texts ignore.toml lists."""
    script = primary(lang)
    return frozenset(
        [key_of(t.text, lang) for c in glossary.concepts for t in c.terms_in(lang)]
        + [key_of(e.text, lang) for e in ignored if e.lang in (None, script)]
    )


def _read_target(
    paragraphs: Iterable[Paragraph], lang: str, own: TermIndex
) -> tuple[list[Hit], list[_Unit]]:
    """The glossary's terms a translation uses, and its units; a unit that cuts through a
    term is none («学习中» of «深度学习中», «настройки модели» of «тонкой настройки модели»)."""
    hits, units = [], []
    for passage in _passages(paragraphs):
        found = own.find(passage.text)
        hits += found
        units += [
            unit
            for unit in _passage_units(passage, lang)
            if not any(
                unit.start < hit.end
                and hit.start < unit.end
                and not (unit.start <= hit.start and hit.end <= unit.end)
                and not (hit.start <= unit.start and unit.end <= hit.end)
                for hit in found
            )
        ]
    return hits, units


def _passage_units(passage: Passage, lang: str) -> Iterator[_Unit]:
    yield from _latin_units(passage)
    if is_chinese(lang):
        yield from _chinese_units(passage)
    elif primary(lang) == "ru":
        yield from _russian_units(passage)


def _line(passage: Passage, offset: int) -> int:
    return passage.line + passage.text.count("\n", 0, offset)


def _latin_units(passage: Passage) -> Iterator[_Unit]:
    for match in _LATIN.finditer(passage.text):
        if len(match[0]) > 1:
            yield _Unit(
                key_of(match[0], "en"),
                match[0],
                _line(passage, match.start()),
                passage.text,
                *match.span(),
            )


def _russian_units(passage: Passage) -> Iterator[_Unit]:
    """Phrases of one to three Russian words within a sentence."""
    found = words(passage.text, "ru")
    for first in range(len(found.keys)):
        for last in range(first, min(first + 3, len(found.keys))):
            gap = found.text[found.spans[last - 1][1] : found.spans[last][0]]
            if last > first and _SENTENCE_END.search(gap):
                break
            run = found.keys[first : last + 1]
            if _is_russian_phrase(run):
                start, end = found.spans[first][0], found.spans[last][1]
                yield _Unit(
                    " ".join(lemma(word) for word in run),
                    found.text[start:end],
                    _line(passage, start),
                    passage.text,
                    start,
                    end,
                )


@cache
def _pos(word: str) -> str | None:
    found = parses(word)
    return str(found[0].tag.POS) if found and found[0].tag.POS else None


def _is_russian_phrase(run: tuple[str, ...]) -> bool:
    if any(not word.isalpha() or _LATIN_RUN.fullmatch(word) for word in run):
        return False
    kinds = [_pos(word) for word in run]
    return (
        kinds[0] in _RUSSIAN_FIRST
        and kinds[-1] == "NOUN"
        and not any(kind in _RUSSIAN_BARRED for kind in kinds)
    )


@cache
def _segmenter() -> jieba.Tokenizer:
    jieba.setLogLevel(60)  # no "Building prefix dict" on the terminal
    return jieba.Tokenizer()


def _chinese_units(passage: Passage) -> Iterator[_Unit]:
    """Runs of one to four of jieba's words in Chinese characters, within a sentence."""
    for run in _HAN_RUN.finditer(passage.text):
        pieces, offset = [], run.start()
        for piece in _segmenter().cut(run[0], HMM=False):
            pieces.append((piece, offset))
            offset += len(piece)
        for first in range(len(pieces)):
            if pieces[first][0] in _CHINESE_EDGE_BARRED:
                continue
            for last in range(first, min(first + 4, len(pieces))):
                joined = "".join(p for p, _ in pieces[first : last + 1])
                if pieces[last][0] not in _CHINESE_EDGE_BARRED and len(joined) > 1:
                    start = pieces[first][1]
                    end = start + len(joined)
                    yield _Unit(joined, joined, _line(passage, start), passage.text, start, end)
