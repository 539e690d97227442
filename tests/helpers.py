"""What the tests share besides fixtures: the test glossaries' folders, the command line run in
this process or as a process, and a build of a glossary folder (`build_formats`)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import signal
import subprocess
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from termbase.build import Build, FormatReport
from termbase.cli import main
from termbase.formats import named, selection
from termbase.model import Domain, FrozenMap, Glossary
from termbase.pinyin import pinyin_of
from termbase.render.contract import BuildContext, Output, run_all

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
SHIPPED = ROOT / "glossary"
PINYIN = FIXTURES / "pinyin"
"""A glossary of Chinese terms whose pinyin by word is known (`KNOWN_READINGS`)."""
KNOWN_READINGS = {
    "大语言模型": "dà yǔyán móxíng",
    "人工智能模型": "réngōng zhìnéng móxíng",  # a dictionary word written as its two words
    "生成对抗网络": "shēngchéng duìkàng wǎngluò",
    "预训练模型": "yùxùnliàn móxíng",  # a prefix joins its word
    "基于人类反馈的强化学习": "jīyú rénlèi fǎnkuì de qiánghuà xuéxí",  # 的 stands alone
    "文生图模型": "wénshēngtú móxíng",  # single characters together
    "文本到图像模型": "wénběn dào túxiàng móxíng",
    "对话式人工智能": "duìhuàshì réngōng zhìnéng",  # a suffix joins its word
    "Transformer模型": "Transformer móxíng",
    "微调": "wēitiáo",  # the glossary's override (pypinyin reads wēidiào)
    "阿尔法围棋": "ā'ěrfǎ wéiqí",  # an apostrophe before a syllable starting with a vowel
}
"""The pinyin of each Chinese term of the PINYIN glossary, as dictionaries write it."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` in a process of its own, as a user does (slow: for the tests
    whose point is a real process; the others use `run_cli`)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the command line of `build.py ARGS` in this process, from `cwd`, capturing what it
    prints: what `run_build_py` does, without starting Python and importing everything again."""
    stdout, stderr = io.StringIO(), io.StringIO()
    previous, handler = Path.cwd(), signal.getsignal(signal.SIGTERM)
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(list(args), root=ROOT, prog="build.py")
            except SystemExit as exit_:  # argparse on a usage error or --help
                status = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        os.chdir(previous)
        signal.signal(signal.SIGTERM, handler)  # main() makes SIGTERM an interruption
    return subprocess.CompletedProcess(args, status, stdout.getvalue(), stderr.getvalue())


def build_formats(
    glossary_dir: Path, out: Path, formats: Sequence[str], *, force: bool = False
) -> dict[str, FormatReport]:
    """Build the formats named (`pdf`, or finer: `pdf:en-ru`) of a glossary folder into `out`,
    as `termbase build --only` does; what each format rendered and kept."""
    chosen, only = selection(formats)
    return Build(glossary_dir, out, chosen, force=force, only=only).run().reports


def outputs_of(format_name: str, context: BuildContext) -> list[Output]:
    """Every output of one format, made in this process from its jobs, as a build makes them."""
    [format_] = named([format_name])
    return run_all(format_.jobs(context))


SPACES = "[ \u00a0]+"
"""What separates words on one line."""


def run_together(text: str, glossary: Glossary) -> list[str]:
    """Where two terms of one concept in one language stand side by side on a line with nothing
    but spaces between them ("LLM БЯМ", "система ИИ ИИ-система"), in text as a reader gets it
    (pdftotext's, a page's innerText): such terms read as one phrase. A Chinese term counts
    with its pinyin, printed after it. Terms on lines of their own are apart. A preferred term
    opens its column, so a term of the language before it on the same line ("вариационный
    автоэнкодер, VAE 变分自编码器") ends the column to its left, not one of its own."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for concept in glossary.concepts:
        for before, lang in zip((None, *glossary.languages), glossary.languages, strict=False):
            terms = concept.terms_in(lang)
            column_before = {t.text for t in concept.terms_in(before)} if before else set()
            for first in terms:
                seconds = [
                    second.text
                    for second in terms
                    if second.text != first.text
                    and not (second is concept.preferred(lang) and first.text in column_before)
                ]
                reading = pinyin_of(first)
                # the pinyin, when it follows, is taken with its term
                gap = re.compile(
                    rf"(?:{SPACES}{re.escape(reading)})?+{SPACES}" if reading else SPACES
                )
                for start in _occurrences(first.text, text):
                    if start and _in_word(text[start - 1]):
                        continue
                    if spaces := gap.match(text, start + len(first.text)):
                        found += [
                            text[start : spaces.end() + len(second)]
                            for second in seconds
                            if text.startswith(second, spaces.end())
                            and not _in_word(text[spaces.end() + len(second) :][:1])
                        ]
    return found


def _occurrences(word: str, text: str) -> Iterator[int]:
    """Where `word` starts in `text` (str.find: a regular expression per pair of terms took
    seconds on a whole PDF's text)."""
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _in_word(char: str) -> bool:
    """Whether a character continues a word, as `[\\w-]` says in a regular expression."""
    return bool(char) and (char.isalnum() or char in "_-")


def drawn_and_explained(figure: Any) -> tuple[set[str], set[str]]:
    """The styles of line and box a map draws, and those its legend explains (by class)."""
    [drawing] = figure.xpath(".//svg[@role='group']")
    drawn = {*drawing.xpath(".//g[@class='edges']/path/@class")}
    drawn |= {
        " ".join(c for c in node.split() if c != "focus")
        for node in drawing.xpath(".//g[@class='nodes']/*/@class")
    }
    explained = set()
    for key in figure.xpath(".//svg[contains(@class, 'key')]"):
        explained |= {*key.xpath(".//path/@class"), *key.xpath(".//g[@class='nodes']/g/@class")}
    return drawn, explained


def with_lone_domain(glossary: Glossary) -> Glossary:
    """`glossary` with one more domain, `lonely`, of one concept linked to nothing: a copy of
    its first concept, without relations (a map of it would be a lone box)."""
    first = glossary.concepts[0]
    domain = Domain(
        "lonely", 99, FrozenMap(dict.fromkeys(glossary.languages, "Lonely")), first.location
    )
    lonely = dataclasses.replace(
        first, id="lonely-one", domain="lonely", broader=(), related=(), examples=(), contrasts=()
    )
    return dataclasses.replace(
        glossary, domains=(*glossary.domains, domain), concepts=(*glossary.concepts, lonely)
    )
