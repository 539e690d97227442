"""How terms are written and used: capitals, abbreviations, untranslated terms, and deprecated
terms in definitions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from termbase.checks.base import LETTERS, finding, form_note, form_severity
from termbase.checks.russian import lemma
from termbase.findings import Finding, Severity
from termbase.languages import fold, has_case, is_chinese, is_english, is_russian, script, singular
from termbase.model import Concept, Glossary, Kind, Status, Term, TermType
from termbase.normalize import compact_form

# Capitalised words a term may contain: English names and adjectives made from names, and
# Russian names in the genitive (цепь Маркова, машина Больцмана). Extend it when a term names a
# person.
PROPER_NOUNS = frozenset(
    {
        *("Bayes", "Bayesian", "Bellman", "Boltzmann", "Carlo", "Gauss", "Gaussian", "Hebbian"),
        *("Hopfield", "Kohonen", "Markov", "Monte", "Turing", "Wasserstein"),
        *("Байеса", "Беллмана", "Больцмана", "Гаусса", "Карло", "Кохонена", "Маркова", "Монте"),
        *("Тьюринга", "Хопфилда", "Хебба"),
    }
)


def check_capitalisation(glossary: Glossary) -> Iterator[Finding]:
    """Terms are lower case unless a proper noun or an abbreviation (named models are names)."""
    for concept in _concepts(glossary):
        for term in concept.terms:
            if not has_case(term.lang):
                continue
            capitalised = [w for w in LETTERS.findall(term.text) if _capitalised(w)]
            if capitalised:
                yield finding(
                    term.location,
                    form_severity(term, Severity.WARNING),
                    "capitalisation",
                    f"term '{term.text}': capital letter in '{capitalised[0]}'; terms are lower "
                    f"case unless a proper noun or an abbreviation{form_note(term)}",
                    concept,
                    term.lang,
                )


def _capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word not in PROPER_NOUNS


def check_abbreviation_type(glossary: Glossary) -> Iterator[Finding]:
    """A term written like an abbreviation (LLM, MoE, БЯМ) is typed as one."""
    for concept in _concepts(glossary):
        for term in concept.terms:
            if term.type in (TermType.FULL_FORM, TermType.VARIANT) and looks_abbreviated(term.text):
                yield finding(
                    term.location,
                    form_severity(term, Severity.WARNING),
                    "abbreviation-type",
                    f"term '{term.text}' looks like an abbreviation but has type {term.type}; "
                    "give it `type: abbreviation` (or acronym)",
                    concept,
                    term.lang,
                )


def looks_abbreviated(text: str) -> bool:
    """One word of mostly capital letters, in a cased alphabet: LLM, MoE, GenAI, БЯМ, GPT-4."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.isspace() for c in text) or any(script(c) is None for c in letters):
        return False
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and 2 * capitals >= len(letters)


def check_untranslated(glossary: Glossary) -> Iterator[Finding]:
    """A preferred term or a definition that is the source language's, left untranslated.

    Named models keep their names; a preferred term with a note is kept on purpose (the note says
    why, as for «Transformer» in Chinese).
    """
    source, *targets = glossary.languages
    for concept in _concepts(glossary):
        originals = {compact_form(t.text, "und") for t in concept.terms_in(source)}
        for lang in targets:
            term = concept.preferred(lang)
            if term is not None and not term.note and compact_form(term.text, "und") in originals:
                yield finding(
                    term.location,
                    Severity.WARNING,
                    "untranslated",
                    f"term '{term.text}' ({lang}) is the {source} term, untranslated; translate "
                    "it, or say in a note why the original is kept",
                    concept,
                    lang,
                )
            if source in concept.definitions and concept.definitions.get(
                lang
            ) == concept.definitions.get(source):
                yield finding(
                    concept.places.get(f"definition.{lang}", concept.location),
                    Severity.WARNING,
                    "untranslated",
                    f"definition.{lang} is the {source} definition, untranslated",
                    concept,
                    lang,
                )


