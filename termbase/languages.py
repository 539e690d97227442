"""Languages and scripts: the one home of what the code knows about language tags, writing
systems, and the folding of text before two texts are compared.

- Tags: the glossary names languages by BCP 47 tags (`en`, `ru`, `zh-Hans`); rules that depend
  on the language look at its primary subtag (`primary("zh-Hans") == "zh"`), and file names,
  Anki field names and deck ids use it too (`en-ru-zh`).
- Writing: each language's script (Babel's likely subtags: `ja` → Jpan), its direction (right
  to left for Arabic, Hebrew, Persian...), the font family that sets it (`face`: Japanese kanji
  in the Japanese face, not the Chinese one), whether it capitalises nouns (German), and the
  tag of its readings (pinyin for Chinese, kana for Japanese).
- Scripts: the Han, Cyrillic and Latin ranges, as regular-expression classes and predicates.
- Folding: the steps comparisons are built from (NFKC, case, ё read as е, marks removed) and the
  English plural rules. The HTML search applies the same steps in the browser from `SEARCH_RULES`;
  tests/test_languages.py runs both on one table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import combinations

# Tags -------------------------------------------------------------------------------------------

PINYIN = "zh-Latn-pinyin"
"""The tag of a pinyin reading: Chinese written in Latin letters."""
NO_LINGUISTIC_CONTENT = "zxx"
"""The tag of text in no language: a concept id shown where a concept has no name."""


def is_known(tag: str) -> bool:
    """Whether CLDR (through Babel) knows the language of a BCP 47 tag (`de`, `zh-Hant`)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


@cache
def primary(tag: str) -> str:
    """The primary language subtag, lower case: `zh` for `zh-Hans`, `ru` for `ru-RU`."""
    return tag.split("-")[0].lower()


def is_chinese(tag: str) -> bool:
    return primary(tag) == "zh"


def is_russian(tag: str) -> bool:
    return primary(tag) == "ru"


def is_english(tag: str) -> bool:
    return primary(tag) == "en"


def is_japanese(tag: str) -> bool:
    return primary(tag) == "ja"


_CASED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn"})
"""Scripts with capital letters (not Han, kana, hangul, Arabic, Hebrew...)."""


def has_case(tag: str) -> bool:
    """Whether the language's script has capitals (not Chinese, Japanese, Korean or Arabic)."""
    return writing_script(tag) in _CASED_SCRIPTS


_LOWER_CASE_TERMS = frozenset({"en", "ru", "uk", "fr", "es", "pt", "it"})
"""Languages whose common nouns are written in lower case, so that a capital in a term is a
name, an abbreviation or a slip. German (and Luxembourgish) capitalise every noun; of languages
not listed nothing is assumed."""


def lower_case_terms(tag: str) -> bool:
    """Whether a capital letter in a term of this language needs a reason (a name)."""
    return primary(tag) in _LOWER_CASE_TERMS


# Writing ----------------------------------------------------------------------------------------


@cache
def writing_script(tag: str) -> str:
    """The script a language is written in, as CLDR's four-letter code: the one the tag names,
    else the likely one (CLDR's likely subtags, through Babel): `Arab` for `ar`, `Jpan` for
    `ja`, `Hant` for `zh-TW`, `Latn` for a tag CLDR does not know."""
    from babel.core import get_global

    if (named := script_of(tag)) is not None:
        return named
    subtags = tag.replace("_", "-").split("-")
    likely = get_global("likely_subtags")
    region = next((s.upper() for s in subtags[1:] if len(s) == 2 and s.isalpha()), None)
    found = (region and likely.get(f"{subtags[0].lower()}_{region}")) or likely.get(
        subtags[0].lower(), ""
    )
    parts = str(found).split("_")
    return parts[1] if len(parts) > 2 else "Latn"


@cache
def direction(tag: str) -> str:
    """`rtl` for a language written right to left (Arabic, Hebrew, Persian, Urdu), else `ltr`:
    the value of HTML's `dir` and CSS's `direction`."""
    from babel import Locale, UnknownLocaleError

    try:
        order = Locale.parse(tag.replace("-", "_")).character_order
    except (ValueError, UnknownLocaleError):
        order = "left-to-right"
    return "rtl" if order == "right-to-left" else "ltr"


