"""The glyph guard: a PDF with an empty box instead of a character, or with Han characters set in
another language's face (Chinese in the Japanese one, Japanese in the Chinese one), is never
written.

WeasyPrint draws `.notdef` (an empty box) for a character no installed font has and only logs a
warning, and `pdftotext` still extracts the character, so text tests cannot see it. Fontconfig
also silently substitutes the first CJK face it finds when the one a language asks for is
missing. Both become a `RenderError` naming the characters and the Debian package.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from termbase.glyphs import CJK_PACKAGE, FontQueryError, advice
from termbase.render.contract import RenderError

# WeasyPrint names embedded fonts after their family ("Noto-Sans-CJK-SC-Bold"), other tools
# after the PostScript name ("NotoSansCJKsc-Bold").
CJK_FACE = re.compile(r"CJK[-_ ]?(SC|TC|HK|JP|KR)", re.IGNORECASE)
_WANTED_FACE = re.compile(r'"Noto Sans CJK (SC|TC|HK|JP|KR)"')
"""A CJK face the document's stylesheet names (`render.common.faces`)."""
_NOTDEF = ".notdef glyph rendered"


class _NotdefCollector(logging.Handler):
    """Collects the characters of WeasyPrint's `.notdef` warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.characters: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith(_NOTDEF) and record.args:
            self.characters.add(str(record.args[0]))  # type: ignore[index]


@contextmanager
def missing_glyph_guard(what: str) -> Iterator[None]:
    """Raise `RenderError` if WeasyPrint draws an empty box while rendering `what`."""
    logger = logging.getLogger("weasyprint")
    collector = _NotdefCollector()
    level = logger.level
    logger.setLevel(min(logger.getEffectiveLevel(), logging.WARNING))
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
        logger.setLevel(level)
    if collector.characters:
        raise RenderError(missing_glyphs_message(what, collector.characters))


def missing_glyphs_message(what: str, characters: Iterable[str]) -> str:
    """Which characters no font draws, and the Debian package that has them when it is not
    installed (`glyphs.advice`)."""
    chars = sorted(characters)
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8])
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    try:
        hint = advice(chars) or "no font of the PDFs has them"
    except FontQueryError as error:
        hint = str(error)
    return f"{what}: no installed font has the glyphs of {shown}{more}: {hint}"


def embedded_fonts(pdf: Any) -> list[str]:
    """The base font names of a `pydyf.PDF` about to be written (subset tags removed)."""
    names = []
    for item in pdf.objects:
        base = item.get("BaseFont") if isinstance(item, dict) else None
        if isinstance(base, bytes):
            base = base.decode("latin-1")
        if base:
            names.append(str(base).lstrip("/").split("+", 1)[-1])
    return sorted(set(names))


def wanted_faces(source: str) -> set[str]:
    """The CJK faces a document's HTML asks for (`SC`, `JP`...): one per CJK language."""
    return {match.upper() for match in _WANTED_FACE.findall(source)}


def check_cjk_faces(what: str, fonts: Iterable[str], wanted: set[str], has_han: bool) -> None:
    """Han characters are set only in the faces the document asks for (`wanted`, as `SC`, `JP`):
    refuse any other CJK face, which fontconfig substituted for a missing one."""
    fonts = list(fonts)
    named = ", ".join(f"Noto Sans CJK {region}" for region in sorted(wanted)) or "no CJK face"
    wrong = [f for f in fonts if (m := CJK_FACE.search(f)) and m[1].upper() not in wanted]
    if wrong:
        raise RenderError(
            f"{what}: Han characters would be set in {', '.join(wrong)}, not {named}; "
            f"check that the Debian package {CJK_PACKAGE} is installed and that fontconfig "
            f"finds each family (fc-list | grep 'Sans CJK')"
        )
    if has_han and not any(CJK_FACE.search(f) for f in fonts):
        raise RenderError(
            f"{what}: Han characters would be set in {', '.join(fonts)}, not {named}; "
            f"install the Debian package {CJK_PACKAGE}"
        )