def _concepts(glossary: Glossary) -> Iterator[Concept]:
    return (c for c in glossary.concepts if c.kind is Kind.CONCEPT)


# Deprecated terms in definitions -------------------------------------------------------------


def check_deprecated_in_definitions(glossary: Glossary) -> Iterator[Finding]:
    """A definition uses a deprecated term (of any concept) instead of the preferred one.

    Matching reads words as a CAT tool does, in their normal form; Russian words also by lemma,
    so inflected forms match. A longer glossary term that contains the match wins
    (`diffuser` inside a longer admitted term is not a use of `diffuser`).
    """
    for lang in glossary.languages:
        index = TermIndex(glossary, lang)
        if not index.has_deprecated:
            continue
        for concept in glossary.concepts:
            if lang not in concept.definitions:
                continue
            for term, owner in index.deprecated_uses(concept.definitions[lang]):
                preferred = owner.preferred(lang)
                advice = f"; use '{preferred.text}'" if preferred else ""
                yield finding(
                    concept.places.get(f"definition.{lang}", concept.location),
                    Severity.WARNING,
                    "deprecated-in-definition",
                    f"definition.{lang} uses '{term.text}', a deprecated term of "
                    f"'{owner.id}'{advice}",
                    concept,
                    lang,
                )


_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str, lang: str) -> tuple[str, ...]:
    """Words as matched: NFKC, case folded, ё as е, English singular; one per Han character."""
    folded = fold(text)
    if is_chinese(lang):
        return tuple(re.findall(r"[a-z0-9]+|[^\W_]", folded))
    words = _TOKEN.findall(folded)
    return tuple(singular(w) for w in words) if is_english(lang) else tuple(words)


@dataclass(frozen=True, slots=True)
class _Pattern:
    stream: int
    """0: match the words as written; 1: match their lemmas (Russian)."""
    words: tuple[str, ...]
    term: Term
    owner: Concept


class TermIndex:
    """Every term of one language, to find where a text uses them."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.lemmas = is_russian(lang)
        terms = [(c, t) for c in glossary.concepts for t in c.terms_in(lang)]
        allowed_lemmas = {
            self._lemmas(tokens(t.text, lang))
            for _, t in terms
            if t.status is not Status.DEPRECATED
        }
        self.patterns: dict[tuple[int, str], list[_Pattern]] = defaultdict(list)
        for owner, term in terms:
            words = tokens(term.text, lang)
            if not words:
                continue
            self._add(_Pattern(0, words, term, owner))
            lemmas = self._lemmas(words)
            # A deprecated form whose lemmas are a good term's («фундаментальные модель») is
            # matched only as written, or every correct use would be reported.
            if self.lemmas and (
                term.status is not Status.DEPRECATED or lemmas not in allowed_lemmas
            ):
                self._add(_Pattern(1, lemmas, term, owner))
        self.has_deprecated = any(t.status is Status.DEPRECATED for _, t in terms)

    def _add(self, pattern: _Pattern) -> None:
        self.patterns[pattern.stream, pattern.words[0]].append(pattern)

    def _lemmas(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(lemma(w) for w in words) if self.lemmas else words

    def deprecated_uses(self, text: str) -> Iterator[tuple[Term, Concept]]:
        """Deprecated terms the text uses, each once, where no longer good term contains them."""
        streams = [tokens(text, self.lang)]
        if self.lemmas:
            streams.append(self._lemmas(streams[0]))
        spans = [
            (start, start + len(p.words), p)
            for number, stream in enumerate(streams)
            for start, word in enumerate(stream)
            for p in self.patterns.get((number, word), ())
            if stream[start : start + len(p.words)] == p.words
        ]
        good = [(s, e) for s, e, p in spans if p.term.status is not Status.DEPRECATED]
        seen = set()
        for start, end, p in spans:
            if p.term.status is not Status.DEPRECATED or id(p.term) in seen:
                continue
            if not any(s <= start and end <= e for s, e in good):
                seen.add(id(p.term))
                yield p.term, p.owner
