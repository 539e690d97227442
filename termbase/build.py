"""The build: inputs → plan → render → write, the glossary checked before anything is rendered.

    build = Build(glossary_dir, out_dir, formats)   # inputs hashed, manifest read, staleness
    if not build.stale: ...                          # up to date: the glossary is not loaded
    reports = build.run(glossary)                    # check, plan, render on all cores, write

Nothing is written unless every job rendered; the files are written as one generation, all or
none (`termbase.write`), and a lock keeps two builds into one folder from interleaving.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from termbase.builddate import concept_dates
from termbase.checks import check
from termbase.findings import Finding, GlossaryError, Severity
from termbase.formats import NAMES, Format, Selection, selection
from termbase.manifest import MANIFEST_NAME, FormatRecord, JobRecord, Manifest
from termbase.model import Glossary
from termbase.parallel import fork_map
from termbase.paths import TEMPLATES
from termbase.pinyin import prepare as prepare_pinyin
from termbase.plan import Inputs, Plan, PlannedJob, plan, stale_formats
from termbase.progress import SILENT, Progress
from termbase.render.contract import BuildContext, Job, Output, RenderError
from termbase.write import OutputError, build_lock, check_out_dir, settle, write_generation


class BuildError(Exception):
    """A format could not be rendered or written; the message says which and why."""


@dataclass(frozen=True, slots=True)
class FormatReport:
    """What a build did for one format."""

    rendered: int
    """Files rendered by this build."""
    kept: int
    """Files left as they were, their inputs unchanged."""
    folders: tuple[str, ...] = ()
    """Where its files are, below the output folder (`pdf/`, `glossary.json`)."""

    @property
    def up_to_date(self) -> bool:
        return self.rendered == 0


@dataclass(frozen=True, slots=True)
class Result:
    """What a build did: a report per format, and the check's findings (warnings, notes)."""

    reports: dict[str, FormatReport]
    findings: tuple[Finding, ...]


def _unreadable(path: PurePosixPath) -> bytes:
    raise RenderError(f"{path}: needed by a job, but neither rendered nor kept")


def run_jobs(
    jobs: Sequence[Job],
    kept: Callable[[PurePosixPath], bytes] = _unreadable,
    progress: Progress = SILENT,
    reusable: Callable[[PurePosixPath], bytes | None] = lambda _path: None,
) -> list[list[Output]]:
    """The outputs of each job, in order; the jobs run on the available cores, costliest first,
    in forked workers that inherit them (a job holding the glossary is not pickled). The jobs
    that need others' files run after them, given those files, rendered now or `kept`, and the
    files they reuse that are `reusable` (None when not)."""
    for prepare in dict.fromkeys(job.prepare for job in jobs if job.prepare):
        prepare()
    results: dict[int, list[Output]] = {}
    first = [i for i, job in enumerate(jobs) if not job.needs]
    then = [i for i, job in enumerate(jobs) if job.needs]
    files: dict[PurePosixPath, bytes] = {}
    with _collecting_less():
        for wave in (first, then):
            for i in wave:
                files.update((path, kept(path)) for path in jobs[i].needs if path not in files)
                for path in jobs[i].reuses:
                    if path not in files and (data := reusable(path)) is not None:
                        files[path] = data
            results.update(_run_wave([jobs[i] for i in wave], wave, files, progress))
            files.update((o.path, o.data) for i in wave for o in results[i])
    return [results[i] for i in range(len(jobs))]


