"""Draw once, print on every paper: each PDF is laid out and drawn once, on A4, and written on
US Letter by giving the same drawing another page box.

The layout page is as narrow as the narrowest paper and as tall as the tallest (A4), with
margins that leave a text block fitting every paper (Letter is 6 mm wider and 18 mm shorter than
A4). The Letter file is the A4 file with each page's media box widened and shortened about its
centre: the same content streams, links, bookmarks and fonts, the page centred on the paper, and
margins of at least those asked for. Nothing is laid out or drawn a second time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

PT_PER_MM = 72 / 25.4
"""PDF points per millimetre."""


@dataclass(frozen=True, slots=True)
class Paper:
    width_mm: float
    height_mm: float


PAPERS = {"a4": Paper(210, 297), "letter": Paper(215.9, 279.4)}
"""File name suffix → paper size (every one of `model.PAPERS`)."""
LAYOUT = Paper(min(p.width_mm for p in PAPERS.values()), max(p.height_mm for p in PAPERS.values()))
"""The page every PDF is laid out on (A4 itself)."""


@dataclass(frozen=True, slots=True)
class Margins:
    """The smallest margins wanted on any paper, in millimetres."""

    top: float
    side: float
    bottom: float

    def page_css(self) -> str:
        """The `@page` size and margins that leave a text block fitting every paper."""
        spare = (LAYOUT.height_mm - min(p.height_mm for p in PAPERS.values())) / 2
        top, bottom = self.top + spare, self.bottom + spare
        return (
            f"size: {LAYOUT.width_mm}mm {LAYOUT.height_mm}mm; "
            f"margin: {top:.2f}mm {self.side}mm {bottom:.2f}mm"
        )


def on_papers(drawn: bytes, papers: tuple[str, ...] = tuple(PAPERS)) -> dict[str, bytes]:
    """The PDF drawn on LAYOUT, on each of `papers` (file suffix → bytes)."""
    return {name: on_paper(drawn, PAPERS[name]) for name in papers}


def on_paper(drawn: bytes, paper: Paper) -> bytes:
    """The PDF drawn on LAYOUT with each page's boxes set to `paper`, centred on the drawing."""
    if paper == LAYOUT:
        return drawn
    pdf = pikepdf.open(io.BytesIO(drawn))
    for page in pdf.pages:
        left, bottom, right, top = (float(v) for v in page.obj.MediaBox)
        dx = (paper.width_mm * PT_PER_MM - (right - left)) / 2
        dy = (paper.height_mm * PT_PER_MM - (top - bottom)) / 2
        box = pikepdf.Array([round(v, 3) for v in (left - dx, bottom - dy, right + dx, top + dy)])
        page.obj.MediaBox = box
        for other in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
            if other in page.obj:
                page.obj[other] = box
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return buffer.getvalue()
