"""Normal forms of terms, for matching text to the glossary and for finding duplicates.

Two texts with one normal form name the same term: Unicode NFKC, case folded, ё read as е,
hyphens, dashes and underscores read as spaces, and (in English) plurals read as singulars.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_/·・]+")
_IRREGULAR = {"data": "data", "media": "media", "criteria": "criterion", "analyses": "analysis"}
_KEEP = ("ss", "us", "is", "ics")  # loss, corpus, analysis, robotics


def term_key(text: str) -> str:
    """Identity of a term text for the loader: NFKC, case folded, spaces collapsed (no more)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=65536)
def normal_form(text: str, lang: str = "en") -> str:
    """The matching key of a term in `lang` (a BCP 47 tag)."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    words = _SEPARATORS.sub(" ", folded).strip().split(" ")
    if lang.split("-")[0] == "en":
        words = [singular(word) for word in words]
    return " ".join(words)


def singular(word: str) -> str:
    """An English word's singular, by the regular rules (`models`, `LLMs`, `libraries`)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(_KEEP) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]
