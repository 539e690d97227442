"""The build: render every requested format in memory (in parallel), then write them all."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from termbase.builddate import build_date, concept_dates
from termbase.incremental import MANIFEST_NAME, Manifest, fingerprint, inputs_digest
from termbase.model import Glossary
from termbase.output import (
    OutputError,
    build_lock,
    check_out_dir,
    write_atomically,
    write_outputs,
)
from termbase.render import TEMPLATES, BuildContext, Output, RenderError, load_renderer


class BuildError(Exception):
    """A format could not be rendered or written; the message says which and why."""


def render_format(name: str, context: BuildContext) -> list[Output]:
    """Every output of one format (runs in a worker process when formats render in parallel)."""
    return list(load_renderer(name)(context))


def render_all(context: BuildContext, formats: Sequence[str]) -> dict[str, list[Output]]:
    """Each format's outputs, rendering independent formats on the available cores."""
    workers = min(len(formats), os.cpu_count() or 1)
    if workers <= 1:
        return {name: render_format(name, context) for name in formats}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # The registry lists the slowest formats last: start them first.
        futures = {name: pool.submit(render_format, name, context) for name in reversed(formats)}
        return {name: futures[name].result() for name in formats}


def build(
    glossary: Glossary,
    glossary_dir: Path,
    out_dir: Path,
    formats: Sequence[str],
    *,
    force: bool = False,
) -> dict[str, int | None]:
    """Render `formats` and write them below `out_dir`; return the number of files per format
    (None for a format that was up to date and not rendered; `force` renders every one).

    Nothing is written unless every format rendered; each file is replaced atomically, and a lock
    keeps two builds into one folder from interleaving their writes.
    """
    context = BuildContext(
        glossary, build_date(glossary_dir), concept_dates=concept_dates(glossary, glossary_dir)
    )
    inputs = inputs_digest(glossary_dir, context)
    prints = {name: fingerprint(inputs, name) for name in formats}
    manifest = Manifest.read(out_dir)
    stale = [
        name for name in formats if force or not manifest.up_to_date(out_dir, name, prints[name])
    ]
    try:
        check_out_dir(out_dir, [glossary_dir, TEMPLATES])
        rendered = render_all(context, stale) if stale else {}
    except (RenderError, OutputError) as error:
        raise BuildError(f"{error}; nothing was written") from None
    try:
        with build_lock(out_dir):
            write_outputs(out_dir, [o for outputs in rendered.values() for o in outputs])
            manifest = Manifest.read(out_dir).updated(
                {name: (prints[name], outputs) for name, outputs in rendered.items()}
            )
            write_atomically(out_dir / MANIFEST_NAME, manifest.to_bytes())
    except OutputError as error:
        raise BuildError(str(error)) from None
    return {name: len(rendered[name]) if name in rendered else None for name in formats}
