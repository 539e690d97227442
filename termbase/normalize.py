"""Normal forms of terms, for matching text to the glossary and for finding duplicates.

Two texts with one normal form name the same term: folded (`languages.fold`: NFKC, case, ё as е),
hyphens, dashes and underscores read as spaces, and (in English) plurals read as singulars.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from termbase.languages import ENGLISH, fold, is_english, singular

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/·・]+")


def term_key(text: str) -> str:
    """Identity of a term text for the loader: NFKC, case folded, spaces collapsed (no more)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=65536)
def normal_form(text: str, lang: str = ENGLISH) -> str:
    """The matching key of a term in `lang` (a BCP 47 tag)."""
    words = _SEPARATORS.sub(" ", fold(text)).strip().split(" ")
    if is_english(lang):
        words = [singular(word) for word in words]
    return " ".join(words)


def compact_form(text: str, lang: str) -> str:
    """What two spellings of one term share: its normal form without spaces (`fine-tuning`,
    `fine tuning` and `finetuning` are one term)."""
    return normal_form(text, lang).replace(" ", "")
