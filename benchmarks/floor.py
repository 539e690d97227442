"""WeasyPrint alone on the HTML a build lays out: `python -m benchmarks.floor [GLOSSARY]`.

The floor under a cold build's PDFs: every HTML document the build gives WeasyPrint (the cheat
sheets at each density they are tried at, the reference's parts and its running furniture),
laid out and written by WeasyPrint in this one warm process, one after the other, with the
build's font configuration, and nothing else (no forking, no joining, no second paper). Prints
the CPU seconds of that, beside the pages, as one JSON line; `make bench` shows it beside the
build's own figure. The HTML is recorded as the build makes its WeasyPrint documents, so with
the breaks `engine.lay_out` adds to long runs; it is laid out here as it was recorded.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from resource import RUSAGE_SELF, getrusage
from typing import Any

from benchmarks import ROOT


def sources(glossary_dir: Path) -> list[str]:
    """The HTML of every document the PDF jobs lay out, in the order they do."""
    from termbase.builddate import build_date
    from termbase.load import load_glossary
    from termbase.render.contract import BuildContext, run_all
    from termbase.render.pdf import jobs
    from termbase.render.pdf.engine import html_class

    seen: list[str] = []
    document = html_class()
    original = document.__init__

    def recording(self: Any, *args: Any, string: str = "", **kwargs: Any) -> None:
        seen.append(string)
        original(self, *args, string=string, **kwargs)

    document.__init__ = recording
    try:
        glossary = load_glossary(glossary_dir)
        run_all(list(jobs(BuildContext(glossary, build_date(glossary_dir)))))
    finally:
        document.__init__ = original
    return seen


def cpu() -> float:
    usage = getrusage(RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def floor(glossary_dir: Path) -> dict[str, object]:
    from termbase.render.pdf.engine import fonts, html_class

    documents = sources(glossary_dir)
    pages = 0
    started, wall = cpu(), time.perf_counter()
    for source in documents:
        document = html_class()(string=source).render(font_config=fonts())
        pages += len(document.pages)
        document.write_pdf()
    return {
        "documents": len(documents),
        "pages": pages,
        "cpu_seconds": round(cpu() - started, 2),
        "wall_seconds": round(time.perf_counter() - wall, 2),
    }


if __name__ == "__main__":
    glossary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "glossary"
    print(json.dumps(floor(glossary)))