def is_rtl(tag: str) -> bool:
    return direction(tag) == "rtl"


TEXT_FACE = "Noto Sans"
"""The family of Latin, Cyrillic and Greek text (Debian package fonts-noto-core)."""
FACES = {
    "Hans": "Noto Sans CJK SC",
    "Hant": "Noto Sans CJK TC",
    "Jpan": "Noto Sans CJK JP",
    "Kore": "Noto Sans CJK KR",
    "Arab": "Noto Sans Arabic",
    "Hebr": "Noto Sans Hebrew",
}
"""The family of each script that Noto Sans does not cover, by script code: Han characters
take a different form in each CJK face (包 in Japanese is not 包 in Chinese), so each language
gets its own."""
HAN_FACE = FACES["Hans"]
"""The family of Han characters in a text whose language has no CJK face of its own (a stray
character in an English definition)."""


def face(tag: str) -> str:
    """The font family of a language's own script: Noto Sans CJK JP for Japanese, Noto Sans
    Arabic for Arabic, Noto Sans for Latin and Cyrillic."""
    script_code = writing_script(tag)
    if script_code == "Hant" and tag.upper().endswith("-HK"):
        return "Noto Sans CJK HK"
    return FACES.get(script_code, TEXT_FACE)


def is_cjk(tag: str) -> bool:
    """Whether a language is written with Han characters (its face draws them)."""
    return face(tag).startswith("Noto Sans CJK")


KANA_READING = "ja-Hira"
"""The tag of a Japanese reading: the term in hiragana (furigana)."""


def reading_tag(tag: str) -> str | None:
    """The tag of the readings of a language's terms (pinyin, furigana), None when it has none."""
    if is_chinese(tag):
        return PINYIN
    if is_japanese(tag):
        return KANA_READING
    return None


