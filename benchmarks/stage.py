"""Time one stage of the build in this process: `python -m benchmarks.stage STAGE GLOSSARY`.

Prints one JSON line: the stage, seconds of wall time, and the process's peak RSS in MB.
Each stage runs in a fresh process so that peak memory belongs to it alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from termbase.build import render_format
from termbase.builddate import build_date
from termbase.checks import check
from termbase.load import load_glossary
from termbase.render import BuildContext


def run(stage: str, glossary_dir: Path) -> dict[str, object]:
    started = time.perf_counter()
    glossary = load_glossary(glossary_dir)
    loaded = time.perf_counter()
    if stage == "load":
        seconds = loaded - started
    elif stage == "check":
        check(glossary)
        seconds = time.perf_counter() - loaded
    else:
        render_format(stage, BuildContext(glossary, build_date(glossary_dir)))
        seconds = time.perf_counter() - loaded
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage, "seconds": round(seconds, 3), "peak_mb": round(peak_mb)}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], Path(sys.argv[2]))))