@contextmanager
def _collecting_less() -> Iterator[None]:
    """Python's cycle collector, run less often while the jobs run. A document being laid out
    holds every box of its pages until it is drawn, so with the default thresholds the collector
    went through the whole heap every few pages (a cold build of the shipped glossary: 14.1
    CPU-s with these, 14.6 without). Reference counting frees most objects anyway; the
    thresholds are put back after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _run_wave(
    jobs: Sequence[Job],
    numbers: Sequence[int],
    files: dict[PurePosixPath, bytes],
    progress: Progress,
) -> dict[int, list[Output]]:
    def timed(job: Job) -> tuple[list[Output], float]:
        started = time.perf_counter()
        return job.run(files), time.perf_counter() - started

    made = fork_map(
        timed,
        jobs,
        costs=[job.cost for job in jobs],
        on_start=lambda i: progress.started(jobs[i].name),
        on_done=lambda i, result: progress.done(jobs[i].name, result[1]),
    )
    return {numbers[i]: outputs for i, (outputs, _seconds) in enumerate(made)}


class Build:
    """One build of a glossary folder into an output folder."""

    def __init__(
        self,
        glossary_dir: Path,
        out_dir: Path,
        formats: Sequence[Format],
        *,
        force: bool = False,
        progress: Progress = SILENT,
        only: Selection | None = None,
    ) -> None:
        self.glossary_dir = glossary_dir
        self.progress = progress
        self.only = only or {}
        self.out_dir = out_dir
        self.formats = tuple(formats)
        self.force = force
        self.inputs = Inputs.read(glossary_dir)
        try:
            settle(out_dir)  # before reading the manifest: a killed build's files first
        except OutputError as error:
            raise BuildError(str(error)) from None
        self.manifest = Manifest.read(out_dir)
        self.stale = stale_formats(
            self.inputs, self.manifest, out_dir, formats, force=force, only=self.only
        )
        """The formats to render; none when everything is up to date."""

    def run(self, glossary: Glossary) -> Result:
        """Check the glossary, then render and write what is stale.

        Raises `GlossaryError` with the errors `check` finds (unless `force`), `BuildError` when
        a format cannot be rendered or written; nothing is written then.
        """
        if not self.stale:
            return Result({f.name: _report(f.name, self.manifest, {}) for f in self.formats}, ())
        findings = tuple(check(glossary))
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors and not self.force:
            raise GlossaryError(errors)
        dates = concept_dates(glossary, self.glossary_dir, self.inputs.file_dates)
        prepare_pinyin(glossary)  # before the jobs fork, so that they share the readings
        context = BuildContext(
            glossary, self.inputs.build_date, concept_dates=dates, findings=findings
        )
        try:
            check_out_dir(self.out_dir, [self.glossary_dir, TEMPLATES], [MANIFEST_NAME])
            work = plan(
                context,
                self.inputs,
                self.manifest,
                self.out_dir,
                self.stale,
                force=self.force,
                only=self.only,
            )
            self.progress.begin(len(work.to_run), len(work.kept))
            try:
                jobs = [p.job for p in work.to_run]
                made = run_jobs(jobs, self._kept_file, self.progress, self._reusable)
            finally:
                self.progress.end()
            rendered = dict(zip(work.to_run, made, strict=True))
        except (RenderError, OutputError) as error:
            raise BuildError(f"{error}; nothing was written") from None
        manifest = self._write(work, rendered)
        reports = {f.name: _report(f.name, manifest, rendered) for f in self.formats}
        return Result(reports, findings)

    def _kept_file(self, path: PurePosixPath) -> bytes:
        """A file kept from the last build, which a job of this one needs."""
        try:
            return (self.out_dir / path).read_bytes()
        except OSError as error:
            raise RenderError(f"{path}: cannot read the kept file ({error.strerror})") from None

    def _reusable(self, path: PurePosixPath) -> bytes | None:
        """A file as the last build wrote it (None when it wrote none there, or it changed)."""
        return self.manifest.as_written(self.out_dir, str(path))

    def _write(self, work: Plan, rendered: dict[PlannedJob, list[Output]]) -> Manifest:
        records = {}
        for name, fingerprint in work.fingerprints.items():
            jobs = {
                p.job.name: work.kept.get(p.id) or JobRecord.of(p.key, rendered[p])
                for p in work.jobs
                if p.format == name
            }
            last = self.manifest.formats.get(name)
            if name in work.narrowed and last:  # the documents not chosen keep their records
                jobs = {**last.jobs, **jobs}
            records[name] = FormatRecord(fingerprint, jobs)
        files = [o for outputs in rendered.values() for o in outputs]
        try:
            with build_lock(self.out_dir):
                manifest = Manifest.read(self.out_dir).updated(records)
                record = Output(PurePosixPath(MANIFEST_NAME), manifest.to_bytes())
                write_generation(self.out_dir, [*files, record])
        except OutputError as error:
            raise BuildError(str(error)) from None
        return manifest


def _report(
    name: str, manifest: Manifest, rendered: dict[PlannedJob, list[Output]]
) -> FormatReport:
    """What a format's files are: those rendered now and those kept, the build's own working
    files (the reference's parts, below a folder whose name starts with a dot) left out."""
    made = [str(o.path) for p, outputs in rendered.items() if p.format == name for o in outputs]
    record = manifest.formats.get(name)
    files = [f for job in record.jobs.values() for f in job.files] if record else made
    shown = [f for f in files if not f.startswith(".")]
    count = sum(not f.startswith(".") for f in made)
    folders = sorted({f.split("/")[0] + ("/" if "/" in f else "") for f in shown})
    return FormatReport(rendered=count, kept=len(shown) - count, folders=tuple(folders))


def build(
    glossary: Glossary,
    glossary_dir: Path,
    out_dir: Path,
    formats: Sequence[str] = NAMES,
    *,
    force: bool = False,
) -> dict[str, FormatReport]:
    """Render what changed of the formats named (`pdf`, or finer: `pdf:en-ru`) below `out_dir`
    (`force`: everything); report, per format, how many files were rendered and how many kept."""
    chosen, only = selection(formats)
    return Build(glossary_dir, out_dir, chosen, force=force, only=only).run(glossary).reports
