"""The build: render every requested format in memory, then write them all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from termbase.builddate import build_date
from termbase.model import Glossary
from termbase.output import OutputError, check_out_dir, write_outputs
from termbase.render import TEMPLATES, BuildContext, Output, RenderError, load_renderer


class BuildError(Exception):
    """A format could not be rendered or written; the message says which and why."""


def build(
    glossary: Glossary, glossary_dir: Path, out_dir: Path, formats: Sequence[str]
) -> dict[str, int]:
    """Render `formats` and write them below `out_dir`; return the number of files per format."""
    context = BuildContext(glossary, build_date(glossary_dir))
    rendered: dict[str, list[Output]] = {}
    try:
        check_out_dir(out_dir, [glossary_dir, TEMPLATES])
        for name in formats:
            rendered[name] = list(load_renderer(name)(context))
        write_outputs(out_dir, [o for outputs in rendered.values() for o in outputs])
    except (RenderError, OutputError) as error:
        raise BuildError(str(error)) from None
    return {name: len(outputs) for name, outputs in rendered.items()}
