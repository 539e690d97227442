"""Pinyin for Chinese terms: pypinyin's syllables, written by word.

Pinyin is written by word (`dà yǔyán móxíng`, `réngōng zhìnéng móxíng`), not syllable by
syllable. The syllables come from pypinyin reading the whole term (it picks a
polyphone's reading from its neighbours); the words from jieba's dictionary segmentation, with
word-grouping habits applied on top (`words`):

- a dictionary word made of two-character words is written as those words
  (人工智能 → réngōng zhìnéng, 神经网络 → shénjīng wǎngluò);
- a one-character prefix joins the word after it (预训练 yùxùnliàn, 无监督 wújiāndū), a
  one-character suffix the word before it (对话式 duìhuàshì, 训练集 xùnliànjí);
- other neighbouring single characters are one word (文生图 wénshēngtú, 去噪 qùzào), except
  function words, which stand alone (基于内容的推荐 jīyú nèiróng de tuījiàn);
- inside a word, a syllable starting with a, o or e is marked off with an apostrophe (ā'ěrfǎ).

A term's hand-written `pinyin:` overrides all of this. Readings are cached per text; a build
calls `prepare` once before its jobs fork, so that the workers share them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

import jieba
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from termbase.languages import HAN, han_count, has_han, is_chinese, is_han, without_marks
from termbase.model import Glossary, Term

PREFIXES = frozenset("非反超半无自预多单双跨副总准伪")
"""One-character prefixes, written together with the word after them (多模态 duōmótài)."""
SUFFIXES = frozenset("式性化器者家员集词率")
"""One-character suffixes, written together with the word before them (生成式 shēngchéngshì)."""
FUNCTION_WORDS = frozenset("的地得之和与及或到在对从把被为于")
"""Particles, conjunctions and prepositions: a word of their own even between single
characters (文本到图像 wénběn dào túxiàng)."""
SPLIT_FROM = 4
"""Dictionary words this long or longer are written as their parts, when they have some."""
_RUNS = re.compile(f"[{HAN}]+|[^{HAN}]+")
_INITIAL_VOWELS = ("a", "o", "e")

Runs = tuple[tuple[str, str], ...]
"""A text cut for ruby: each piece with its reading ("" for text that is not Chinese)."""


def pinyin_of(term: Term) -> str | None:
    """The pinyin of a Chinese term written in Chinese characters (None for any other)."""
    return reading(term) if is_chinese(term.lang) and has_han(term.text) else None


def reading(term: Term) -> str:
    """The term's pinyin with tone marks, by word: the glossary's override, or derived."""
    return term.pinyin or spell(term.text)


def initials(term: Term) -> str:
    """The first letters of a Chinese term's syllables (`sjwl` for 神经网络), as people type a
    term in pinyin initials; "" for a term not written in Chinese characters alone. The letters
    are those of the derived syllables, an override aside: they differ only for polyphones
    whose readings start differently, and none of the glossary's does."""
    if not is_chinese(term.lang) or han_count(term.text) != len(term.text) or len(term.text) < 2:
        return ""
    return "".join(without_marks(sound)[:1].lower() for sound in syllables(term.text))


def spell(text: str) -> str:
    """The derived pinyin of a text, words apart (`dà yǔyán móxíng`); runs of other characters
    (`GPT-4`) are kept whole."""
    return " ".join(part for piece, sound in _derived(text) if (part := (sound or piece).strip()))


def ruby_runs(term: Term) -> Runs:
    """The term cut for ruby, a word at a time: each word with its pinyin, other text with "".

    An override is laid over the characters word by word when its words have as many syllables
    as the term has Chinese characters (`shēngchéng móxíng` over 生成 and 模型); otherwise it
    goes over the whole term, which then must have no spaces (ValueError), since ruby cannot
    span them.
    """
    if term.pinyin is None:
        return _derived(term.text)
    if runs := _laid_over(term.text, term.pinyin.split()):
        return runs
    if re.search(r"\s", term.text):
        raise ValueError(
            f"the pinyin '{term.pinyin}' of '{term.text}' needs one syllable per Chinese character"
        )
    return ((term.text, term.pinyin),)


