"""The README's preview of a cheat sheet: `python -m tools.preview GLOSSARY PNG`.

Renders only the first page of the trilingual A4 cheat sheet of glossary/ (with the build's
date, so the image changes only when the glossary does) and rasterises it with poppler's
`pdftoppm`, small enough for a README.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from termbase.builddate import build_date
from termbase.findings import GlossaryError
from termbase.load import load_glossary
from termbase.render.contract import BuildContext, RenderError
from termbase.render.pdf import draw, sheet_html

RESOLUTION = 60  # dots per inch: an A4 page becomes 496 × 702 pixels


def preview(glossary_dir: Path, image: Path, *, resolution: int = RESOLUTION) -> Path:
    """Write the PNG of the first page of the cheat sheet in all languages; return its path."""
    glossary = load_glossary(glossary_dir)
    context = BuildContext(glossary, build_date(glossary_dir))
    pdf = draw(sheet_html(context, glossary.languages), str(image))
    image.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
             str(source), str(stem)],
            check=True,
        )  # fmt: skip
        image.write_bytes(stem.with_suffix(".png").read_bytes())
    return image


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tools.preview GLOSSARY PNG", file=sys.stderr)
        return 2
    try:
        print(preview(Path(argv[0]), Path(argv[1])))
    except GlossaryError as error:
        print("\n".join(map(str, error.findings)), file=sys.stderr)
        return 1
    except RenderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except FileNotFoundError:
        print("error: pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