def editions(tags: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The language sets of the decks and cheat sheets: every pair of the glossary's languages
    in its order, then all of them together (when there are more than two)."""
    pairs = tuple(combinations(tags, 2))
    return (*pairs, tuple(tags)) if len(tags) > 2 else pairs


def slug(tags: Iterable[str]) -> str:
    """Languages in a file name or an id: `en-ru-zh` for (`en`, `ru`, `zh-Hans`)."""
    return "-".join(primary(tag) for tag in tags)


_ISO_639_2 = {"eng": "en", "rus": "ru", "zho": "zh", "chi": "zh"}
"""Three-letter codes some CAT tools write (memoQ: `eng-US`, `zho-CN`)."""
_CHINESE_SCRIPTS = {
    "CN": "Hans",
    "SG": "Hans",
    "MY": "Hans",
    "TW": "Hant",
    "HK": "Hant",
    "MO": "Hant",
}
"""The script of Chinese written in a region, when a tag names the region only (`zh-TW`)."""
_DEFAULT_SCRIPTS = {"zh": "Hans"}
"""The script of a tag with neither script nor region: plain `zh` is Simplified Chinese."""
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")


def script_of(tag: str) -> str | None:
    """The script a tag names or implies: `Hans` for `zh-Hans-CN`, `zh-CN`, `zh_SG` and `zh`,
    `Hant` for `zh-TW`; None for a tag without one (`ru-RU`)."""
    subtags = tag.replace("_", "-").split("-")
    language = _ISO_639_2.get(subtags[0].lower(), subtags[0].lower())
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            return subtag.title()
    for subtag in subtags[1:]:
        if language == "zh" and subtag.upper() in _CHINESE_SCRIPTS:
            return _CHINESE_SCRIPTS[subtag.upper()]
    return _DEFAULT_SCRIPTS.get(language)


def glossary_language(tag: str, languages: Iterable[str]) -> str | None:
    """The one of `languages` (the glossary's tags) that a file's language tag names, or None.

    Regions do not matter (`ru-RU` → `ru`, `en-GB` → `en`); scripts do: `zh-CN`, `zh-SG`,
    `zh-Hans-CN` and `zh_CN` are `zh-Hans`, while `zh-TW` (Traditional) is none of ours.
    Underscores (PO files) and three-letter codes (`rus`, `zho-CN`) are read too.
    """
    subtags = tag.strip().replace("_", "-").split("-")
    if not all(_SUBTAG.fullmatch(s) for s in subtags):
        return None
    language = _ISO_639_2.get(subtags[0].lower(), subtags[0].lower())
    script = script_of(tag)
    for candidate in languages:
        if primary(candidate) != language:
            continue
        wanted = script_of(candidate)
        if wanted is None or script is None or wanted == script:
            return candidate
    return None


def list_comma(tag: str) -> str:
    """What separates the items of a list of terms in running text: `、` in Chinese."""
    return "、" if is_chinese(tag) else ", "


def full_stop(tag: str) -> str:
    """What ends a sentence before the next one: `。` in Chinese (a voice pauses there)."""
    return "。" if is_chinese(tag) else ". "


# Scripts ----------------------------------------------------------------------------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
"""Chinese characters, for a regular-expression class: CJK unified ideographs (the main block
and extensions A to H) and the compatibility ideographs."""
KANA = "\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
"""Hiragana, katakana (with the prolonged sound mark ー and the middle dot ・) and their
half-width forms."""
_KANA_TEXT = re.compile(f"[{KANA} ]+")
CYRILLIC = "\u0400-\u04ff"
LATIN = "A-Za-z\u00c0-\u024f"
_HAN = re.compile(f"[{HAN}]")


def is_han(char: str) -> bool:
    """True for a Chinese character."""
    return bool(_HAN.fullmatch(char))


def has_han(text: str) -> bool:
    """Whether a text has Chinese characters (only those get a pinyin reading)."""
    return bool(_HAN.search(text))


def is_kana(text: str) -> bool:
    """Whether a text is written in kana only (a Japanese reading: `ほうちょう`, `フライパン`)."""
    return bool(_KANA_TEXT.fullmatch(text))


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


@cache
def script(char: str) -> str | None:
    """LATIN, CYRILLIC or GREEK for a letter of a cased alphabet, else None."""
    if not char.isalpha():
        return None
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return first if first in ("LATIN", "CYRILLIC", "GREEK") else None


# Folding ----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """The form in which two spellings of a word compare equal: NFKC, case folded, ё read as е
    (Russian writes ё optionally)."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


class _CharacterTable(dict[int, str | None]):
    """A `str.translate` table filled on first sight of each character (C speed afterwards:
    the search index folds every term and definition of a glossary of 10,000 concepts)."""

    def __init__(self, rule: Callable[[str], str | None]) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str | None:
        self[code] = value = self.rule(chr(code))
        return value


@cache
def _marks_table(keep: str) -> _CharacterTable:
    return _CharacterTable(
        lambda c: None if unicodedata.category(c)[0] == "M" and c not in keep else c
    )


def without_marks(text: str, *, keep: str = "") -> str:
    """The text without combining marks (accents, pinyin tones), but those in `keep`."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text).translate(_marks_table(keep))
    return unicodedata.normalize("NFC", decomposed)


SEPARATORS = _CharacterTable(lambda c: c if unicodedata.category(c)[0] in "LN" else " ")
"""A `str.translate` table: letters and digits stay, everything else becomes a space."""


ENGLISH_IRREGULAR = {
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    "analyses": "analysis",
    "series": "series",
    "species": "species",
}
"""English plurals the regular rules would get wrong."""
ENGLISH_KEEP = ("ss", "us", "is", "ics")
"""Endings of English words that are not plurals: loss, corpus, analysis, robotics."""
ENGLISH_ES = ("ches", "shes", "xes", "sses")
"""Plurals that drop `es`, not `s`: approaches, boxes."""


def singular(word: str) -> str:
    """An English word's singular by the regular rules (`models`, `llms`, `libraries`); the word
    is already folded."""
    if word in ENGLISH_IRREGULAR:
        return ENGLISH_IRREGULAR[word]
    if len(word) <= 3 or word.endswith(ENGLISH_KEEP) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(ENGLISH_ES):
        return word[:-2]
    return word[:-1]


SEARCH_RULES = {
    "irregular": ENGLISH_IRREGULAR,
    "keep": list(ENGLISH_KEEP),
    "es": list(ENGLISH_ES),
}
"""The English plural rules as data for the HTML search's script, which applies `singular`."""
