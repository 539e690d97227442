"""Break opportunities in runs too long to be words, in the HTML the PDFs are laid out from: in
text only, never in a tag, a style sheet or a character reference; never in a word, in Chinese,
or between a letter and its accent."""

from __future__ import annotations

import pytest

from termbase.render.pdf.breaks import BREAK, CHUNK, LONGEST_WORD, with_breaks

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def run_of(length: int, alphabet: str = LETTERS) -> str:
    return "".join(alphabet[i % len(alphabet)] for i in range(length))


def pieces(text: str) -> list[str]:
    return text.split(BREAK)


def test_a_run_longer_than_a_word_gets_a_break_every_chunk() -> None:
    run = run_of(5000)
    broken = with_breaks(f"<p>A model {run}.</p>")
    assert broken.replace(BREAK, "") == f"<p>A model {run}.</p>"
    assert {len(piece) for piece in pieces(broken.split("model ")[1])[1:-1]} == {CHUNK}


@pytest.mark.parametrize(
    "text",
    [
        run_of(LONGEST_WORD),  # as long as a word may be
        "pneumonoultramicroscopicsilicovolcanoconiosis",
        "достопримечательность " * 10,  # words, however many
        "大语言模型" * 40,  # Chinese breaks between any two characters anyway
    ],
    ids=["longest-word", "english", "russian", "chinese"],
)
def test_words_and_chinese_are_left_alone(text: str) -> None:
    assert with_breaks(f"<p>{text}</p>") == f"<p>{text}</p>"


def test_nothing_but_text_is_touched() -> None:
    run = run_of(200)
    tag = f'<a href="#c-{run}" data-bookmark="{run}">'
    style = f"<style>.x::after {{ content: '{run}' }}</style>"
    assert with_breaks(tag + style + "&#x1F999;&amp;") == tag + style + "&#x1F999;&amp;"
    assert BREAK in with_breaks(f"{tag}{run}</a>").split(">", 1)[1]


def test_no_break_before_an_accent_or_punctuation() -> None:
    accented = pieces(with_breaks("e\u0301" * 100))  # é as a letter and a combining accent
    assert len(accented) > 1
    assert all(piece[0] == "e" for piece in accented[1:])
    dotted = "a." * 100  # no letter follows a letter: no word to break
    assert with_breaks(dotted) == dotted


def test_every_letter_of_the_run_stays_in_order() -> None:
    run = run_of(3000, "абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    assert with_breaks(run).replace(BREAK, "") == run
