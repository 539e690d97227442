"""Which characters the installed fonts can draw, as fontconfig reports them.

The PDFs set text in Noto Sans (Debian package fonts-noto-core) and each language whose script
it lacks in that language's face (`languages.face`: Noto Sans CJK JP for Japanese, Noto Sans
Arabic for Arabic...; render/common/faces.py writes the CSS); for a character none has, Pango
falls back to any installed font that has it (DejaVu Sans has some emoji). A character no
installed font has would be drawn as an empty box, which the PDF renderer refuses
(`render.pdf.fonts`); `check` finds it first, with its file and line, through `missing`. A Han
character (or kana, or a CJK sign) in a text of a CJK language must be in that language's own
face: another CJK face would draw it in another language's forms.

fontconfig's `fc-list` (Debian package fontconfig) gives each font's character map from
fontconfig's own cache. Each family's map is read once per process (one quick call); only a
character outside them is looked up among all the installed fonts, once. The family and the
Debian package meant for each character are decided here too (`family_for`, `package_for`),
for `check` and for the PDF renderer's own guard alike.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from termbase.languages import HAN_FACE, TEXT_FACE, face, is_cjk, is_han

CJK_PACKAGE = "fonts-noto-cjk"
OTHER_PACKAGE = "fonts-noto-core"
"""The Debian packages of the faces: the CJK ones, and Noto Sans with its other scripts."""
FC_LIST = "fc-list"
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
"""Categories that are never drawn as glyphs: controls, format characters (shaping ignores
them), separators, surrogates."""
# Besides Han: CJK punctuation, kana, bopomofo, full-width forms (fonts-noto-cjk has them).
_CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x3000, 0x31FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


class FontQueryError(Exception):
    """fontconfig cannot be asked (fc-list is missing or fails); the message says so."""


def missing(chars: Iterable[str], lang: str = "en") -> set[str]:
    """The characters among `chars`, in a text of language `lang`, that no installed font can
    draw, or (a CJK sign in a CJK language) that the language's own face cannot."""
    wanted = {c for c in chars if unicodedata.category(c) not in _NOT_DRAWN}
    if not wanted:
        return set()
    own = face(lang) if is_cjk(lang) else None
    families = {TEXT_FACE, face(lang), HAN_FACE}
    found = set()
    for char in wanted:
        if own and _is_cjk_sign(char):
            if not _in(ord(char), *_ranges(own)):
                found.add(char)
        elif not any(_in(ord(char), *_ranges(f)) for f in families) and not _any_font_has(
            ord(char)
        ):
            found.add(char)
    return found


def _is_cjk_sign(char: str) -> bool:
    """A Han character, kana, bopomofo, CJK punctuation or a full-width form."""
    code = ord(char)
    return is_han(char) or any(low <= code <= high for low, high in _CJK_BLOCKS)


def family_for(char: str, lang: str = "en") -> str:
    """The PDFs' family meant to draw `char` in a text of `lang`: a CJK sign in the language's
    CJK face (the Simplified Chinese one in a language without), the script of the language in
    its face, anything else in Noto Sans."""
    if _is_cjk_sign(char):
        return face(lang) if is_cjk(lang) else HAN_FACE
    if (own := face(lang)) != TEXT_FACE and _in(ord(char), *_ranges(own)):
        return own
    return TEXT_FACE


def package_for(char: str, lang: str = "en") -> str:
    """The Debian package whose fonts draw `char` in the PDFs' families."""
    return CJK_PACKAGE if is_cjk_family(family_for(char, lang)) else OTHER_PACKAGE


def is_cjk_family(family: str) -> bool:
    return family.startswith("Noto Sans CJK")


def advice(chars: Iterable[str], lang: str = "en") -> str | None:
    """What would draw `chars`, characters no installed font has: the Debian packages of their
    families when those are not installed (None when they are: then no package of ours can)."""
    packages = sorted({package_for(c, lang) for c in chars if not _ranges(family_for(c, lang))[0]})
    if not packages:
        return None
    return f"install the Debian package {' '.join(packages)} (apt-get install {' '.join(packages)})"


def _in(code: int, starts: tuple[int, ...], ends: tuple[int, ...]) -> bool:
    index = bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]


@cache
def _ranges(family: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The merged character ranges of a family's installed faces, as sorted starts and ends
    (none when the family is not installed)."""
    ranges = sorted(
        span
        for line in _fc_list(f":family={family}", "%{charset}\n").splitlines()
        for span in _spans(line)
    )
    merged: list[list[int]] = []
    for low, high in ranges:
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return tuple(m[0] for m in merged), tuple(m[1] for m in merged)


def _spans(charset: str) -> list[tuple[int, int]]:
    """`20-7e a0` → [(0x20, 0x7e), (0xa0, 0xa0)]: fontconfig's notation of a character map."""
    spans = []
    for part in charset.split():
        low, _, high = part.partition("-")
        spans.append((int(low, 16), int(high or low, 16)))
    return spans


def anywhere(char: str) -> bool:
    """Whether any installed font draws `char` (in whatever face)."""
    return _any_font_has(ord(char))


@cache
def _any_font_has(code: int) -> bool:
    return bool(_fc_list(f":charset={code:x}", "%{file}\n").strip())


def _fc_list(pattern: str, output: str) -> str:
    if shutil.which(FC_LIST) is None:
        raise FontQueryError(
            "fc-list is not installed, so the fonts' characters are unknown "
            "(apt-get install fontconfig)"
        )
    try:
        return subprocess.run(
            [FC_LIST, "--format", output, pattern],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise FontQueryError(
            f"fc-list failed ({error}): the fonts' characters are unknown"
        ) from None
