"""Every concept is complete: a preferred term and a definition in every glossary language.

(A language with terms but none preferred is already refused by the loader.)
"""

from __future__ import annotations

from collections.abc import Iterator

from termbase.checks.base import finding
from termbase.findings import MISSING_DEFINITION, MISSING_LANGUAGE, Finding, Severity, message
from termbase.i18n import N_
from termbase.model import Glossary


def check_languages(glossary: Glossary) -> Iterator[Finding]:
    """Each concept has a preferred term and a definition in every glossary language."""
    for concept in glossary.concepts:
        for lang in glossary.languages:
            if concept.preferred(lang) is None:
                yield finding(
                    concept.places.get("terms", concept.location),
                    Severity.ERROR,
                    MISSING_LANGUAGE,
                    message(N_("no term in '%(lang)s'"), lang=lang),
                    concept,
                    lang,
                )
            if lang not in concept.definitions:
                yield finding(
                    concept.places.get("definition", concept.location),
                    Severity.ERROR,
                    MISSING_DEFINITION,
                    message(N_("no definition in '%(lang)s'"), lang=lang),
                    concept,
                    lang,
                )
