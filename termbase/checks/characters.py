"""Characters that do not belong: stray spaces, invisible and bidi characters, tabs, mixed
scripts inside a word, Traditional characters in Simplified Chinese, full-width letters,
punctuation of the wrong width in Chinese, and characters no installed font can draw.

In a term these are errors (a CAT tool would not match the term); in a definition or note,
warnings. Non-breaking spaces are correct typography in prose (Russian «2023 г.»), so they are
reported in terms only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import hanzidentifier

from termbase.checks.base import LETTERS, describe, finding, form_severity, term_name, texts
from termbase.findings import Finding, Message, Severity, message
from termbase.glyphs import FontQueryError, advice, anywhere, missing
from termbase.i18n import N_, SOURCE_LANGUAGE
from termbase.languages import HAN, face, is_chinese, is_cjk, is_han, is_russian, script
from termbase.model import Concept, Glossary, Location, Term

_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_ODD_SPACE = re.compile(r"[^\S\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029 ]")
_BREAK = re.compile("[\t\n\r\u2028\u2029]")
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_PUNCT_IN_CHINESE = re.compile(rf"(?<=[{HAN}]) ?[,;:?!()]|[,;:?!()] ?(?=[{HAN}])")
_FULL_WIDTH_PUNCT_IN_LATIN = re.compile(
    r"(?<=[A-Za-z0-9])[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e](?=[A-Za-z0-9])"
)
_FULL_STOP_AFTER_HAN = re.compile(rf"(?<=[{HAN}])\.(?!\d)")
_CHINESE_EQUIVALENT = dict(zip(",;:?!().", "，；：？！（）。", strict=True))
_QUOTES_IN_CHINESE = re.compile('[«»"]')
"""Quotation marks of other languages: Chinese text quotes with “ and ”."""
_ALPHABETS = {"LATIN": N_("Latin"), "CYRILLIC": N_("Cyrillic"), "GREEK": N_("Greek")}


@dataclass(frozen=True, slots=True)
class Scanned:
    """A term or a prose text, with what a finding about it needs."""

    subject: Message
    """How a finding names it: `term 'x'`, `definition.ru`."""
    lang: str
    text: str
    location: Location
    term: Term | None = None


def _scanned(glossary: Glossary) -> Iterator[tuple[Concept, Scanned]]:
    for concept in glossary.concepts:
        for term in concept.terms:
            yield concept, Scanned(term_name(term), term.lang, term.text, term.location, term)
        for prose in texts(concept):
            yield concept, Scanned(prose.field, prose.lang, prose.text, prose.location)


def _severity(item: Scanned) -> Severity:
    return form_severity(item.term, Severity.ERROR) if item.term else Severity.WARNING


def check_spaces(glossary: Glossary) -> Iterator[Finding]:
    """Leading, trailing or double spaces; tabs and line breaks in terms, tabs in prose."""
    for concept, item in _scanned(glossary):
        problem = None
        if item.term and item.text != item.text.strip():
            problem = N_("%(subject)s: leading or trailing space")
        elif "  " in item.text:
            problem = N_("%(subject)s: two spaces in a row")
        if problem:
            yield finding(
                item.location,
                _severity(item),
                "extra-space",
                message(problem, subject=item.subject),
                concept,
                item.lang,
            )
        breaks = _BREAK if item.term else re.compile("\t")
        if match := breaks.search(item.text.strip()):
            yield finding(
                item.location,
                _severity(item),
                "tab-or-line-break",
                message(
                    N_("%(subject)s: %(character)s; a term is one line without tabs")
                    if item.term
                    else N_("%(subject)s: %(character)s"),
                    subject=item.subject,
                    character=describe(match[0]),
                ),
                concept,
                item.lang,
            )


def check_invisible(glossary: Glossary) -> Iterator[Finding]:
    """Zero-width and bidi control characters anywhere; unusual spaces in terms."""
    for concept, item in _scanned(glossary):
        for code, pattern in (("invisible-character", _ZERO_WIDTH), ("bidi-control", _BIDI)):
            if match := pattern.search(item.text):
                yield finding(
                    item.location,
                    _severity(item),
                    code,
                    message(
                        N_("%(subject)s: invisible %(character)s"),
                        subject=item.subject,
                        character=describe(match[0]),
                    ),
                    concept,
                    item.lang,
                )
        if item.term and (match := _ODD_SPACE.search(item.text)):
            yield finding(
                item.location,
                _severity(item),
                "invisible-character",
                message(
                    N_("%(subject)s: %(character)s instead of a plain space"),
                    subject=item.subject,
                    character=describe(match[0]),
                ),
                concept,
                item.lang,
            )


def check_mixed_scripts(glossary: Glossary) -> Iterator[Finding]:
    """Latin letters inside a Cyrillic word (`мoдель` with a Latin o), and the reverse."""
    for concept, item in _scanned(glossary):
        for word in LETTERS.findall(item.text):
            if problem := _mixed(word, item.lang):
                yield finding(
                    item.location,
                    _severity(item),
                    "mixed-script",
                    message(N_("%(subject)s: %(problem)s"), subject=item.subject, problem=problem),
                    concept,
                    item.lang,
                )
                break


def _mixed(word: str, lang: str) -> Message | None:
    """What is wrong with a word of several alphabets, or None."""
    if word.isascii():
        return None  # Latin letters only
    counts: dict[str, int] = {}
    for char in word:
        if (name := script(char)) is not None:
            counts[name] = counts.get(name, 0) + 1
    if len(counts) < 2:
        return None
    native = "CYRILLIC" if is_russian(lang) else "LATIN"
    main = max(counts, key=lambda name: (counts[name], name == native))
    strangers = [c for c in word if script(c) not in (main, None)]
    return message(
        N_("'%(word)s' mixes alphabets: %(characters)s in a %(alphabet)s word"),
        word=word,
        characters=", ".join(describe(c) for c in strangers),
        alphabet=message(_ALPHABETS[main]),
    )


def check_chinese_characters(glossary: Glossary) -> Iterator[Finding]:
    """Simplified Chinese uses Simplified characters; letters and digits are half-width."""
    for concept, item in _scanned(glossary):
        if item.lang == "zh-Hans" or item.lang in ("zh", "zh-CN", "zh-SG"):
            traditional = [c for c in item.text if is_han(c) and _traditional_only(c)]
            if traditional:
                yield finding(
                    item.location,
                    _severity(item),
                    "traditional-character",
                    message(
                        N_("%(subject)s: Traditional %(characters)s in Simplified Chinese"),
                        subject=item.subject,
                        characters="、".join(dict.fromkeys(traditional)),
                    ),
                    concept,
                    item.lang,
                )
        if match := _FULL_WIDTH_ALNUM.search(item.text):
            yield finding(
                item.location,
                _severity(item),
                "full-width-character",
                message(
                    N_(
                        "%(subject)s: full-width '%(character)s'; write letters and digits "
                        "half-width"
                    ),
                    subject=item.subject,
                    character=match[0],
                ),
                concept,
                item.lang,
            )


def _traditional_only(char: str) -> bool:
    return hanzidentifier.is_traditional(char) and not hanzidentifier.is_simplified(char)


def check_chinese_punctuation(glossary: Glossary) -> Iterator[Finding]:
    """Full-width punctuation and “” quotes in Chinese text, ASCII punctuation inside Latin
    runs."""
    for concept, item in _scanned(glossary):
        if not is_chinese(item.lang):
            continue
        match = _ASCII_PUNCT_IN_CHINESE.search(item.text) or _FULL_STOP_AFTER_HAN.search(item.text)
        if match:
            mark = match[0].strip()
            yield finding(
                item.location,
                Severity.WARNING,
                "chinese-punctuation",
                message(
                    N_("%(subject)s: ASCII '%(mark)s' in Chinese text; use '%(chinese)s'"),
                    subject=item.subject,
                    mark=mark,
                    chinese=_CHINESE_EQUIVALENT[mark],
                ),
                concept,
                item.lang,
            )
        elif match := _QUOTES_IN_CHINESE.search(item.text):
            yield finding(
                item.location,
                Severity.WARNING,
                "chinese-punctuation",
                message(
                    N_("%(subject)s: '%(mark)s' in Chinese text; quote with '“' and '”'"),
                    subject=item.subject,
                    mark=match[0],
                ),
                concept,
                item.lang,
            )
        elif match := _FULL_WIDTH_PUNCT_IN_LATIN.search(item.text):
            yield finding(
                item.location,
                Severity.WARNING,
                "chinese-punctuation",
                message(
                    N_(
                        "%(subject)s: full-width '%(mark)s' between Latin letters or digits; "
                        "use the ASCII form"
                    ),
                    subject=item.subject,
                    mark=match[0],
                ),
                concept,
                item.lang,
            )


def check_glyphs(glossary: Glossary) -> Iterator[Finding]:
    """Characters no installed font has (an emoji, private-use characters), or a Han character
    that the face of its language lacks (a Japanese text's kanji in Noto Sans CJK JP): the PDFs
    would show an empty box, or another language's forms, and their renderer refuses to; an
    error, found before the build."""
    items: list[tuple[Scanned, Concept | None]] = [
        (Scanned(Message(field), lang, value, where), None)
        for field, lang, value, where in _glossary_texts(glossary)
    ]
    items += [(item, concept) for concept, item in _scanned(glossary)]
    items += [
        (Scanned(Message("maker"), "", c.maker, c.places.get("maker", c.location)), c)
        for c in glossary.concepts
        if c.maker
    ]
    by_lang: dict[str, set[str]] = {}
    for item, _ in items:
        by_lang.setdefault(item.lang or SOURCE_LANGUAGE, set()).update(item.text)
    try:
        absent = {lang: missing(chars, lang) for lang, chars in by_lang.items()}
        hints = {lang: advice(chars, lang) for lang, chars in absent.items() if chars}
    except FontQueryError as error:
        yield Finding(glossary.location, Severity.WARNING, "fonts-unknown", Message(str(error)))
        return
    for item, owner in items:
        lang = item.lang or SOURCE_LANGUAGE
        if chars := sorted(set(item.text) & absent[lang]):
            hint = hints.get(lang)
            yield Finding(
                item.location,
                Severity.ERROR,
                "no-glyph",
                Message(
                    f"{item.subject}: {_no_font(lang, chars)} has "
                    f"{', '.join(map(describe, chars))}; the PDFs cannot show it"
                    + (f": {hint}" if hint else "")
                ),
                owner.id if owner else None,
                item.lang or None,
            )


def _no_font(lang: str, chars: list[str]) -> str:
    """Who lacks the characters: every font, or the language's own CJK face (another font has
    them, in another language's forms)."""
    if is_cjk(lang) and all(anywhere(char) for char in chars):
        return f"no installed face of {lang} ({face(lang)})"
    return "no installed font"


def _glossary_texts(glossary: Glossary) -> Iterator[tuple[str, str, str, Location]]:
    """The texts of glossary.toml: title, description and domain names, with their languages
    and places."""
    for field, values in (("title", glossary.title), ("description", glossary.description)):
        for lang, value in values.items():
            yield f"{field}.{lang}", lang, value, glossary.location
    for domain in glossary.domains:
        for lang, value in domain.names.items():
            yield f"domains.name of '{domain.id}'.{lang}", lang, value, domain.location
