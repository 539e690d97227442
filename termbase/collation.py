"""Dictionary order per language: sort keys for indexes.

- English: case-insensitive, accents ignored at first.
- Russian: alphabetical, with ё sorted as е (as in dictionaries), ties broken е before ё.
- Chinese: by pinyin syllable, then tone, then code point, character by character
  (as in the Xiandai Hanyu Cidian); Latin letters and digits take their place in the alphabet.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from termbase.languages import (
    CHINESE,
    ENGLISH,
    RUSSIAN,
    is_chinese,
    is_han,
    is_russian,
    primary,
    without_marks,
)
from termbase.model import Concept
from termbase.pinyin import syllables

SortKey = tuple[object, ...]


def _fold(text: str) -> str:
    """Case-folded, without accents or diacritics (for English and Latin letters)."""
    return without_marks(unicodedata.normalize("NFKC", text).casefold())


def english_key(text: str) -> SortKey:
    return (_fold(text), text.casefold(), text)


def russian_key(text: str) -> SortKey:
    folded = text.casefold()
    primary = folded.replace("ё", "е")
    return (primary, folded.replace("ё", "е\uffff"), text)


def chinese_key(text: str) -> SortKey:
    per_char = []
    for char, syllable in zip(text, syllables(text, tone_numbers=True), strict=True):
        if is_han(char) and syllable[-1:].isdigit():  # a rare character may have no reading
            per_char.append((syllable[:-1], int(syllable[-1]), ord(char)))
        else:
            per_char.append((_fold(char), 0, ord(char)))
    return (tuple(per_char), text)


_KEYS: dict[str, Callable[[str], SortKey]] = {
    ENGLISH: english_key,
    RUSSIAN: russian_key,
    CHINESE: chinese_key,
}


def sort_key(text: str, lang: str) -> SortKey:
    """The dictionary-order key of `text` in language `lang` (a BCP 47 tag such as `zh-Hans`)."""
    return _KEYS.get(primary(lang), english_key)(text)


def concept_key(concept: Concept, lang: str) -> SortKey:
    """A concept's place in dictionary order of `lang`: by its preferred term there; concepts
    without one come last, by id."""
    term = concept.preferred(lang)
    return (term is None, sort_key(term.text, lang) if term else (), concept.id)


def in_dictionary_order(concepts: Iterable[Concept], lang: str) -> list[Concept]:
    """Concepts in dictionary order of their preferred terms in `lang`."""
    return sorted(concepts, key=lambda concept: concept_key(concept, lang))


def ranks(concepts: Iterable[Concept], lang: str) -> dict[str, int]:
    """Each concept's place in dictionary order of `lang`, by id (to sort many lists quickly)."""
    return {c.id: place for place, c in enumerate(in_dictionary_order(concepts, lang))}


def index_letter(text: str, lang: str) -> str:
    """The letter an index files a term under: its first letter, for Chinese the first letter of
    its pinyin, `#` for a digit or a sign. In Russian й is a letter of its own, ё is filed under е.
    """
    first = text[:1]
    if is_chinese(lang) and is_han(first):
        first = syllables(text, tone_numbers=True)[0][:1]
        if not first.isascii():  # a character pypinyin has no reading for
            return "#"
    if is_russian(lang):
        letter = first.upper().replace("Ё", "Е")
    else:
        letter = unicodedata.normalize("NFKD", first.upper())[:1]
    return letter if letter.isalpha() else "#"
