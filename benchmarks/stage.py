"""Time one stage of the build in this process: `python -m benchmarks.stage STAGE GLOSSARY`.

Prints one JSON line: the stage, seconds of wall time, and the process's peak RSS in MB.
Each stage runs in a fresh process so that peak memory belongs to it alone; a format's jobs run
on the available cores as in a build, and the peak is that of the largest process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF, getrusage

from termbase.build import run_jobs
from termbase.builddate import build_date
from termbase.checks import check
from termbase.formats import named
from termbase.load import load_glossary
from termbase.render.contract import BuildContext


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
        context = BuildContext(glossary, build_date(glossary_dir))
        [format_] = named([stage])
        run_jobs(format_.jobs(context, fingerprint=""))
        seconds = time.perf_counter() - loaded
    peak_kb = max(getrusage(who).ru_maxrss for who in (RUSAGE_SELF, RUSAGE_CHILDREN))
    peak_mb = peak_kb / 1024
    return {"stage": stage, "seconds": round(seconds, 3), "peak_mb": round(peak_mb)}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], Path(sys.argv[2]))))