def prepare(glossary: Glossary) -> None:
    """Read every Chinese term of a glossary now, in one go (one dictionary load)."""
    texts = [t.text for c in glossary.concepts for t in c.terms if is_chinese(t.lang)]
    _SEGMENTER.load(_SEGMENTER.chars.union(*map(_han_chars, texts)))
    for text in texts:
        _derived(text)


# Syllables -------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def syllables(text: str, *, tone_numbers: bool = False) -> tuple[str, ...]:
    """One item per character: its pinyin when Han (`dà`, or `da4`), else the character."""
    items = _read(text, tone_numbers)
    if len(items) != len(text):  # a character pypinyin splits or merges: read one at a time
        items = [_read(c, tone_numbers)[0] if is_han(c) else c for c in text]
    return tuple(items)


def _read(text: str, tone_numbers: bool) -> list[str]:
    style = Style.TONE3 if tone_numbers else Style.TONE
    # `errors=list` keeps each character without a reading as an item of its own.
    return lazy_pinyin(
        text,
        style=style,
        neutral_tone_with_five=tone_numbers,
        errors=list,  # type: ignore[arg-type]
    )


def _word_reading(sounds: Sequence[str]) -> str:
    """Syllables written as one word, an apostrophe before a non-first a, o or e (xī'ān)."""
    marked = [
        f"'{sound}" if index and without_marks(sound).startswith(_INITIAL_VOWELS) else sound
        for index, sound in enumerate(sounds)
    ]
    return "".join(marked)


# Words -----------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _derived(text: str) -> Runs:
    """The text cut into words, each with its derived reading; other text with ""."""
    sounds = syllables(text)
    runs: list[tuple[str, str]] = []
    for match in _RUNS.finditer(text):
        if not is_han(match[0][0]):
            runs.append((match[0], ""))
            continue
        start = match.start()
        for word in words(match[0]):
            runs.append((word, _word_reading(sounds[start : start + len(word)])))
            start += len(word)
    return tuple(runs)


def words(han: str) -> list[str]:
    """A run of Chinese characters cut into the words pinyin is written by (see the module)."""
    pieces = [part for word in _SEGMENTER.cut(han) for part in _parts(word)]
    joined: list[str] = []
    loose_before = False
    for piece in _attach(pieces):
        loose = _loose(piece)
        if loose and loose_before:
            joined[-1] += piece
        else:
            joined.append(piece)
        loose_before = loose
    return joined


def _parts(word: str) -> list[str]:
    """A long dictionary word as the fewest shorter dictionary words of two characters or
    more (人工神经网络 → 人工 神经 网络), or whole when it has no such parts."""
    if len(word) < SPLIT_FROM:
        return [word]
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if _SEGMENTER.known(head) and _SEGMENTER.known(tail):
            return [*_parts(head), *_parts(tail)]
    return [word]


def _attach(pieces: list[str]) -> list[str]:
    """Prefixes joined to the word after them, suffixes to the word before them."""
    out: list[str] = []
    for piece in pieces:
        before = out[-1] if out else ""
        prefixed = before in PREFIXES and len(piece) > 1
        suffixed = piece in SUFFIXES and len(before) > 1
        if prefixed or suffixed:
            out[-1] += piece
        else:
            out.append(piece)
    return out


def _loose(piece: str) -> bool:
    """A single character that is no word on its own in writing (not a function word)."""
    return len(piece) == 1 and piece not in FUNCTION_WORDS


def _han_chars(text: str) -> frozenset[str]:
    return frozenset(c for c in text if is_han(c))


