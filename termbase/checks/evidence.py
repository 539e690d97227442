"""Evidence of use: what the usage corpus says of each language's preferred term, beside its
admitted and deprecated variants (the counts `attest` wrote into evidence/).

A preferred term that nobody uses while a variant is used, or used far less than a variant, is
a choice against usage; a preferred term used nowhere is the glossary's own. Each may be
right, and the preferred term's `note` is where the glossary says why: with a note, the first
two are reported as info, and the third not at all. A glossary without evidence (no corpus)
gets none of these findings; a concept or a term newer than its evidence is reported, so that
`attest` is run again.
"""

from __future__ import annotations

from collections.abc import Iterator

from termbase.checks.base import finding
from termbase.findings import Finding, Message, Severity, message
from termbase.i18n import N_
from termbase.model import Concept, Glossary, Kind, Status, Term
from termbase.normalize import compact_form

FAR_MORE = 3
"""A variant used this many times as often as the preferred term (or more) is used far more."""
AT_LEAST = 10
"""The fewest uses of a variant that can outweigh the preferred term (fewer prove nothing)."""


def check_evidence(glossary: Glossary) -> Iterator[Finding]:
    if not any(t.evidence is not None for c in glossary.concepts for t in c.terms):
        return
    counted = {t.lang for c in glossary.concepts for t in c.terms if t.evidence is not None}
    for concept in glossary.concepts:
        if not any(t.evidence is not None for t in concept.terms):
            yield finding(
                concept.location,
                Severity.WARNING,
                "evidence-missing",
                message(N_("no evidence of use for this concept yet; run attest")),
                concept,
            )
            continue
        for lang in glossary.languages:
            if lang in counted:
                yield from _language(glossary, concept, lang)


def _language(glossary: Glossary, concept: Concept, lang: str) -> Iterator[Finding]:
    terms = concept.terms_in(lang)
    for term in terms:
        if term.evidence is None:
            yield finding(
                term.location,
                Severity.WARNING,
                "evidence-missing",
                message(
                    N_("term '%(term)s' is newer than its evidence of use; run attest"),
                    term=term.text,
                ),
                concept,
                lang,
            )
    preferred = concept.preferred(lang)
    if preferred is None or preferred.evidence is None:
        return
    uses = preferred.evidence.occurrences
    rival = max(
        (t for t in terms if t is not preferred and t.evidence is not None),
        key=_uses,
        default=None,
    )
    severity = Severity.INFO if preferred.note else Severity.WARNING
    if rival is not None and not uses and _uses(rival):
        yield _against_usage(
            concept,
            preferred,
            severity,
            "preferred-unused",
            message(
                N_(
                    "term '%(term)s' (preferred) is not used in the corpus, while "
                    "'%(variant)s' (%(status)s) is (count: %(uses)s)"
                ),
                term=preferred.text,
                variant=rival.text,
                status=_status(rival),
                uses=str(_uses(rival)),
            ),
        )
    elif rival is not None and _uses(rival) >= max(AT_LEAST, FAR_MORE * uses) and uses:
        yield _against_usage(
            concept,
            preferred,
            severity,
            "variant-more-used",
            message(
                N_(
                    "'%(variant)s' (%(status)s) is used far more in the corpus than the "
                    "preferred '%(term)s' (%(uses)s against %(preferred_uses)s)"
                ),
                variant=rival.text,
                status=_status(rival),
                uses=str(_uses(rival)),
                term=preferred.text,
                preferred_uses=str(uses),
            ),
        )
    elif not uses and not preferred.note and not _kept_as_written(glossary, concept, preferred):
        yield finding(
            preferred.location,
            Severity.WARNING,
            "no-evidence",
            message(
                N_(
                    "term '%(term)s' (preferred) is not used in the corpus; if it is the "
                    "glossary's own choice, say why in its note"
                ),
                term=preferred.text,
            ),
            concept,
            lang,
        )


def _against_usage(
    concept: Concept, preferred: Term, severity: Severity, code: str, found: Message
) -> Finding:
    """A finding that the preferred term goes against usage, with what its note changes."""
    if preferred.note:
        found = message(N_("%(finding)s (its note says why)"), finding=found)
    return finding(preferred.location, severity, code, found, concept, preferred.lang)


def _uses(term: Term) -> int:
    return term.evidence.occurrences if term.evidence else 0


def _status(term: Term) -> Message:
    return message(N_("admitted") if term.status is Status.ADMITTED else N_("deprecated"))


def _kept_as_written(glossary: Glossary, concept: Concept, term: Term) -> bool:
    """An instance's name written as in the first language (`GPT-4` in Russian): a name,
    not a rendering the glossary chose."""
    original = concept.preferred(glossary.languages[0])
    return (
        concept.kind is Kind.INSTANCE
        and original is not None
        and compact_form(original.text, "und") == compact_form(term.text, "und")
    )
