"""Which characters the installed fonts can draw, as fontconfig reports them.

The PDFs set text in Noto Sans (Debian package fonts-noto-core) and Noto Sans CJK SC
(fonts-noto-cjk), named in templates/pdf/common.css; for a character neither has, Pango falls
back to any installed font that has it (DejaVu Sans has some emoji). A character no installed
font has would be drawn as an empty box, which the PDF renderer refuses (`render.pdf.fonts`);
`check` finds it first, with its file and line, through `missing`.

fontconfig's `fc-list` (Debian package fontconfig) gives each font's character map from
fontconfig's own cache. The two families' maps are read once per process (two quick calls);
only a character outside both is looked up among all the installed fonts, once. The family and
the Debian package meant for each character are decided here too (`family_for`, `package_for`),
for `check` and for the PDF renderer's own guard alike.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from termbase.languages import is_han

CJK_FAMILY = "Noto Sans CJK SC"
OTHER_FAMILY = "Noto Sans"
FAMILIES = (OTHER_FAMILY, CJK_FAMILY)
"""The PDFs' font families (templates/pdf/common.css)."""
PACKAGES = {OTHER_FAMILY: "fonts-noto-core", CJK_FAMILY: "fonts-noto-cjk"}
"""The Debian package of each family."""
FC_LIST = "fc-list"
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp", "Cs"}
"""Categories that are never drawn as glyphs: controls, format characters (shaping ignores
them), separators, surrogates."""
# Besides Han: CJK punctuation, kana, bopomofo, full-width forms (fonts-noto-cjk has them).
_CJK_BLOCKS = ((0x2E80, 0x2FDF), (0x3000, 0x31FF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))


class FontQueryError(Exception):
    """fontconfig cannot be asked (fc-list is missing or fails); the message says so."""


def missing(chars: Iterable[str]) -> set[str]:
    """The characters among `chars` that no installed font can draw."""
    wanted = {c for c in chars if unicodedata.category(c) not in _NOT_DRAWN}
    if not wanted:
        return set()
    outside = {c for c in wanted if not any(_in(ord(c), *_ranges(f)) for f in FAMILIES)}
    return {c for c in outside if not _any_font_has(ord(c))}


def family_for(char: str) -> str:
    """The PDFs' family meant to draw `char`: Noto Sans CJK SC for Chinese, else Noto Sans."""
    code = ord(char)
    if is_han(char) or any(low <= code <= high for low, high in _CJK_BLOCKS):
        return CJK_FAMILY
    return OTHER_FAMILY


def package_for(char: str) -> str:
    """The Debian package whose fonts draw `char` in the PDFs' families."""
    return PACKAGES[family_for(char)]


def advice(chars: Iterable[str]) -> str | None:
    """What would draw `chars`, characters no installed font has: the Debian packages of their
    families when those are not installed (None when they are: then no package of ours can)."""
    packages = sorted({package_for(c) for c in chars if not _ranges(family_for(c))[0]})
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
