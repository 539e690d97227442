"""What a definition and a term's note must not say: a definition that uses the term it
defines (circular), a Chinese definition that is not a sentence ending in 。, and a note that
says to avoid a term whose status admits it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termbase.checks.base import finding
from termbase.findings import Finding, Severity, message
from termbase.i18n import N_
from termbase.labels import STATUSES
from termbase.languages import is_chinese, is_russian, primary
from termbase.model import Concept, Glossary, Kind, Status
from termbase.morphology import lemma
from termbase.occurrences import TermIndex, tokens

_SUPPLEMENT = re.compile("[;；]")


def check_circular_definitions(glossary: Glossary) -> Iterator[Finding]:
    """A definition proper (what comes before a semicolon: the broader concept and what sets
    this one apart; what follows adds facts) uses one of the concept's own terms. A term inside
    a longer term of another concept is no use of it ("large language model" in the definition
    of language model). Instances are left out: a name is defined by its maker, which may
    bear it too (Midjourney), and by its versions (VGG-16)."""
    for lang in glossary.languages:
        index: TermIndex | None = None  # made only when a definition may use its own term
        for concept in glossary.concepts:
            definition = concept.definitions.get(lang)
            if definition is None or concept.kind is Kind.INSTANCE:
                continue
            proper = _SUPPLEMENT.split(definition, maxsplit=1)[0]
            if not _may_use_own_term(concept, proper, lang):
                continue
            index = index or TermIndex(glossary, lang)
            own = [
                hit
                for hit in index.find(proper)
                if hit.concept.id == concept.id and hit.term.status is not Status.DEPRECATED
            ]
            if own:
                yield finding(
                    concept.places.get(f"definition.{lang}", concept.location),
                    Severity.WARNING,
                    "circular-definition",
                    message(
                        N_(
                            "definition.%(lang)s uses the term it defines, '%(term)s'; define "
                            "it by a broader concept and what sets it apart"
                        ),
                        lang=lang,
                        term=own[0].text,
                    ),
                    concept,
                    lang,
                )


def _may_use_own_term(concept: Concept, prose: str, lang: str) -> bool:
    """Whether every word of one of the concept's terms is among the text's words (by
    dictionary form in Russian): a quick test before the index, which is slow to make."""

    def words(of: str) -> set[str]:
        keys = tokens(of, lang)
        return {lemma(key) for key in keys} if is_russian(lang) else set(keys)

    in_prose = words(prose)
    return any(words(term.text) <= in_prose for term in concept.terms_in(lang))


def check_chinese_full_stop(glossary: Glossary) -> Iterator[Finding]:
    """A Chinese definition is a sentence: it ends in 。."""
    for concept in glossary.concepts:
        for lang, definition in concept.definitions.items():
            if is_chinese(lang) and not definition.rstrip().endswith("。"):
                yield finding(
                    concept.places.get(f"definition.{lang}", concept.location),
                    Severity.WARNING,
                    "chinese-full-stop",
                    message(N_("definition.%(lang)s does not end in '。'"), lang=lang),
                    concept,
                    lang,
                )


AVOID = {
    "en": r"\b(avoid|do not use|don't use|not recommended|unofficial|not an official|incorrect|"
    r"wrong|garbled|obsolete|misleading)\b",
    "ru": r"(избега|не используй|не рекомендуется|не следует|неофициальн|ошибочн|неверн|"
    r"неправильн|устаревш)",
    "zh": r"(避免|不建议|不推荐|不宜|非官方|错误|误用|过时)",
}
"""What a note says of a term that should not be used, per language."""
_AVOID = {lang: re.compile(pattern, re.IGNORECASE) for lang, pattern in AVOID.items()}


def check_status_against_note(glossary: Glossary) -> Iterator[Finding]:
    """A preferred or admitted term whose note says to avoid it, or calls it unofficial or
    wrong: the status and the note contradict each other (deprecate the term, or reword)."""
    for concept in glossary.concepts:
        for term in concept.terms:
            pattern = _AVOID.get(primary(term.lang))
            if term.status is Status.DEPRECATED or not term.note or pattern is None:
                continue
            if match := pattern.search(term.note):
                yield finding(
                    term.location,
                    Severity.WARNING,
                    "status-contradicts-note",
                    message(
                        N_(
                            "term '%(term)s' is %(status)s, but its note says «%(words)s»; "
                            "deprecate the term, or reword the note"
                        ),
                        term=term.text,
                        status=message(STATUSES[term.status]),
                        words=match[0],
                    ),
                    concept,
                    term.lang,
                )
