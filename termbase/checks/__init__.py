"""Terminology QA over a loaded glossary: small `check_*` functions gathered by `check()`.

The checks translators' QA tools run (Xbench, memoQ, Verifika), at concept level and across
the glossary's languages, one module per theme:
- `completeness`: a preferred term and a definition in every language;
- `duplicates`: one term in two concepts, likely duplicate concepts, inconsistent translations;
- `characters`: stray spaces, invisible characters, mixed scripts, Chinese characters and
  punctuation, characters no installed font can draw;
- `usage`: capitals, abbreviations, untranslated terms, deprecated terms in definitions;
- `russian`: agreement of adjective + noun terms;
- `definitions`: circular definitions, Chinese definitions without 。, a note that says to avoid
  a term its status admits;
- `spelling`: English spelt -ize throughout;
- `evidence`: a preferred term used less in the corpus than a variant, or not at all.

Errors are defects a reader or a CAT tool would trip over (`check` exits 1); warnings need a
person's judgement; info marks what is known and deliberate (the form findings of a deprecated
term whose note explains it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from termbase.checks.characters import (
    check_chinese_characters,
    check_chinese_punctuation,
    check_glyphs,
    check_invisible,
    check_mixed_scripts,
    check_spaces,
)
from termbase.checks.completeness import check_languages
from termbase.checks.definitions import (
    check_chinese_full_stop,
    check_circular_definitions,
    check_status_against_note,
)
from termbase.checks.duplicates import check_duplicates
from termbase.checks.evidence import check_evidence
from termbase.checks.russian import check_agreement
from termbase.checks.spelling import check_ize_spelling
from termbase.checks.usage import (
    check_abbreviation_type,
    check_capitalisation,
    check_deprecated_in_definitions,
    check_untranslated,
)
from termbase.findings import Finding
from termbase.model import Glossary
from termbase.parallel import fork_map

Check = Callable[[Glossary], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    check_languages,
    check_duplicates,
    check_spaces,
    check_invisible,
    check_mixed_scripts,
    check_chinese_characters,
    check_chinese_punctuation,
    check_glyphs,
    check_capitalisation,
    check_abbreviation_type,
    check_deprecated_in_definitions,
    check_untranslated,
    check_agreement,
    check_circular_definitions,
    check_chinese_full_stop,
    check_status_against_note,
    check_ize_spelling,
    check_evidence,
)


PARALLEL_FROM = 2000
"""The number of concepts from which the checks run on all cores (below, forking costs more than
it saves: the shipped glossary is checked in a quarter of a second)."""


def check(glossary: Glossary) -> list[Finding]:
    """Every finding of every check, sorted by place."""
    if len(glossary.concepts) < PARALLEL_FROM:
        return sorted(finding for rule in CHECKS for finding in rule(glossary))
    found = fork_map(lambda rule: list(rule(glossary)), CHECKS)
    return sorted(finding for findings in found for finding in findings)
