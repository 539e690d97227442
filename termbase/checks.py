"""Terminology QA over a loaded glossary: small `check_*` functions gathered by `check()`."""

from __future__ import annotations

from collections.abc import Iterator

from termbase.findings import Finding, Severity
from termbase.model import Glossary


def check(glossary: Glossary) -> list[Finding]:
    """Every finding of every check, sorted by place."""
    return sorted(finding for rule in CHECKS for finding in rule(glossary))


def check_languages(glossary: Glossary) -> Iterator[Finding]:
    """Each concept has a preferred term and a definition in every glossary language."""
    for concept in glossary.concepts:
        for lang in glossary.languages:
            if concept.preferred(lang) is None:
                yield Finding(
                    concept.location,
                    Severity.ERROR,
                    "missing-language",
                    f"no term in '{lang}'",
                    concept.id,
                )
            if lang not in concept.definitions:
                yield Finding(
                    concept.location,
                    Severity.ERROR,
                    "missing-definition",
                    f"no definition in '{lang}'",
                    concept.id,
                )


CHECKS = (check_languages,)