class _Segmenter:
    """jieba's tokenizer over the part of its dictionary that a glossary can use.

    jieba's whole dictionary (350,000 words and their prefixes) takes over a second of CPU to
    load; a term can only be cut into words made of its own characters, so the tokenizer gets
    the words made of the characters seen so far (a few thousand), loaded again when a term
    brings new characters. The cuts are the same as with the whole dictionary: jieba weighs a
    word by its count against the dictionary's total, which stays the whole dictionary's.
    """

    def __init__(self) -> None:
        self.chars: frozenset[str] = frozenset()
        self.tokenizer = jieba.Tokenizer()

    def load(self, chars: frozenset[str]) -> None:
        if chars == self.chars:
            return
        counts: dict[str, int] = {}
        for word, count in _dictionary_words(chars):
            counts[word] = count
            for end in range(1, len(word)):  # jieba's DAG walks words by their prefixes
                counts.setdefault(word[:end], 0)
        self.tokenizer.FREQ, self.tokenizer.total = counts, _dictionary_total()
        self.tokenizer.initialized = True
        self.chars = chars

    def cut(self, han: str) -> list[str]:
        if not _han_chars(han) <= self.chars:
            self.load(self.chars | _han_chars(han))
        return list(self.tokenizer.cut(han, HMM=False))

    def known(self, word: str) -> bool:
        """Whether `word` (made of loaded characters) is a word of the dictionary."""
        return bool(self.tokenizer.FREQ.get(word))


_SEGMENTER = _Segmenter()


def read_dictionary() -> None:
    """Read jieba's dictionary now, not at the first Chinese term (`serve`'s warm process)."""
    _dictionary()


@cache
def _dictionary() -> tuple[str, int]:
    """jieba's dictionary (a line per word: `word count part-of-speech`) and the sum of its
    counts."""
    with jieba.get_dict_file() as file:
        text = file.read().decode("utf-8")
    return text, sum(map(int, re.findall(r"^\S+ (\d+)", text, re.MULTILINE)))


def _dictionary_total() -> int:
    return _dictionary()[1]


def _dictionary_words(chars: Iterable[str]) -> list[tuple[str, int]]:
    """The dictionary's words written only with `chars`, with their counts: one scan of the
    whole text, which takes a regular expression less time than splitting it into lines."""
    pattern = re.compile(rf"^([{re.escape(''.join(sorted(chars)))}]+) (\d+)", re.MULTILINE)
    return [(word, int(count)) for word, count in pattern.findall(_dictionary()[0])]


# Overrides -------------------------------------------------------------------------------------


def _laid_over(text: str, spoken: list[str]) -> Runs | None:
    """An override's words over the term's characters, or None when their syllables do not
    add up to the term's Chinese characters."""
    counts = [syllable_count(word) for word in spoken]
    if None in counts or sum(c or 0 for c in counts) != han_count(text):
        return None
    runs: list[tuple[str, str]] = []
    heard = iter(zip(spoken, counts, strict=True))
    position = 0
    for match in _RUNS.finditer(text):
        if not is_han(match[0][0]):
            runs.append((match[0], ""))
            continue
        position = match.start()
        while position < match.end():
            word, count = next(heard)
            if position + (count or 0) > match.end():
                return None  # an override word over characters that other text separates
            runs.append((text[position : position + (count or 0)], word))
            position += count or 0
    return tuple(runs)


@cache
def _syllable_table() -> frozenset[str]:
    """Every toneless syllable pypinyin knows (`zhong`, `lu`)."""
    readings = {r for value in PINYIN_DICT.values() for r in value.split(",")}
    return frozenset(_toneless(r) for r in readings)


def _toneless(text: str) -> str:
    return unicodedata.normalize("NFD", text.lower()).encode("ascii", "ignore").decode()


def syllable_count(word: str) -> int | None:
    """How many syllables a pinyin word has (`shēngchéng` 2, `xī'ān` 2); None when it is not
    pinyin. After its first syllable no syllable starts with a, o or e without an apostrophe,
    which makes the count unique."""
    total = 0
    for piece in re.split(r"['’-]", _toneless(word)):
        count = _count(piece, _syllable_table())
        if count is None:
            return None
        total += count
    return total


def _count(piece: str, table: frozenset[str]) -> int | None:
    best: list[int | None] = [0, *[None] * len(piece)]
    for end in range(1, len(piece) + 1):
        for start in range(max(0, end - 6), end):
            before, syllable = best[start], piece[start:end]
            if before is None or syllable not in table:
                continue
            if start and syllable.startswith(_INITIAL_VOWELS):
                continue
            if best[end] is None or before + 1 < (best[end] or 0):
                best[end] = before + 1
    return best[-1] if piece else 0
