"""`build.py attest` over the usage corpus (../shared/corpus): `python -m benchmarks.attest`.

Times whole processes under `/usr/bin/time -v`, on a copy of the shipped glossary: a cold run
(an empty cache folder: the corpus is read, cut into passages and every language counted), a
run after one concept's Russian term changed (a variant added, then taken out again: the cache
holds the corpus index and the other languages' counts), and `attest --candidates` with the
cache warm. Prints one JSON line: each case's median wall and CPU seconds (user + sys), its
peak RSS, and every run's CPU seconds (`--runs`, default 3).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks import ROOT, Timed, timed

CORPUS = ROOT.parent / "shared" / "corpus"
EDITED = "fine-tuning"
"""The concept whose Russian term the one-concept runs change."""
VARIANT = "    - text: дообучение модели\n      status: admitted\n"


def attest(glossary: Path, cache: Path, *extra: str) -> Timed:
    command = [sys.executable, "build.py", "attest", str(CORPUS), "--glossary", str(glossary)]
    run = timed([*command, "--cache", str(cache), *extra])
    if run.returncode:
        raise SystemExit(f"attest exited with {run.returncode}")
    return run


def median(runs: list[Timed]) -> dict[str, object]:
    ordered = sorted(runs, key=lambda r: r.cpu_s)
    middle = ordered[len(ordered) // 2]
    return {
        "wall_s": round(middle.wall_s, 2),
        "cpu_s": round(middle.cpu_s, 2),
        "peak_mb": round(middle.peak_mb),
        "cpu_s_runs": [round(r.cpu_s, 2) for r in runs],
    }


def toggle_variant(concept: Path) -> None:
    """Add a Russian variant to the concept, or take it out again: an edit of one term."""
    text = concept.read_text(encoding="utf-8")
    ru = "  ru:\n"
    if VARIANT in text:
        concept.write_text(text.replace(VARIANT, ""), encoding="utf-8")
    else:
        concept.write_text(text.replace(ru, ru + VARIANT, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(json.dumps({"skipped": f"no corpus at {CORPUS}"}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        glossary = Path(shutil.copytree(ROOT / "glossary", Path(tmp) / "glossary"))
        cold = [attest(glossary, Path(tmp) / f"cold-{n}") for n in range(args.runs)]
        cache = Path(tmp) / "cache"
        attest(glossary, cache)
        edited = []
        for _ in range(args.runs):
            toggle_variant(glossary / "concepts" / f"{EDITED}.yaml")
            edited.append(attest(glossary, cache))
        candidates = [attest(glossary, cache, "--candidates") for _ in range(args.runs)]
    print(
        json.dumps(
            {
                "cold": median(cold),
                "one_concept_changed": median(edited),
                "candidates": median(candidates),
                "median_of": args.runs,
            }
        )
    )


if __name__ == "__main__":
    main()
