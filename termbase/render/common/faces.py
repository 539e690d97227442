"""Fonts by language, as CSS: each glossary language whose script Noto Sans does not draw is
set in its own face (`languages.face`: Japanese kanji in Noto Sans CJK JP, never in the Chinese
face), by a `:lang()` rule written for the glossary's languages.

The PDFs name the installed Noto families only, so that what `check` verified is what is drawn;
the HTML site and the Anki cards add the system fonts of each script that readers' machines
and phones have, after Noto.
"""

from __future__ import annotations

from collections.abc import Sequence

from termbase.languages import HAN_FACE, TEXT_FACE, face, is_cjk, writing_script

SYSTEM_FACES = {
    "Hans": ("Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei"),
    "Hant": ("Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    "Jpan": ("Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo"),
    "Kore": ("Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"),
    "Arab": ("Geeza Pro", "Segoe UI", "Tahoma"),
    "Hebr": ("Arial Hebrew", "Segoe UI", "Arial"),
}
"""Fonts of each script found on macOS, iOS, Windows and Android, after the Noto face."""


def han_face(languages: Sequence[str]) -> str:
    """The face of Han characters in text of no CJK language (a stray character in an English
    definition): the first CJK language's of the glossary, else Simplified Chinese."""
    return next((face(lang) for lang in languages if is_cjk(lang)), HAN_FACE)


def families(lang: str, *, system: bool) -> tuple[str, ...]:
    """The font list of a language's text: its face, Noto Sans for the Latin letters and
    digits inside it, then (`system`) the platforms' fonts of its script."""
    found = (face(lang), TEXT_FACE)
    return (*found, *SYSTEM_FACES.get(writing_script(lang), ())) if system else found


def css_list(names: Sequence[str]) -> str:
    return ", ".join([*(f'"{name}"' for name in names), "sans-serif"])


def rules(languages: Sequence[str], *, system: bool, extra: str = "") -> str:
    """A `:lang()` rule per language whose face is not Noto Sans (`extra`: a selector to add to
    each, `{lang}` standing for the tag)."""
    found = []
    for lang in languages:
        if face(lang) == TEXT_FACE:
            continue
        selectors = [f":lang({lang})", *([extra.format(lang=lang)] if extra else [])]
        found.append(
            f"{', '.join(selectors)} {{ font-family: {css_list(families(lang, system=system))}; }}"
        )
    return "\n".join(found)
