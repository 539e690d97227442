"""One term, one concept: terms that differ only in case, hyphens, spaces, ё/е or number.

The loader already refuses two concepts with the very same term; these checks catch the
spellings it cannot see (`fine-tuning` / `fine tuning`, `model` / `models`), and say which of
three problems a pair of concepts has, most specific first:
- `duplicate-concept`: their preferred terms are one term — likely one concept entered twice;
- `inconsistent-translation`: they share a source-language term but translate it differently;
- `term-in-two-concepts`: they share some other term.
Terms marked `homonym: true` in both concepts are deliberate and not reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from termbase.checks.base import finding
from termbase.findings import Finding, Message, Severity, joined, message
from termbase.i18n import N_
from termbase.model import Concept, Glossary, Status, Term
from termbase.normalize import compact_form

Shared = tuple[str, Term, Term]
"""A language, and the two concepts' terms that are one term in it."""


def check_duplicates(glossary: Glossary) -> Iterator[Finding]:
    """One finding per pair of concepts that share a term (in its normal form)."""
    for (first, second), shared in sorted(_shared_terms(glossary).items()):
        yield _pair_finding(glossary, glossary.concept(first), glossary.concept(second), shared)


def _shared_terms(glossary: Glossary) -> dict[tuple[str, str], list[Shared]]:
    claims: dict[tuple[str, str], list[tuple[Concept, Term]]] = defaultdict(list)
    for concept in glossary.concepts:  # sorted by id, so pairs come out (first, second)
        for term in concept.terms:
            claims[term.lang, compact_form(term.text, term.lang)].append((concept, term))
    shared: dict[tuple[str, str], list[Shared]] = defaultdict(list)
    for (lang, _), owners in claims.items():
        for (first, a), (second, b) in combinations(owners, 2):
            if first.id != second.id and not (a.homonym and b.homonym):
                shared[first.id, second.id].append((lang, a, b))
    return shared


def _pair_finding(
    glossary: Glossary, first: Concept, second: Concept, shared: list[Shared]
) -> Finding:
    source = glossary.languages[0]
    preferred = [s for s in shared if s[1].status is s[2].status is Status.PREFERRED]
    if preferred:
        lang, a, b = preferred[0]
        return finding(
            b.location,
            Severity.WARNING,
            "duplicate-concept",
            message(
                N_(
                    "terms.%(lang)s: the preferred term '%(term)s' is one term with '%(other)s', "
                    "the preferred term of '%(concept)s' (%(place)s); merge the two concepts or "
                    "tell them apart"
                ),
                lang=lang,
                term=b.text,
                other=a.text,
                concept=first.id,
                place=str(a.location),
            ),
            second,
            lang,
        )
    in_source = [s for s in shared if s[0] == source]
    differences = _translations(glossary, first, second) if in_source else []
    if differences:
        _, a, b = in_source[0]
        return finding(
            b.location,
            Severity.WARNING,
            "inconsistent-translation",
            message(
                N_(
                    "terms.%(lang)s: '%(term)s' is also a term of '%(concept)s' (%(place)s), "
                    "which translates it differently: %(differences)s"
                ),
                lang=source,
                term=b.text,
                concept=first.id,
                place=str(a.location),
                differences=joined(differences),
            ),
            second,
            source,
        )
    lang, a, b = shared[0]
    return finding(
        b.location,
        Severity.WARNING,
        "term-in-two-concepts",
        message(
            N_(
                "terms.%(lang)s: '%(term)s' is one term with '%(other)s' of '%(concept)s' "
                "(%(place)s); keep it in one concept, or mark both `homonym: true`"
            ),
            lang=lang,
            term=b.text,
            other=a.text,
            concept=first.id,
            place=str(a.location),
        ),
        second,
        lang,
    )


def _translations(glossary: Glossary, first: Concept, second: Concept) -> list[Message]:
    """`ru: 'X' there, 'Y' here` for each target language whose preferred terms differ."""
    differences = []
    for lang in glossary.languages[1:]:
        there, here = first.preferred(lang), second.preferred(lang)
        if there and here and compact_form(there.text, lang) != compact_form(here.text, lang):
            differences.append(
                message(
                    N_("%(lang)s '%(there)s' there, '%(here)s' here"),
                    lang=lang,
                    there=there.text,
                    here=here.text,
                )
            )
    return differences
