"""The PDFs of a large glossary, one document at a time: `python -m benchmarks.pdf_scale N`.

A whole build of every PDF at 10,000 concepts takes most of an hour on two cores, so `make
bench` leaves the PDFs out of that row; this times the documents that bound it instead: the
trilingual cheat sheet and the largest reference volume of a synthetic glossary of N concepts,
each laid out once and written on both papers in a fresh process. Prints a Markdown table.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, synthetic


def one_document(glossary_dir: Path, kind: str, volume: str) -> dict[str, object]:
    """Lay out and write one document in this process: its pages, seconds and peak RSS."""
    from resource import RUSAGE_SELF, getrusage

    from weasyprint import HTML

    from termbase.builddate import build_date
    from termbase.load import load_glossary
    from termbase.render.pdf import documents, html
    from termbase.render.pdf_paper import PAPERS, on_paper
    from termbase.rendering import BuildContext

    glossary = load_glossary(glossary_dir)
    context = BuildContext(glossary, build_date(glossary_dir))
    chosen = next(v for k, _, v in documents(glossary) if k == kind and v.slug == volume)
    source = html(context, glossary.languages, kind, chosen)  # the trilingual edition
    started = time.perf_counter()
    document = HTML(string=source).render()
    laid_out = time.perf_counter()
    for paper in PAPERS.values():
        on_paper(document, paper).write_pdf()
    written = time.perf_counter()
    return {
        "pages": len(document.pages),
        "layout_s": round(laid_out - started, 1),
        "write_s": round(written - laid_out, 1),
        "peak_mb": round(getrusage(RUSAGE_SELF).ru_maxrss / 1024),
    }


def measure(glossary_dir: Path, kind: str, volume: str) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.pdf_scale", "--one", str(glossary_dir), kind]
    result = subprocess.run(
        [*command, volume], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main(size: int) -> None:
    print("| document | pages | layout | write (A4 + Letter) | peak RSS |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        glossary = synthetic.write(size, Path(tmp) / "glossary")
        volume = largest_volume(glossary)
        for label, kind, slug in (
            (f"trilingual cheat sheet, {size:,} concepts", "cheatsheet", ""),
            (f"reference volume '{volume}'", "reference", volume),
        ):
            m = measure(glossary, kind, slug)
            row = [
                label,
                m["pages"],
                f"{m['layout_s']} s",
                f"{m['write_s']} s",
                f"{m['peak_mb']} MB",
            ]
            print("| " + " | ".join(map(str, row)) + " |", flush=True)


def largest_volume(glossary_dir: Path) -> str:
    from termbase.load import load_glossary
    from termbase.render.pdf_content import volumes

    glossary = load_glossary(glossary_dir)
    parts = volumes(glossary, glossary.languages[0])
    return max(parts, key=lambda v: len(v.concept_ids or ())).slug


if __name__ == "__main__":
    if sys.argv[1] == "--one":
        print(json.dumps(one_document(Path(sys.argv[2]), sys.argv[3], sys.argv[4])))
    else:
        main(int(sys.argv[1]))
