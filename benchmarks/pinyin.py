"""Pinyin by word at scale: `python -m benchmarks.pinyin N` reads every Chinese term of a
synthetic glossary of N concepts as a build does: `pinyin.prepare` once (jieba's dictionary for
the glossary's characters, every reading derived), then the outputs asking again (the cache).

Each run is a fresh process (`--child`), which measures its own user+sys CPU seconds around the
reading only, so that loading 10,000 YAML files does not drown it. Prints one JSON line with the
median run of `--runs` (default 5): seconds for the first pass and for two more passes.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import ROOT, synthetic


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(glossary_dir: Path) -> None:
    from termbase import pinyin
    from termbase.load import load_glossary

    glossary = load_glossary(glossary_dir)
    terms = [term for concept in glossary.concepts for term in concept.terms]
    start = cpu()
    pinyin.prepare(glossary)
    for term in terms:
        pinyin.pinyin_of(term)
    first = cpu()
    for _ in range(2):
        for term in terms:
            pinyin.pinyin_of(term)
    print(json.dumps({"first": first - start, "again": cpu() - first}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("concepts", type=int, nargs="?", default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        glossary = synthetic.write(args.concepts, Path(folder) / "glossary")
        command = [sys.executable, "-m", "benchmarks.pinyin", "--child", str(glossary)]
        runs = [
            json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout)
            for _ in range(args.runs)
        ]
    median = {key: round(statistics.median(r[key] for r in runs), 2) for key in runs[0]}
    print(json.dumps({"concepts": args.concepts, **median}))


if __name__ == "__main__":
    main()
