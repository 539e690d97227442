"""`make bench`: time each stage of the build on the shipped glossary and on synthetic ones.

Prints a Markdown table (seconds and peak RSS per stage, then whole builds: cold, and a no-op
rebuild). Sizes: `python -m benchmarks.run 100 1000 10000` (the default).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import synthetic
from termbase.render import RENDERERS

ROOT = Path(__file__).resolve().parents[1]


def stage(name: str, glossary: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.stage", name, str(glossary)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def whole_build(glossary: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "build.py", "build", "--glossary", str(glossary), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def measure(label: str, glossary: Path, scratch: Path) -> list[str]:
    cells = [label]
    for name in ["load", "check", *RENDERERS]:
        result = stage(name, glossary)
        cells.append(f"{result['seconds']:.2f} s / {result['peak_mb']} MB")
    out = scratch / f"out-{label}"
    cells.append(f"{whole_build(glossary, out):.2f} s")
    cells.append(f"{whole_build(glossary, out):.2f} s")
    return cells


def main(sizes: list[int]) -> None:
    header = ["glossary", "load", "check", *RENDERERS, "build (cold)", "build (no-op)"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        rows = [("shipped", ROOT / "glossary")]
        rows += [(f"{n:,}", synthetic.write(n, scratch / f"g{n}")) for n in sizes]
        for label, glossary in rows:
            print("| " + " | ".join(measure(label, glossary, scratch)) + " |", flush=True)


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [100, 1000, 10000])
