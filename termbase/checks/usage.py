"""How terms are written and used: capitals, abbreviations, untranslated terms, and deprecated
terms in definitions.
"""

from __future__ import annotations

from collections.abc import Iterator

from termbase.checks.base import LETTERS, finding, form_note, form_severity
from termbase.findings import Finding, Severity, message
from termbase.i18n import N_
from termbase.languages import lower_case_terms, script
from termbase.model import Concept, Glossary, Kind, Status, Term, TermType
from termbase.normalize import compact_form
from termbase.occurrences import TermIndex

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
    """Terms are lower case unless a proper noun or an abbreviation (instances are names), in
    the languages that write nouns in lower case (not German: `languages.lower_case_terms`)."""
    for concept in _concepts(glossary):
        for term in concept.terms:
            if not lower_case_terms(term.lang):
                continue
            capitalised = [w for w in LETTERS.findall(term.text) if _capitalised(w)]
            if capitalised:
                yield finding(
                    term.location,
                    form_severity(term, Severity.WARNING),
                    "capitalisation",
                    message(
                        N_(
                            "term '%(term)s': capital letter in '%(word)s'; terms are lower case "
                            "unless a proper noun or an abbreviation%(documented)s"
                        ),
                        term=term.text,
                        word=capitalised[0],
                        documented=form_note(term),
                    ),
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
                    message(
                        N_(
                            "term '%(term)s' looks like an abbreviation but has type %(type)s; "
                            "give it `type: abbreviation` (or acronym)"
                        ),
                        term=term.text,
                        type=str(term.type),
                    ),
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
                    message(
                        N_(
                            "term '%(term)s' (%(lang)s) is the %(source)s term, untranslated; "
                            "translate it, or say in a note why the original is kept"
                        ),
                        term=term.text,
                        lang=lang,
                        source=source,
                    ),
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
                    message(
                        N_("definition.%(lang)s is the %(source)s definition, untranslated"),
                        lang=lang,
                        source=source,
                    ),
                    concept,
                    lang,
                )


def _concepts(glossary: Glossary) -> Iterator[Concept]:
    return (c for c in glossary.concepts if c.kind is Kind.CONCEPT)


# Deprecated terms in definitions -------------------------------------------------------------


def check_deprecated_in_definitions(glossary: Glossary) -> Iterator[Finding]:
    """A definition uses a deprecated term (of any concept) instead of the preferred one.

    Terms are found as `termbase.occurrences` finds them: in their normal form, Russian ones
    in any inflected form, the longest first (`diffuser` inside a longer admitted term is not a
    use of `diffuser`).
    """
    for lang in glossary.languages:
        if not any(
            t.status is Status.DEPRECATED for c in glossary.concepts for t in c.terms_in(lang)
        ):
            continue
        index = TermIndex(glossary, lang)
        for concept in glossary.concepts:
            if lang not in concept.definitions:
                continue
            for term, owner in _deprecated_uses(index, concept.definitions[lang]):
                preferred = owner.preferred(lang)
                advice = message(N_("; use '%(term)s'"), term=preferred.text) if preferred else ""
                yield finding(
                    concept.places.get(f"definition.{lang}", concept.location),
                    Severity.WARNING,
                    "deprecated-in-definition",
                    message(
                        N_(
                            "definition.%(lang)s uses '%(term)s', a deprecated term of "
                            "'%(concept)s'%(advice)s"
                        ),
                        lang=lang,
                        term=term.text,
                        concept=owner.id,
                        advice=advice,
                    ),
                    concept,
                    lang,
                )


def _deprecated_uses(index: TermIndex, text: str) -> Iterator[tuple[Term, Concept]]:
    """The deprecated terms a text uses, each once."""
    seen = set()
    for hit in index.find(text):
        if hit.term.status is Status.DEPRECATED and id(hit.term) not in seen:
            seen.add(id(hit.term))
            yield hit.term, hit.concept
