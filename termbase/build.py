"""The build: plan each stale format's jobs, render them on the available cores, then write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.builddate import concept_dates
from termbase.incremental import (
    MANIFEST_NAME,
    FormatRecord,
    Inputs,
    JobRecord,
    Manifest,
    fingerprint,
    job_key,
)
from termbase.model import Glossary
from termbase.output import (
    OutputError,
    build_lock,
    check_out_dir,
    write_atomically,
    write_outputs,
)
from termbase.parallel import fork_map
from termbase.render import TEMPLATES, BuildContext, Job, Output, RenderError, format_jobs


class BuildError(Exception):
    """A format could not be rendered or written; the message says which and why."""


@dataclass(frozen=True, slots=True)
class FormatReport:
    """What a build did for one format."""

    rendered: int
    """Files rendered by this build."""
    kept: int
    """Files left as they were, their inputs unchanged."""

    @property
    def up_to_date(self) -> bool:
        return self.rendered == 0


@dataclass(frozen=True, slots=True)
class _Planned:
    """A job of a stale format, with its key as recorded in the manifest."""

    format: str
    job: Job
    key: str


def run_jobs(jobs: Sequence[Job]) -> list[list[Output]]:
    """The outputs of each job, in order; the jobs run on the available cores, costliest first,
    in forked workers that inherit them (a job holding the glossary is not pickled)."""
    return fork_map(_make, jobs, costs=[job.cost for job in jobs])


def _make(job: Job) -> list[Output]:
    return job.make()


def stale_formats(
    inputs: Inputs, out_dir: Path, formats: Sequence[str], *, force: bool = False
) -> list[str]:
    """The formats not up to date in `out_dir` (all of them with `force`): those to plan again.
    An empty list means a build would render nothing, and the glossary need not be loaded."""
    prints = {name: fingerprint(inputs.digest, name) for name in formats}
    return Manifest.read(out_dir).stale(out_dir, prints, force=force)


def build(
    glossary: Glossary,
    glossary_dir: Path,
    out_dir: Path,
    formats: Sequence[str],
    *,
    force: bool = False,
    inputs: Inputs | None = None,
) -> dict[str, FormatReport]:
    """Render what changed of `formats` below `out_dir` (`force`: everything); report, per format,
    how many files were rendered and how many kept. `inputs` are read when not given.

    Nothing is written unless every job rendered; each file is replaced atomically, and a lock
    keeps two builds into one folder from interleaving their writes.
    """
    inputs = inputs or Inputs.read(glossary_dir)
    dates = concept_dates(glossary, glossary_dir, inputs.file_dates)
    context = BuildContext(glossary, inputs.build_date, concept_dates=dates)
    prints = {name: fingerprint(inputs.digest, name) for name in formats}
    manifest = Manifest.read(out_dir)
    stale = manifest.stale(out_dir, prints, force=force)
    try:
        check_out_dir(out_dir, [glossary_dir, TEMPLATES])
        planned = [
            _Planned(name, job, job_key(job.key))
            for name in stale
            for job in format_jobs(name, context, prints[name])
        ]
        kept = {
            (p.format, p.job.name): record
            for p in planned
            if not force and (record := manifest.kept(out_dir, p.format, p.job.name, p.key))
        }
        to_run = [p for p in planned if (p.format, p.job.name) not in kept]
        rendered = dict(zip(to_run, run_jobs([p.job for p in to_run]), strict=True))
    except (RenderError, OutputError) as error:
        raise BuildError(f"{error}; nothing was written") from None
    jobs_of: dict[str, dict[str, JobRecord]] = {name: {} for name in stale}
    for p in planned:
        jobs_of[p.format][p.job.name] = kept.get((p.format, p.job.name)) or JobRecord.of(
            p.key, rendered[p]
        )
    records = {name: FormatRecord(prints[name], jobs) for name, jobs in jobs_of.items()}
    try:
        with build_lock(out_dir):
            write_outputs(out_dir, [o for outputs in rendered.values() for o in outputs])
            manifest = Manifest.read(out_dir).updated(records)
            write_atomically(out_dir / MANIFEST_NAME, manifest.to_bytes())
    except OutputError as error:
        raise BuildError(str(error)) from None
    return {name: _report(name, manifest, rendered) for name in formats}


def _report(name: str, manifest: Manifest, rendered: dict[_Planned, list[Output]]) -> FormatReport:
    count = sum(len(outputs) for p, outputs in rendered.items() if p.format == name)
    record = manifest.formats.get(name)
    files = sum(len(job.files) for job in record.jobs.values()) if record else count
    return FormatReport(rendered=count, kept=files - count)
