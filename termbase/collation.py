"""Dictionary order per language: sort keys for indexes.

Each key compares the letters first, then the marks, then case and spelling, as the Unicode
collation algorithm and CLDR's tailorings do (there is no ICU here, so the rules are written out
and tested in tests/test_collation.py):

- English and other Latin-script languages: case-insensitive, accents ignored at first.
- German: the same, which is how German dictionaries file words: ä as a, ö as o, ü as u, ß as
  ss, the plain letter first in a tie (Apfel, Äpfel).
- Russian: alphabetical, with ё sorted as е (as in dictionaries), ties broken е before ё.
- Chinese: by pinyin syllable, then tone, then code point, character by character
  (as in the Xiandai Hanyu Cidian); Latin letters and digits take their place in the alphabet.
- Arabic: in the order of the alphabet (ا ب ت ث ... ه و ي, Unicode's order of the letters), the
  vowel marks, hamza and madda ignored at first (أ إ آ as ا), ة as ت and ى as ي, tatweel ignored;
  the definite article counts, as in CLDR.
- Japanese: by reading (the term's `reading`, or the term itself when it is in kana), in gojūon
  order: katakana as hiragana, voiced and small kana as their plain ones at first (か before が,
  つ before っ), the prolonged sound mark as the vowel before it (カード as かあど). A term in
  kanji without a reading follows the kana, by code point.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable

from termbase.languages import (
    is_chinese,
    is_han,
    is_japanese,
    is_kana,
    is_russian,
    primary,
    without_marks,
)
from termbase.model import Concept, Term
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


_ARABIC_LETTERS = str.maketrans({"ة": "ت", "ى": "ي", "ـ": None})
"""Teh marbuta sorts as teh, alef maksura as yeh; tatweel (a stretch of the line) not at all."""


def arabic_key(text: str) -> SortKey:
    normalized = unicodedata.normalize("NFC", text)
    letters = without_marks(normalized).translate(_ARABIC_LETTERS)
    # In a tie the plain letter first: ت before ة, ي before ى.
    spelled = normalized.replace("ـ", "").replace("ة", "ت\uffff").replace("ى", "ي\uffff")
    return (letters.casefold(), spelled, text)


_KATAKANA = range(0x30A1, 0x30F7)
_SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_VOICING = "\u3099\u309a"
"""The combining (han)dakuten that NFD splits from が, ぱ."""
_PROLONGED = "ー"
_GOJUON = (
    "あいうえお かきくけこ さしすせそ たちつてと なにぬねの "
    "はひふへほ まみむめも や_ゆ_よ らりるれろ わゐ_ゑを"
)
"""The gojūon table by rows (_ where a row has no kana)."""
_VOWELS = {
    kana: vowel
    for row in _GOJUON.split()
    for kana, vowel in zip(row, "あいうえお", strict=True)
    if kana != "_"
}
"""The vowel each plain kana ends in: what the prolonged sound mark repeats (カード: かあど)."""


def _spelled_out(plain: str) -> str:
    """Kana without voicing marks, small kana as large, the prolonged sound mark as the vowel
    before it: the first level of Japanese dictionary order."""
    letters: list[str] = []
    for char in plain.translate(_SMALL_KANA):
        if char == _PROLONGED:
            char = _VOWELS.get(letters[-1], "") if letters else ""
        letters.append(char)
    return "".join(letters)


def kana(text: str) -> str:
    """Katakana as hiragana (フライパン → ふらいぱん), everything else as it is."""
    return "".join(chr(ord(c) - 0x60) if ord(c) in _KATAKANA else c for c in text)


def japanese_key(text: str, reading: str | None = None) -> SortKey:
    spoken = reading or (text if is_kana(text) else None)
    if spoken is None:
        return (1, text)  # kanji without a reading: after the kana, by code point
    hiragana = unicodedata.normalize("NFD", kana(spoken))
    plain = "".join(c for c in hiragana if c not in _VOICING)
    return (0, _spelled_out(plain), plain, hiragana, spoken, text)


_KEYS: dict[str, Callable[[str], SortKey]] = {
    "en": english_key,
    "de": english_key,
    "ru": russian_key,
    "zh": chinese_key,
    "ar": arabic_key,
    "fa": arabic_key,
    "ur": arabic_key,
}


def sort_key(text: str, lang: str, reading: str | None = None) -> SortKey:
    """The dictionary-order key of `text` in language `lang` (a BCP 47 tag such as `zh-Hans`);
    `reading`: how a Japanese term is read, which orders it."""
    if is_japanese(lang):
        return japanese_key(text, reading)
    return _KEYS.get(primary(lang), english_key)(text)


def term_key(term: Term) -> SortKey:
    """A term's place in the dictionary order of its language (by its reading, if it has one)."""
    return sort_key(term.text, term.lang, term.reading)


def concept_key(concept: Concept, lang: str) -> SortKey:
    """A concept's place in dictionary order of `lang`: by its preferred term there; concepts
    without one come last, by id."""
    term = concept.preferred(lang)
    return (term is None, term_key(term) if term else (), concept.id)


def in_dictionary_order(concepts: Iterable[Concept], lang: str) -> list[Concept]:
    """Concepts in dictionary order of their preferred terms in `lang`."""
    return sorted(concepts, key=lambda concept: concept_key(concept, lang))


def ranks(concepts: Iterable[Concept], lang: str) -> dict[str, int]:
    """Each concept's place in dictionary order of `lang`, by id (to sort many lists quickly)."""
    return {c.id: place for place, c in enumerate(in_dictionary_order(concepts, lang))}


_GOJUON_ROWS = "あかさたなはまやらわ"
"""The first kana of each row of the gojūon table: a Japanese index's headings."""


def index_letter(text: str, lang: str, reading: str | None = None) -> str:
    """The letter an index files a term under: its first letter, for Chinese the first letter of
    its pinyin, for Japanese the row of the gojūon table its reading starts in (ほうちょう under
    は), `#` for a digit or a sign (or a Japanese term in kanji without a reading). In Russian й
    is a letter of its own, ё is filed under е; in Arabic أ إ آ are filed under ا.
    """
    if is_japanese(lang):
        return _gojuon_row(reading or text)
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


def _gojuon_row(spoken: str) -> str:
    first = unicodedata.normalize("NFD", kana(spoken[:1]))[:1].translate(_SMALL_KANA)
    if not is_kana(first) or not "ぁ" <= first <= "ゖ":
        return "#"
    return _GOJUON_ROWS[bisect_right(_GOJUON_ROWS, first) - 1]
