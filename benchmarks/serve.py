"""A save while serving: `python -m benchmarks.serve [--against DIR] [--glossary DIR] [--runs N]`.

`build.py serve` on a scratch copy of the shipped glossary (or `--glossary`); once its first
build is done, one concept's definition is edited in each language, `--runs` times each, and
the seconds from the save to the server's line saying the HTML was rebuilt (the open pages
reload then) and to its line saying the other formats, the PDFs among them, were rebuilt are
taken from its terminal output. `--against` measures another checkout's `serve` right after
this one's, in the same sitting. Prints Markdown: the median of every edit, and the slowest.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

from benchmarks import ROOT
from benchmarks.loop import build_py, edit, forget_caches, keep_caches_in

LANGS = ("en", "ru", "zh-Hans")


def serve_command(root: Path, glossary: Path, out: Path) -> list[str]:
    return build_py(root, "serve", "--glossary", str(glossary), "--out", str(out), "--port", "0")


def wait_for_line(stream: IO[str], *words: str) -> str:
    """The next line of the server's output holding all of `words` (the lines before it are
    skipped); fails when the server ends first."""
    for line in stream:
        if all(word in line for word in words):
            return line
    raise RuntimeError(f"serve ended before saying {' '.join(words)!r}")


def measure(root: Path, glossary: Path, scratch: Path, runs: int) -> tuple[list[float], ...]:
    """Seconds from each save to the HTML rebuilt, and to the other formats rebuilt."""
    copy = Path(shutil.copytree(glossary, scratch / f"g-{root.name}"))
    forget_caches()  # the server's first build fills them, as a person's first build would
    process = subprocess.Popen(
        serve_command(root, copy, scratch / f"out-{root.name}"),
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    pages, rest = [], []
    try:
        wait_for_line(process.stderr, "pdf", "rebuilt in")  # the first build, whole
        for number, lang in enumerate(LANGS, 1):
            for run in range(runs):
                time.sleep(1)  # a quiet moment, as between two saves of a person
                edit(copy, lang, number * 10 + run)
                saved = time.perf_counter()
                wait_for_line(process.stderr, "html rebuilt in")
                pages.append(time.perf_counter() - saved)
                wait_for_line(process.stderr, "pdf", "rebuilt in")
                rest.append(time.perf_counter() - saved)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        shutil.rmtree(copy)
    return pages, rest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="another checkout, measured after this one")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary")
    parser.add_argument("--runs", type=int, default=3, help="edits per language")
    args = parser.parse_args()
    roots = [ROOT, *([args.against.resolve()] if args.against else [])]
    print("| code | save → page reloaded | save → every format, PDFs included |")
    print("|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        keep_caches_in(Path(tmp) / "cache")
        for root in roots:
            pages, rest = measure(root, args.glossary.resolve(), Path(tmp), args.runs)
            cells = [
                f"{statistics.median(seconds):.1f} s (slowest {max(seconds):.1f} s)"
                for seconds in (pages, rest)
            ]
            name = "this" if root == ROOT else root.name
            print(f"| {name} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()
