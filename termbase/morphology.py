"""Morphology: Russian (pymorphy3): the readings of a word, its dictionary form, its forms, the
stem its derived words share; English (lemminflect): the verb of a noun in -ing and its forms.

One home for the analyzers, shared by the agreement check and by term matching, which finds a
term in any inflected form («больших языковых моделей» is a use of «большая языковая модель»;
*fine-tuned* is a use of *fine-tuning*).
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


@cache
def inflection_stem(word: str) -> str:
    """What all the inflected forms of a Russian word's likeliest reading begin with («модель»
    → «модел», «тонкая» → «тонк»: comparatives and superlatives aside), for a search that finds
    a term however it is inflected; the word itself where the forms share little."""
    found = parses(word)
    if not found:
        return word
    reading = found[0]
    shown = [
        f.word.replace("ё", "е")
        for f in reading.lexeme
        if f.tag.POS == reading.tag.POS and not {"COMP", "Supr"} & set(f.tag.grammemes)
    ]
    stem = shown[0] if shown else word
    for form in shown[1:]:
        while not form.startswith(stem):
            stem = stem[:-1]
    return stem if len(stem) >= max(3, len(word) // 2) and word.startswith(stem) else word


_VERBAL_NOUN_ENDINGS = (("ение", 4), ("ание", 3), ("яние", 3), ("тие", 3))
"""Russian nouns of action and how much of them to drop for the stem their verb shares:
обучение → обуч- (обучить, обученная), реферирование → реферирова- (реферировать)."""
MIN_STEM = 4


@cache
def verbal_stem(word: str) -> str | None:
    """The stem a Russian noun of action shares with its verb and participles («дообучение» →
    «дообуч»: «дообучить», «дообученная»), or None for other words (by the dictionary form of
    the word's likeliest reading)."""
    found = parses(word)
    if not found or found[0].tag.POS != "NOUN":
        return None
    normal = lemma(word)
    for ending, cut in _VERBAL_NOUN_ENDINGS:
        if normal.endswith(ending) and len(normal) - cut >= MIN_STEM:
            return normal[:-cut]
    return None


@cache
def english_verb_forms(noun: str) -> frozenset[str]:
    """The forms of the verb an English noun in -ing is made from (*tuning* → tune, tunes,
    tuned, tuning; *pretraining* → pretrain, pretrained, …), empty for other words; lower case,
    as matching folds. By lemminflect's rules: its dictionaries take most of a second to load,
    and the verbs of terms (tune, train, denoise) are regular."""
    if not noun.endswith("ing"):
        return frozenset()
    from lemminflect import getAllInflectionsOOV, getAllLemmasOOV  # type: ignore[import-untyped]

    verbs = getAllLemmasOOV(noun, upos="VERB").get("VERB", ())
    if not verbs or verbs[0] == noun:
        return frozenset()
    inflections = getAllInflectionsOOV(verbs[0], upos="VERB")
    return frozenset({verbs[0], *(f.lower() for forms in inflections.values() for f in forms)})
