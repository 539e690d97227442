"""The data behind the HTML search: normalised keys of every term and definition, per concept.

The site's script normalises what the user types with the same steps as `search_key` (the tests
compare the two in Chromium), so matching is plain substring search on precomputed keys.
It is written as a script that assigns a global, because pages opened from `file://` may load
scripts but may not fetch JSON.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import PurePosixPath

from termbase.collation import sort_key
from termbase.model import Concept, Glossary, Status
from termbase.pinyin import is_han, reading

PATH = PurePosixPath("assets/search-data.js")
GLOBAL = "TERMBASE_SEARCH"
_KEEP_MARK = "\u0308"  # the diaeresis of pinyin ü, kept until the ü/v spellings are made
_SHORT_I = "й"
_PLACEHOLDER = "\ue000"
STATUS_CODES = {Status.PREFERRED: "p", Status.ADMITTED: "a", Status.DEPRECATED: "d"}


def search_key(text: str) -> str:
    """The form in which texts are compared: lower case, ё as е, no accents or tones,
    punctuation as single spaces (`Dà-yǔ  Yán` → `da yu yan`); й stays й."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    if not text.isascii():
        text = _strip_marks(text.replace(_SHORT_I, _PLACEHOLDER)).replace(_PLACEHOLDER, _SHORT_I)
    return " ".join(text.translate(_SEPARATORS).split())


class _CharacterTable(dict[int, object]):
    """A `str.translate` table filled on first sight of each character (C-speed afterwards)."""

    def __init__(self, rule: Callable[[str], object]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> object:
        self[code] = value = self.rule(chr(code))
        return value


_SEPARATORS = _CharacterTable(lambda c: c if unicodedata.category(c)[0] in "LN" else " ")
"""Letters and digits stay, everything else is a separator."""
_MARKS = _CharacterTable(lambda c: None if unicodedata.category(c)[0] == "M" else c)
"""Combining marks (accents, tones) go (None deletes), everything else stays."""
_MARKS_BUT_DIAERESIS = _CharacterTable(
    lambda c: None if unicodedata.category(c)[0] == "M" and c != _KEEP_MARK else c
)


def _strip_marks(text: str, *, keep_diaeresis: bool = False) -> str:
    table = _MARKS_BUT_DIAERESIS if keep_diaeresis else _MARKS
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(table))


def pinyin_keys(pinyin: str) -> list[str]:
    """Toneless keys of a pinyin reading, ü typed as u and as v (the script also compares
    them without spaces, so `dayuyan` finds `da yu yan`)."""
    toneless = _strip_marks(pinyin.lower(), keep_diaeresis=True)
    return sorted({search_key(toneless.replace("ü", "u")), search_key(toneless.replace("ü", "v"))})


def entry(concept: Concept, languages: tuple[str, ...], ranks: list[int]) -> list[object]:
    """One concept as `[id, terms, definitions key, ranks]`.

    terms: `[language index, status code, text, key]`, and for terms in Chinese characters also
    the reading with tone marks and the pinyin keys. ranks: the concept's place in dictionary
    order of each language, to order equally good matches.
    """
    terms: list[list[object]] = []
    for term in concept.terms:
        item: list[object] = [
            languages.index(term.lang),
            STATUS_CODES[term.status],
            term.text,
            search_key(term.text),
        ]
        if any(is_han(char) for char in term.text):
            item += [reading(term), pinyin_keys(reading(term))]
        terms.append(item)
    definitions = "\n".join(search_key(concept.definitions[lang]) for lang in concept.definitions)
    return [concept.id, terms, definitions, ranks]


def dictionary_orders(glossary: Glossary) -> dict[str, dict[str, int]]:
    """Per language, each concept's place in dictionary order of its preferred term there
    (concepts without one last, by id)."""
    orders: dict[str, dict[str, int]] = {}
    for lang in glossary.languages:
        ordered = sorted(glossary.concepts, key=lambda c: _order_key(c, lang))
        orders[lang] = {concept.id: place for place, concept in enumerate(ordered)}
    return orders


def _order_key(concept: Concept, lang: str) -> tuple[object, ...]:
    term = concept.preferred(lang)
    return (term is None, sort_key(term.text, lang) if term else (), concept.id)


def script(glossary: Glossary, orders: dict[str, dict[str, int]] | None = None) -> bytes:
    """The search data as a script: `window.TERMBASE_SEARCH = {...};`."""
    orders = orders or dictionary_orders(glossary)
    languages = glossary.languages
    data = {
        "languages": list(languages),
        "concepts": [
            entry(c, languages, [orders[lang][c.id] for lang in languages])
            for c in glossary.concepts
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={text};\n".encode()
