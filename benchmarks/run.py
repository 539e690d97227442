"""`make bench`: time each stage of the build on the shipped glossary and on synthetic ones.

Prints a Markdown table: seconds and peak RSS per stage (each in a fresh process), then whole
builds of every format: cold, a no-op rebuild, and a rebuild after one Chinese definition was
edited. Sizes: `python -m benchmarks.run 100 1000 10000` (the default).

The PDFs lay out about two pages a second per core; beyond `--pdf-up-to` concepts (default 1,000)
they are left out of the glossary's row, whose builds then cover the other formats.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks import ROOT, synthetic
from termbase.formats import NAMES

NOT_RUN = "not run"


def stage(name: str, glossary: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.stage", name, str(glossary)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    measured = json.loads(result.stdout)
    return f"{measured['seconds']:.2f} s / {measured['peak_mb']} MB"


def whole_build(glossary: Path, out: Path, formats: list[str]) -> str:
    command = [sys.executable, "build.py", "build", "--glossary", str(glossary), "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--only", ",".join(formats)],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return f"{time.perf_counter() - started:.2f} s"


def edit_one_concept(glossary: Path) -> None:
    """Change the Chinese definition of one concept, as a translator's fix would."""
    path = sorted((glossary / "concepts").glob("*.yaml"))[0]
    data = yaml.safe_load(path.read_text())
    data["definition"]["zh-Hans"] = data["definition"]["zh-Hans"].rstrip("。") + "，已修订。"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def measure(label: str, glossary: Path, scratch: Path, with_pdf: bool) -> list[str]:
    formats = [name for name in NAMES if with_pdf or name != "pdf"]
    cells = [label]
    for name in ["load", "check", *NAMES]:
        cells.append(
            stage(name, glossary) if name in formats or name in ("load", "check") else NOT_RUN
        )
    out = scratch / f"out-{label}"
    cells.append(whole_build(glossary, out, formats))
    cells.append(whole_build(glossary, out, formats))
    edit_one_concept(glossary)
    cells.append(whole_build(glossary, out, formats))
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--pdf-up-to", type=int, default=1000, metavar="N")
    args = parser.parse_args()
    header = ["glossary", "load", "check", *NAMES]
    header += ["build (cold)", "build (no-op)", "build (one edit)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        shipped = Path(shutil.copytree(ROOT / "glossary", scratch / "shipped"))
        rows = [("shipped", shipped, len(list(shipped.glob("concepts/*.yaml"))))]
        rows += [(f"{n:,}", synthetic.write(n, scratch / f"g{n}"), n) for n in args.sizes]
        for label, glossary, size in rows:
            cells = measure(label, glossary, scratch, with_pdf=size <= args.pdf_up_to)
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
