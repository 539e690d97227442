"""The PDFs of a large glossary, one document at a time: `python -m benchmarks.pdf_scale N`.

A whole build of every PDF at 10,000 concepts takes most of an hour on two cores, so `make
bench` leaves the PDFs out of that row; this times the documents that bound it instead: the
trilingual cheat sheet and the largest reference volume of a synthetic glossary of N concepts,
each made in a fresh process, its jobs one after the other. Prints a Markdown table.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ROOT, synthetic


def one_document(glossary_dir: Path, kind: str, volume: str) -> dict[str, object]:
    """Make one document in this process, every job of it one after the other (the reference's
    parts, then the join), on both papers: its pages, seconds and peak RSS."""
    from resource import RUSAGE_SELF, getrusage

    import pikepdf

    from termbase.builddate import build_date
    from termbase.load import load_glossary
    from termbase.render.contract import BuildContext, run_all
    from termbase.render.pdf import jobs

    glossary = load_glossary(glossary_dir)
    context = BuildContext(glossary, build_date(glossary_dir))
    stem = "-".join(p for p in (glossary.slug, "en-ru-zh", kind, volume) if p)
    chosen = [job for job in jobs(context) if job.name.split("/")[0] == stem]
    started = time.perf_counter()
    outputs = run_all(chosen)
    made = time.perf_counter()
    a4 = next(o for o in outputs if o.path.name == f"{stem}-a4.pdf")
    return {
        "pages": len(pikepdf.open(io.BytesIO(a4.data)).pages),
        "seconds": round(made - started, 1),
        "peak_mb": round(getrusage(RUSAGE_SELF).ru_maxrss / 1024),
    }


def measure(glossary_dir: Path, kind: str, volume: str) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.pdf_scale", "--one", str(glossary_dir), kind]
    result = subprocess.run(
        [*command, volume], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main(size: int) -> None:
    print("| document | pages | laid out and drawn, A4 + Letter | peak RSS |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        glossary = synthetic.write(size, Path(tmp) / "glossary")
        volume = largest_volume(glossary)
        for label, kind, slug in (
            (f"trilingual cheat sheet, {size:,} concepts", "cheatsheet", ""),
            (f"reference volume '{volume}'", "reference", volume),
        ):
            m = measure(glossary, kind, slug)
            row = [label, m["pages"], f"{m['seconds']} s", f"{m['peak_mb']} MB"]
            print("| " + " | ".join(map(str, row)) + " |", flush=True)


def largest_volume(glossary_dir: Path) -> str:
    from termbase.load import load_glossary
    from termbase.render.pdf.content import volumes

    glossary = load_glossary(glossary_dir)
    parts = volumes(glossary, glossary.languages[0])
    return max(parts, key=lambda v: len(v.concept_ids or ())).slug


if __name__ == "__main__":
    if sys.argv[1] == "--one":
        print(json.dumps(one_document(Path(sys.argv[2]), sys.argv[3], sys.argv[4])))
    else:
        main(int(sys.argv[1]))
