"""The HTML search at scale: milliseconds from a keystroke to the results on screen.

`python -m benchmarks.search GLOSSARY_DIR` (or a number N: a synthetic glossary of N concepts)
builds the HTML of the glossary into a scratch folder, opens its English page from disk in
Debian's Chromium (driven by Playwright), and types queries in each script one character at a
time, as a reader does; every keystroke is timed from the input event to the next painted frame.
Prints one JSON line: the number of keystrokes, and the median, 90th percentile and slowest of
their times.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import ROOT, synthetic

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUERIES = ("generative model", "модель", "shengcheng", "生成模型", "GPT")

TYPE_ONE = """async (text) => {
  const input = document.getElementById("_q");
  const start = performance.now();
  input.value = text;
  input.dispatchEvent(new Event("input"));
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  return performance.now() - start;
}"""


def keystroke_times(page_path: Path) -> list[float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.fill("#_q", "model")  # the first search loads the index
        page.wait_for_function("document.getElementById('_q-status').textContent !== ''")
        times = []
        for query in QUERIES:
            page.evaluate(TYPE_ONE, "")
            times += [page.evaluate(TYPE_ONE, query[:n]) for n in range(1, len(query) + 1)]
        browser.close()
    return times


def main(target: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        glossary = synthetic.write(int(target), Path(tmp) / "g") if target.isdigit() else target
        build = [sys.executable, "build.py", "build", "--only", "html"]
        subprocess.run(
            [*build, "--glossary", str(glossary), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        times = keystroke_times(out / "html" / "en" / "index.html")
    print(
        json.dumps(
            {
                "keystrokes": len(times),
                "median_ms": round(statistics.median(times), 1),
                "p90_ms": round(statistics.quantiles(times, n=10)[-1], 1),
                "slowest_ms": round(max(times), 1),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
