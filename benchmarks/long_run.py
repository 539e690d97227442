"""A run of letters without a space, laid out in the PDF reference:
`python -m benchmarks.long_run [--root DIR] [--runs N] [LENGTH ...]`.

For each length (by default 1,000, 2,500 and 5,000, the most a text may hold), in a scratch copy
of the small test glossary: the English definition of one concept replaced by a run of that
many letters, then the Russian one, then both; each built `--only pdf:reference` (the one
document that shows definitions) by `build.py` as a process under `/usr/bin/time -v`
(`loop.timed_build`: CPU seconds of the process tree, and wall seconds), the median of `--runs`
builds. `--root` times another checkout's build.py (the code before a change). Prints Markdown.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks import ROOT
from benchmarks.loop import keep_caches_in, timed_build

SMALL = ROOT / "tests" / "fixtures" / "mini"
CONCEPT = Path("concepts") / "llm.yaml"
DEFINITIONS = {
    "en": ("A language model of very large size, trained on huge amounts of text.", "etaoinshrd"),
    "ru": (
        "Языковая модель очень большого размера, обученная на огромных объёмах текста.",
        "оеаинтсрвл",
    ),
}
"""Per language: the definition replaced, and the letters of the run (the language's commonest,
in an order no word has)."""
CASES = {"en": ("en",), "ru": ("ru",), "en and ru": ("en", "ru")}


def run_of(length: int, letters: str) -> str:
    return "".join(letters[i * 7 % len(letters)] for i in range(length))


def glossary_with(scratch: Path, length: int, langs: tuple[str, ...]) -> Path:
    glossary = Path(shutil.copytree(SMALL, scratch / f"g-{length}-{'-'.join(langs)}"))
    text = (glossary / CONCEPT).read_text()
    for lang in langs:
        definition, letters = DEFINITIONS[lang]
        text = text.replace(definition, run_of(length, letters))
    (glossary / CONCEPT).write_text(text)
    return glossary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lengths", nargs="*", type=int, default=[1000, 2500, 5000])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose build.py runs")
    parser.add_argument("--runs", type=int, default=3, help="builds of each case (the median)")
    args = parser.parse_args()
    keep_caches_in(None)  # each build lays out the reference from nothing
    print("| letters | " + " | ".join(CASES) + " |")
    print("|---|" + "---|" * len(CASES), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for length in args.lengths:
            cells = [f"{length:,}"]
            for langs in CASES.values():
                glossary = glossary_with(scratch, length, langs)
                times = [
                    timed_build(
                        args.root.resolve(),
                        glossary,
                        scratch / f"out-{glossary.name}-{run}",
                        ("--only", "pdf:reference"),
                    )
                    for run in range(args.runs)
                ]
                cpu = statistics.median(c for c, _ in times)
                wall = statistics.median(w for _, w in times)
                cells.append(f"{cpu:.1f} CPU-s, {wall:.1f} s")
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
