"""The data behind the HTML search: normalised keys of every term and definition, per concept.

The site's script normalises what the user types with the same steps as `search_key` (the tests
compare the two in Chromium), so matching is plain substring search on precomputed keys.
It is written as a script that assigns a global, because pages opened from `file://` may load
scripts but may not fetch JSON.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import PurePosixPath

from termbase.collation import ranks
from termbase.languages import SEPARATORS, is_russian, without_marks
from termbase.model import Concept, Glossary, Status, TermType
from termbase.morphology import inflection_stem
from termbase.pinyin import initials, pinyin_of

PATH = PurePosixPath("assets/search-data.js")
GLOBAL = "TERMBASE_SEARCH"
_KEEP_MARK = "\u0308"  # the diaeresis of pinyin ü, kept until the ü/v spellings are made
_SHORT_I = "й"
_PLACEHOLDER = "\ue000"
STATUS_CODES = {Status.PREFERRED: "p", Status.ADMITTED: "a", Status.DEPRECATED: "d"}
TYPE_CODES = {
    TermType.FULL_FORM: "f",
    TermType.ABBREVIATION: "b",
    TermType.ACRONYM: "c",
    TermType.VARIANT: "v",
}


def search_key(text: str) -> str:
    """The form in which texts are compared: lower case, ё as е, no accents or tones,
    punctuation as single spaces (`Dà-yǔ  Yán` → `da yu yan`); й stays й."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    if not text.isascii():
        text = without_marks(text.replace(_SHORT_I, _PLACEHOLDER)).replace(_PLACEHOLDER, _SHORT_I)
    return " ".join(text.translate(SEPARATORS).split())


def pinyin_keys(pinyin: str) -> list[str]:
    """Toneless keys of a pinyin reading, ü typed as u and as v (the script also compares
    them without spaces, so `dayuyan` finds `da yu yan`)."""
    toneless = without_marks(pinyin.lower(), keep=_KEEP_MARK)
    return sorted({search_key(toneless.replace("ü", "u")), search_key(toneless.replace("ü", "v"))})


def stems(key: str) -> str:
    """A Russian term's key with each word cut to the stem all its inflected forms share
    («тонкая настройка» → «тонк настройк»), for the script to find «тонкой настройки»; a word
    whose forms share little (an alternating stem) stays whole."""
    return " ".join(inflection_stem(word) if word.isalpha() else word for word in key.split(" "))


def entry(concept: Concept, languages: tuple[str, ...], ranks: list[int]) -> list[object]:
    """One concept as `[id, terms, definitions key, ranks, stems]`.

    terms: `[language index, status code, type code, text, key]`, and for terms in Chinese
    characters also the reading with tone marks, its keys, and the initials of its syllables
    (the script says which of these a query matched). ranks: the concept's place in dictionary
    order of each language, to order equally good matches. stems: `[term index, stems key]` of
    its Russian terms, which the script matches against inflected words (`stems`).
    """
    terms: list[list[object]] = []
    for term in concept.terms:
        item: list[object] = [
            languages.index(term.lang),
            STATUS_CODES[term.status],
            TYPE_CODES[term.type],
            term.text,
            search_key(term.text),
        ]
        if pinyin := pinyin_of(term):
            item += [pinyin, pinyin_keys(pinyin), initials(term)]
        terms.append(item)
    definitions = "\n".join(search_key(concept.definitions[lang]) for lang in concept.definitions)
    cut = [
        [index, stems(str(item[4]))]
        for index, (term, item) in enumerate(zip(concept.terms, terms, strict=True))
        if is_russian(term.lang) and not term.text.isupper()
    ]
    return [concept.id, terms, definitions, ranks, cut]


def script(glossary: Glossary, orders: dict[str, dict[str, int]] | None = None) -> bytes:
    """The search data as a script: `window.TERMBASE_SEARCH = {...};`."""
    orders = orders or {lang: ranks(glossary.concepts, lang) for lang in glossary.languages}
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
