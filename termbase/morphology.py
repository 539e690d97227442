"""Russian morphology (pymorphy3): the readings of a word, its dictionary form, its forms.

One home for the analyzer, shared by the agreement check and by term matching, which finds a
term in any inflected form («больших языковых моделей» is a use of «большая языковая модель»).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer
    from pymorphy3.analyzer import Parse


@cache
def analyzer() -> MorphAnalyzer:
    """The analyzer, loaded once (a fraction of a second) and only when Russian is read."""
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer(lang="ru")


@cache
def parses(word: str) -> tuple[Parse, ...]:
    return tuple(analyzer().parse(word))


@cache
def lemma(word: str) -> str:
    """The dictionary form of a word, by its likeliest reading (ё read as е)."""
    found = parses(word)
    return (found[0].normal_form if found else word).replace("ё", "е")


@cache
def forms(word: str) -> frozenset[str]:
    """Every form of a word (ё read as е): those of each way pymorphy3 reads it, so that a term
    is found however the text inflects it. The forms are the term's, not the text's dictionary
    forms, because pymorphy3 reads words it does not know by guesses that work from the
    dictionary form: it inflects «промпт» right but does not take «промптов» back to it."""
    return frozenset({f.word.replace("ё", "е") for p in parses(word) for f in p.lexeme} | {word})


def known(word: str) -> bool:
    return analyzer().word_is_known(word.lower().replace("ё", "е"))
