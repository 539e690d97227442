"""The index of one language, as the HTML site's term list and the PDF reference show it: every
term of the language (preferred, admitted, deprecated) in its dictionary order, each once per
concept, filed under its initial letter (for Chinese, the letter of its pinyin)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from termbase.collation import index_letter, term_key
from termbase.languages import PINYIN, is_chinese
from termbase.model import Glossary
from termbase.render.common.views import TermView


@dataclass(frozen=True, slots=True)
class IndexEntry:
    term: TermView
    concept_id: str
    """The concept the term names."""


@dataclass(frozen=True, slots=True)
class IndexLetter:
    letter: str
    lang: str
    """The letter's language: pinyin for a Chinese index."""
    entries: tuple[IndexEntry, ...]


def index_letters(
    glossary: Glossary, lang: str, shown: frozenset[str] | None = None
) -> tuple[IndexLetter, ...]:
    """The index of `lang`, of the concepts in `shown` when given (a volume of the reference)."""
    entries = {
        (term.text, concept.id): IndexEntry(TermView.of(term), concept.id)
        for concept in glossary.concepts
        if shown is None or concept.id in shown
        for term in concept.terms_in(lang)
    }
    ordered = sorted(entries.values(), key=lambda e: (term_key(e.term.term), e.concept_id))
    letter_lang = PINYIN if is_chinese(lang) else lang
    return tuple(
        IndexLetter(letter, letter_lang, tuple(group))
        for letter, group in groupby(
            ordered, key=lambda e: index_letter(e.term.text, lang, e.term.term.reading)
        )
    )
