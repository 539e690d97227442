"""From a short piece of text (a heading, a bold span, a list item) to the terms it names.

A phrase is cleaned (numbering, quotes, trailing punctuation and asides such as "(e.g. ...)"
dropped), split where it names several terms ("A versus B", "A, B and C"), and its
parentheses read: "Large Language Models (LLMs)" names two terms, "Model (AI)" one with a
qualifier. What is left must look like a term: short, no sentence words, no URL, no code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from termbase.extract.scripts import language_of
from termbase.languages import ENGLISH, RUSSIAN, han_count, is_chinese

MAX_WORDS = 5
"""The longest English or Russian candidate, in words (longer spans are sentences or titles)."""
MAX_PHRASE_WORDS = 10
"""The longest phrase still split into terms ("Embedding versus Image generation versus ...")."""
MAX_CHARS = 80
"""The longest candidate, in characters."""
MAX_HAN = 12
"""The longest Chinese candidate, in Han characters."""


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that occur in sentences, not in terms: a phrase holding one is prose.
FUNCTION_WORDS = {
    ENGLISH: _word_set(
        "a an the is are was were be been being am this that these those it its they them "
        "their we our you your i my me he she his her here there which who whom whose what when "
        "where why how not no can could will would should shall may might must do does did has "
        "have had used using see also very just more most such like some any all than then so "
        "if because while into onto about"
    ),
    RUSSIAN: _word_set(
        "что это как не но он она оно они мы вы я его её ее их был была было были есть можно "
        "нужно также тоже если когда где здесь там этот эта эти то так"
    ),
}
ZH_SENTENCE_CHARACTERS = frozenset("是这那了吗呢吧我你他她它们很也都就")
"""Characters of Chinese sentences that terms do not contain."""
STOPWORDS = _word_set("of for on in to and the a an with by from at de")
"""Words an abbreviation may skip ("Center for Research on Foundation Models (CRFM)")."""

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]|[-*+•·])\s+")
_CITATION = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]")
_LEADING = re.compile(r"^[^\w(\"'«“‘]+")
_TRAILING = re.compile(r"[\s.:;,!?…。：；，！？]+$")
_QUOTES = {'"': '"', "'": "'", "«": "»", "“": "”", "‘": "’", "„": "“", "「": "」", "《": "》"}
_URL = re.compile(r"://|^www\.|\.(?:com|org|net|io|md|html?|pdf)\b", re.IGNORECASE)
_NOT_IN_TERMS = re.compile(r"[\x00\[\]{}<>|=*_`~^\\@$%]")
_SENTENCE = re.compile(r"[.!?;]\s|[。！？；，]")
_ASIDE = re.compile(
    r"\s*\((?:e\.\s?g\.|i\.\s?e\.|see|cf\.|for example|for instance|below|above|etc)[^()]*\)",
    re.IGNORECASE,
)
_ALSO_CALLED = re.compile(
    r"^(?:also\s+(?:called|known\s+as|named|termed)|a\.?k\.?a\.?|or|also)\s+", re.IGNORECASE
)
_VERSUS = re.compile(r"\s+(?:versus|vs\.?)\s+", re.IGNORECASE)
_CONJUNCTION = re.compile(
    r"\s*[,，]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|и|или|和|或|与|及)\s+|\s+/\s+|、"
)
# A conjunct that already ends in a head noun shares none: "Summarization and question answering".
_HEAD_NOUN = re.compile(r"(?:ion|ing|ment|ness|[a-z]s)\W*$")
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*$")
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@dataclass(frozen=True, slots=True)
class Found:
    """A term read from a phrase, and longer or shorter readings of it to try in turn."""

    text: str
    variants: tuple[str, ...] = ()


def clean(text: str) -> str:
    """The phrase without numbering, quotes, citation marks or trailing punctuation."""
    text = " ".join(_CITATION.sub("", text).split())
    previous = None
    while text != previous:
        previous = text
        text = _NUMBERING.sub("", text)
        text = _LEADING.sub("", text)
        text = _TRAILING.sub("", text)
        if len(text) > 1 and _QUOTES.get(text[0]) == text[-1]:
            text = text[1:-1].strip()
    return _strip_possessive(text)


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text)


def term_like(text: str, lang: str | None = None) -> bool:
    """Whether `text` is short and plain enough to be a term (not prose, a URL or code)."""
    lang = lang or language_of(text)
    if lang is None or not 2 <= len(text) <= MAX_CHARS:
        return False
    if _NOT_IN_TERMS.search(text) or _URL.search(text):
        return False
    if _SENTENCE.search(text + " ") or text.count("(") != text.count(")"):
        return False
    words = text.split()
    if is_chinese(lang):
        return (
            han_count(text) <= MAX_HAN
            and len(words) <= 3
            and not ZH_SENTENCE_CHARACTERS.intersection(text)
        )
    function_words = FUNCTION_WORDS.get(lang, frozenset())
    return len(words) <= MAX_WORDS and not any(
        word.casefold().strip("'’\"") in function_words for word in words
    )


def is_prose(text: str) -> bool:
    """A phrase too long, or too sentence-like, to hold a list of terms."""
    lang = language_of(text) or ENGLISH
    words = text.split()
    function_words = FUNCTION_WORDS.get(lang, frozenset())
    return len(words) > MAX_PHRASE_WORDS or any(w.casefold() in function_words for w in words)


def phrase_terms(text: str) -> list[Found]:
    """The terms a heading, bold span, link text, list item or table cell names."""
    text = _ASIDE.sub("", clean(text.replace("（", " (").replace("）", ") ")))
    if ": " in text:  # "Retentive Network: A successor to ...": a name, then its subtitle
        text = text.partition(": ")[0]
    text = clean(text)
    if not text or is_prose(_without_parentheses(text)):
        return []
    found: list[Found] = []
    groups = _split(text, _VERSUS)
    for number, group in enumerate(groups):
        conjuncts = _split(group, _CONJUNCTION)
        for index, conjunct in enumerate(conjuncts):
            # The head noun a conjunct may share: "Open Source [Models] versus Proprietary Models"
            following = conjuncts[-1] if index < len(conjuncts) - 1 else None
            if following is None and number < len(groups) - 1:
                following = groups[-1]
            head = following.split()[-1] if following and not _HEAD_NOUN.search(conjunct) else None
            found += _read_parentheses(clean(conjunct), head)
    return _term_like_only(found)


def _term_like_only(found: list[Found]) -> list[Found]:
    kept = []
    for item in found:
        if term_like(item.text):
            kept.append(Found(item.text, tuple(v for v in item.variants if term_like(v))))
        elif any(term_like(v) for v in item.variants):
            good = [v for v in item.variants if term_like(v)]
            kept.append(Found(good[0], tuple(good[1:])))
    return kept


def _split(text: str, separator: re.Pattern[str]) -> list[str]:
    """`text` split at `separator`, never inside parentheses."""
    parts, depth, start = [], 0, 0
    position = 0
    while position < len(text):
        char = text[position]
        depth += (char == "(") - (char == ")")
        match = separator.match(text, position) if depth == 0 else None
        if match and match.end() > position and position > start:
            parts.append(text[start:position])
            start = position = match.end()
            continue
        position += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _read_parentheses(text: str, head: str | None) -> list[Found]:
    """Read "X (Y) Z": an abbreviation and its expansion, another name, or a qualifier."""
    ellipsis = (f"{text} {head}",) if head else ()  # "Text [generation] and Code generation"
    match = re.search(r"\(([^()]+)\)", text)
    if not match:
        return [Found(text, ellipsis)]
    before, inner = text[: match.start()].strip(), match.group(1).strip()
    after = text[match.end() :].strip()
    joined = " ".join(filter(None, [before, after]))
    if also := _ALSO_CALLED.match(inner):
        names = _split(inner[also.end() :], _CONJUNCTION)
        return [Found(joined), *(Found(clean(name)) for name in names)]
    pair = abbreviation_pair(before, inner)
    if pair:
        expansion, abbreviation = pair
        found = [Found(expansion), Found(abbreviation)]
        if after:  # "Natural Language Processing (NLP) Models"
            found += [Found(f"{expansion} {after}"), Found(f"{abbreviation} {after}")]
        return found
    if before and language_of(inner) != language_of(before):  # "大语言模型 (LLM)": a translation
        return [Found(joined), *(Found(clean(name)) for name in _split(inner, _CONJUNCTION))]
    if len(inner.split()) <= 3 and not after:  # "Model (AI)": a qualifier, as in a wiki
        return [Found(text, (joined,))]
    return [Found(joined, ellipsis)]


def without_asides(text: str) -> str:
    """The text without "(e.g. ...)"-like asides and citation marks."""
    return _ASIDE.sub("", _CITATION.sub("", text))


def _without_parentheses(text: str) -> str:
    return re.sub(r"\([^()]*\)", "", text)


def abbreviation_pair(first: str, second: str) -> tuple[str, str] | None:
    """(expansion, abbreviation) when one of the two abbreviates the other, else None."""
    if is_abbreviation_of(second, first):
        return first, second
    if is_abbreviation_of(first, second):
        return second, first
    return None


def is_abbreviation_of(abbreviation: str, expansion: str) -> bool:
    """Whether the initials of `expansion` spell `abbreviation`: "LLMs", "Large Language Models"."""
    letters = _letters(abbreviation)
    return bool(letters) and _spells(letters, _words(expansion))


def expansion_start(abbreviation: str, words: list[str]) -> int | None:
    """The index of the first of the last words of `words` whose initials spell the abbreviation."""
    letters = _letters(abbreviation)
    if not letters:
        return None
    for start in range(len(words) - 1, max(-1, len(words) - len(letters) - 4), -1):
        if words[start].casefold() not in STOPWORDS and _spells(
            letters, [_strip_possessive(w) for w in words[start:]]
        ):
            return start
    return None


def _letters(abbreviation: str) -> str:
    if not _ABBREVIATION.match(abbreviation) or len(abbreviation) > 10:
        return ""
    if abbreviation.endswith("s") and abbreviation[:-1].isupper():  # LLMs
        abbreviation = abbreviation[:-1]
    return abbreviation.upper()


def _words(text: str) -> list[str]:
    return [_strip_possessive(word) for word in re.findall(r"[\w'’-]+", text)]


def _spells(letters: str, words: list[str]) -> bool:
    """Whether the words, in order, give exactly `letters` by their initials."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    options = {word[:1].upper()}
    parts = [p for p in re.split(r"[-‐]", word) if p]
    options.add("".join(p[:1] for p in parts).upper())
    options.add("".join(p[:1] for p in _CAMEL.findall(word)).upper())
    if word.casefold() in STOPWORDS:
        options.add("")
    return any(
        letters.startswith(option) and _spells(letters[len(option) :], rest)
        for option in options
        if option or rest
    )


def list_items(text: str) -> Iterator[Found]:
    """The terms of a list written inline: "GPT-3, GPT-4, BERT and ChatGPT"."""
    for item in _split(text, _CONJUNCTION):
        yield from phrase_terms(item)


def preceding_term(text: str) -> str | None:
    """The noun phrase just before a position: "A foundation model" → "foundation model"."""
    words = text.split()
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:()\"'")
        if bare != word or bare.casefold() in FUNCTION_WORDS[ENGLISH] or len(kept) == MAX_WORDS:
            if bare != word and not kept:
                return None
            break
        kept.insert(0, bare)
    phrase = " ".join(kept)
    return phrase if kept and term_like(phrase) else None
