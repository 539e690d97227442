"""The edit → see loop: `python -m benchmarks.loop [--root DIR] [N ...]`.

For the shipped glossary and synthetic ones of N concepts (every format, PDFs included), in a
scratch copy: a cold full build, then an edit of one concept in each language (its definition),
each rebuilt incrementally. Each build runs `build.py` as a process under `/usr/bin/time -v`,
which counts the CPU seconds of the whole process tree (user + sys, the forked workers included),
and the wall time. `--root` times another checkout's build.py (the code before a change), with
the same glossaries; `--runs` repeats the cold build and takes the median. Prints Markdown.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks import ROOT, synthetic

LANGUAGES = ("en", "ru", "zh-Hans")


def timed_build(root: Path, glossary: Path, out: Path) -> tuple[float, float]:
    """(CPU seconds of the process tree, wall seconds) of one build."""
    command = ["/usr/bin/time", "-v", sys.executable, str(root / "build.py"), "build"]
    command += ["--glossary", str(glossary), "--out", str(out)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    log = result.stderr
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{log}")

    def field(name: str) -> float:
        found = re.search(rf"{re.escape(name)}: ([\d.:]+)", log)
        assert found, f"/usr/bin/time did not report {name!r}:\n{log}"
        value = found.group(1)
        seconds = 0.0
        for part in value.split(":"):  # h:mm:ss or m:ss.ss
            seconds = seconds * 60 + float(part)
        return seconds

    cpu = field("User time (seconds)") + field("System time (seconds)")
    return cpu, field("Elapsed (wall clock) time (h:mm:ss or m:ss)")


def edit(glossary: Path, lang: str, number: int) -> None:
    """Change one concept's definition in `lang`, as a translator's fix would."""
    paths = sorted((glossary / "concepts").glob("*.yaml"))
    path = paths[len(paths) // 2]
    data = yaml.safe_load(path.read_text())
    text = data["definition"][lang].rstrip("。.")
    data["definition"][lang] = text + ("，已修订" if lang == "zh-Hans" else f" ({number})") + "."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def measure(root: Path, label: str, glossary: Path, scratch: Path, runs: int) -> list[str]:
    colds = []
    for run in range(runs):
        out = scratch / f"out-{label}-{run}"
        colds.append(timed_build(root, glossary, out))
    cpu = statistics.median(c for c, _ in colds)
    wall = statistics.median(w for _, w in colds)
    cells = [label, f"{cpu:.1f} CPU-s, {wall:.1f} s"]
    for number, lang in enumerate(LANGUAGES, 1):
        edit(glossary, lang, number)
        cpu, wall = timed_build(root, glossary, out)
        cells.append(f"{wall:.1f} s ({cpu:.1f} CPU-s)")
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[])
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose build.py runs")
    parser.add_argument("--runs", type=int, default=3, help="cold builds of the shipped glossary")
    args = parser.parse_args()
    header = ["glossary", "cold build (median)", *(f"edit {lang}" for lang in LANGUAGES)]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        shipped = Path(shutil.copytree(ROOT / "glossary", scratch / "shipped"))
        rows = [("shipped", shipped, args.runs)]
        rows += [(f"{n:,}", synthetic.write(n, scratch / f"g{n}"), 1) for n in args.sizes]
        for label, glossary, runs in rows:
            cells = measure(args.root.resolve(), label, glossary, scratch, runs)
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
