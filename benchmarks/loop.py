"""The edit → see loop: `python -m benchmarks.loop [--against DIR] [--glossary DIR] [N ...]`.

For the shipped glossary (or `--glossary`) and synthetic ones of N concepts, every format with
the PDFs, in a scratch copy: a cold build into an empty folder (CPU seconds of the whole process
tree, user + sys, the forked workers included, and wall seconds, from `/usr/bin/time -v`), the
time to its first line of output (not a terminal), a no-op rebuild, and a rebuild after an edit
of one concept's definition in each language. `--against` runs another checkout's build.py (the
code before a change) on the same glossaries, right after this one's, so that both are
measured in one sitting; `--runs` repeats each measure and takes the median. The builds keep
dot's layouts and the compiled templates in a scratch cache folder (`TERMBASE_CACHE`), as in
daily use, and a cold build starts with that folder empty, so that it is cold. Prints Markdown.
"""

from __future__ import annotations

import argparse
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from benchmarks import ROOT, synthetic


def keep_caches_in(folder: Path | None) -> None:
    """The builds measured from now on keep their caches in `folder` (None: none at all)."""
    os.environ["TERMBASE_CACHE"] = str(folder) if folder else ""


def forget_caches() -> None:
    """Empty the builds' cache folder: the next build is cold."""
    if folder := os.environ.get("TERMBASE_CACHE"):
        shutil.rmtree(folder, ignore_errors=True)


def build_py(root: Path, *arguments: str) -> list[str]:
    """`build.py` of a checkout with `arguments`, run by the checkout's own Python when it has
    one (another checkout may need other packages)."""
    python = root / ".venv" / "bin" / "python"
    return [str(python) if python.exists() else sys.executable, str(root / "build.py"), *arguments]


def build_command(root: Path, glossary: Path, out: Path, options: Sequence[str] = ()) -> list[str]:
    """`build.py build` of a checkout, with `options` such as `--only pdf:reference`."""
    return build_py(root, "build", *options, "--glossary", str(glossary), "--out", str(out))


def timed_build(
    root: Path, glossary: Path, out: Path, options: Sequence[str] = ()
) -> tuple[float, float]:
    """(CPU seconds of the process tree, wall seconds) of one build."""
    command = ["/usr/bin/time", "-v", *build_command(root, glossary, out, options)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    log = result.stderr
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{log}")

    def field(name: str) -> float:
        found = re.search(rf"{re.escape(name)}: ([\d.:]+)", log)
        assert found, f"/usr/bin/time did not report {name!r}:\n{log}"
        seconds = 0.0
        for part in found.group(1).split(":"):  # h:mm:ss or m:ss.ss
            seconds = seconds * 60 + float(part)
        return seconds

    cpu = field("User time (seconds)") + field("System time (seconds)")
    return cpu, field("Elapsed (wall clock) time (h:mm:ss or m:ss)")


def first_line(root: Path, glossary: Path, out: Path) -> float:
    """Seconds from starting a build to its first line of output, on a pipe (then it is waited
    for to the end)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        build_command(root, glossary, out),
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout and process.stderr
    select.select([process.stdout, process.stderr], [], [])
    seconds = time.perf_counter() - started
    process.communicate()
    return seconds


def edit(glossary: Path, lang: str, number: int) -> None:
    """Change one concept's definition in `lang`, as a translator's fix would."""
    paths = sorted((glossary / "concepts").glob("*.yaml"))
    path = paths[len(paths) // 2]
    data = yaml.safe_load(path.read_text())
    text = data["definition"][lang].rstrip("。.")
    data["definition"][lang] = text + ("，已修订" if lang == "zh-Hans" else f" ({number})") + "."
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def median(measure: Callable[[], float], runs: int) -> float:
    return statistics.median(measure() for _ in range(runs))


def measure(root: Path, glossary: Path, scratch: Path, runs: int) -> dict[str, str]:
    """Every figure of one checkout on one glossary (its own copy, edited as it goes)."""
    copy = Path(shutil.copytree(glossary, scratch / f"g-{root.name}", dirs_exist_ok=True))
    colds = []
    for _ in range(runs):
        shutil.rmtree(scratch / "out", ignore_errors=True)
        forget_caches()
        colds.append(timed_build(root, copy, scratch / "out"))
    out = scratch / "out"
    cells = {
        "cold": f"{statistics.median(c for c, _ in colds):.1f} CPU-s, "
        f"{statistics.median(w for _, w in colds):.1f} s",
        "first line": f"{median(lambda: first_line(root, copy, scratch / 'fresh'), 1):.2f} s",
        # the wall time of a build with nothing to do
        "no-op": f"{median(lambda: timed_build(root, copy, out)[1], runs):.2f} s",
    }
    for number, lang in enumerate(("en", "ru", "zh-Hans"), 1):
        edits = []
        for run in range(runs):
            edit(copy, lang, number * 10 + run)
            edits.append(timed_build(root, copy, out))
        cells[f"edit {lang}"] = f"{statistics.median(w for _, w in edits):.1f} s"
    shutil.rmtree(copy)
    shutil.rmtree(scratch / "fresh", ignore_errors=True)
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[])
    parser.add_argument("--against", type=Path, help="another checkout, measured beside this one")
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary")
    parser.add_argument("--runs", type=int, default=3, help="repeats of each measure")
    args = parser.parse_args()
    roots = [ROOT, *([args.against.resolve()] if args.against else [])]
    header = [
        "glossary",
        "code",
        "cold",
        "first line",
        "no-op",
        "edit en",
        "edit ru",
        "edit zh-Hans",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        keep_caches_in(scratch / "cache")
        rows = [("shipped", args.glossary.resolve(), args.runs)]
        rows += [(f"{n:,}", synthetic.write(n, scratch / f"g{n}"), 1) for n in args.sizes]
        for label, glossary, runs in rows:
            for root in roots:
                cells = measure(root, glossary, scratch, runs)
                name = "this" if root == ROOT else root.name
                print("| " + " | ".join([label, name, *cells.values()]) + " |", flush=True)


if __name__ == "__main__":
    main()
