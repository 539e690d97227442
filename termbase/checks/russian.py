"""Russian terms: agreement of adjectives with their noun (readings from `termbase.morphology`).

An adjective (or participle) before a noun agrees with it in number and case, and in gender in
the singular: «фундаментальная модель», not «фундаментальные модель». pymorphy3 reads each word
in every way it can; a pair is reported only when no reading of the two agrees. When a word is
not in pymorphy3's dictionary its reading is a guess, so the finding is a warning, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from termbase.checks.base import finding, form_note, form_severity
from termbase.findings import Finding, Severity, message
from termbase.i18n import N_
from termbase.languages import is_russian
from termbase.model import Glossary
from termbase.morphology import known, parses

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)
_ADJECTIVE = {"ADJF", "PRTF"}
_CASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}
_COMMON_GENDER = "Ms-f"


def check_agreement(glossary: Glossary) -> Iterator[Finding]:
    """Adjective + noun terms in Russian agree in gender, number and case."""
    for concept in glossary.concepts:
        for term in concept.terms:
            if not is_russian(term.lang):
                continue
            words = _CYRILLIC_WORD.findall(term.text)
            for adjective, noun in disagreements(words):
                severity = Severity.ERROR if known(adjective) and known(noun) else Severity.WARNING
                yield finding(
                    term.location,
                    form_severity(term, severity),
                    "agreement",
                    message(
                        N_(
                            "term '%(term)s': «%(adjective)s» does not agree with «%(noun)s» "
                            "in gender, number or case%(documented)s"
                        ),
                        term=term.text,
                        adjective=adjective,
                        noun=noun,
                        documented=form_note(term),
                    ),
                    concept,
                    term.lang,
                )


def disagreements(words: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(adjective, noun) pairs that cannot agree, in a run of adjectives before a noun."""
    for index, word in enumerate(words):
        adjectives = [] if word.isupper() else [p for p in parses(word) if p.tag.POS in _ADJECTIVE]
        if not adjectives:
            continue
        heads = list(_heads(words[index + 1 :]))
        if heads and not any(_agree(a, n) for a in adjectives for _, n in heads):
            yield word, heads[0][0]


def _heads(following: Sequence[str]) -> Iterator[tuple[str, Parse]]:
    """Noun readings of the words an adjective may qualify: up to the first noun-only word."""
    for word in following:
        if word.isupper():  # an abbreviation (ИИ, БЯМ): its gender is its full form's, unknown here
            return
        readings = parses(word)
        yield from ((word, p) for p in readings if p.tag.POS == "NOUN")
        if not any(p.tag.POS in _ADJECTIVE for p in readings):
            return


def _agree(adjective: Parse, noun: Parse) -> bool:
    a, n = adjective.tag, noun.tag
    if a.number != n.number or _CASES.get(a.case, a.case) != _CASES.get(n.case, n.case):
        return False
    return a.number == "plur" or n.gender is None or _COMMON_GENDER in n or a.gender == n.gender
