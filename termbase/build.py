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
from functools import partial
from pathlib import Path, PurePosixPath

from termbase.builddate import concept_dates
from termbase.findings import Finding, GlossaryError, Severity, summary
from termbase.formats import FORMATS, Format, Selection
from termbase.i18n import without_catalog
from termbase.manifest import MANIFEST_NAME, FormatRecord, JobRecord, Manifest
from termbase.model import Glossary
from termbase.parallel import fork_map
from termbase.paths import TEMPLATES
from termbase.plan import Inputs, Plan, PlannedJob, plan, stale_formats
from termbase.progress import SILENT, Progress
from termbase.render.contract import BuildContext, Job, Output, RenderError
from termbase.write import OutputError, build_lock, check_out_dir, settle, write_generation


class BuildError(Exception):
    """Nothing was built: the glossary has errors (`findings`, each with its place), or a format
    could not be rendered or written (the message says which and why)."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)


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
    went through the whole heap every few pages. Reference counting frees most objects anyway;
    the thresholds are put back after."""
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
    """One build of a glossary folder into an output folder: the one place that orders
    stale? → load → check → plan → render → write. The command line, `serve` and the tests
    each make a `Build` and `run` it."""

    def __init__(
        self,
        glossary_dir: Path,
        out_dir: Path,
        formats: Sequence[Format] = FORMATS,
        *,
        force: bool = False,
        progress: Progress = SILENT,
        only: Selection | None = None,
    ) -> None:
        self.glossary_dir = glossary_dir
        self.out_dir = out_dir
        self.formats = tuple(formats)
        self.force = force
        self.progress = progress
        self.only = only or {}

    def run(self) -> Result:
        """Render and write what is stale; an up-to-date build loads nothing (not even the
        glossary). The glossary is loaded and checked before anything is written; from
        planning to writing, the output folder's lock is held, so that a build beside this one
        can neither change the files this one keeps nor mix its files in.

        Raises `BuildError` when the glossary has errors (unless `force`) or a format cannot be
        rendered or written; nothing is written then."""
        try:
            settle(self.out_dir)  # before reading the manifest: a killed build's files first
            inputs = Inputs.read(self.glossary_dir)
            stale = self._stale(inputs, Manifest.read(self.out_dir))
            if not stale:
                return self._up_to_date()
            self.progress.stage(f"stale: {', '.join(f.name for f in stale)}")
            glossary = self._load()
            findings = self._check(glossary)
            check_out_dir(self.out_dir, [self.glossary_dir, TEMPLATES], [MANIFEST_NAME])
            with build_lock(self.out_dir):  # which settles too
                manifest = Manifest.read(self.out_dir)  # another build may have just written
                if not (stale := self._stale(inputs, manifest)):
                    return self._up_to_date()
                return self._build(glossary, findings, inputs, manifest, stale)
        except (RenderError, OutputError) as error:
            raise BuildError(f"{error}; nothing was written") from None

    def _stale(self, inputs: Inputs, manifest: Manifest) -> list[Format]:
        return stale_formats(
            inputs, manifest, self.out_dir, self.formats, force=self.force, only=self.only
        )

    def _up_to_date(self) -> Result:
        manifest = Manifest.read(self.out_dir)
        return Result({f.name: _report(f.name, manifest, {}) for f in self.formats}, ())

    def _build(
        self,
        glossary: Glossary,
        findings: tuple[Finding, ...],
        inputs: Inputs,
        manifest: Manifest,
        stale: list[Format],
    ) -> Result:
        from termbase.pinyin import prepare as prepare_pinyin

        dates = concept_dates(glossary, self.glossary_dir, inputs.file_dates)
        prepare_pinyin(glossary)  # before the jobs fork, so that they share the readings
        context = BuildContext(
            glossary,
            inputs.build_date,
            concept_dates=dates,
            findings=findings,
            digest=inputs.digest,
        )
        work = plan(
            context, inputs, manifest, self.out_dir, stale, force=self.force, only=self.only
        )
        self.progress.stage(f"planned {len(work.to_run)} job(s), {len(work.kept)} kept")
        self.progress.begin(len(work.to_run), len(work.kept))
        try:
            kept = partial(_kept_file, manifest, self.out_dir)
            reusable = partial(_reusable_file, manifest, self.out_dir)
            made = run_jobs([p.job for p in work.to_run], kept, self.progress, reusable)
        finally:
            self.progress.end()
        rendered = dict(zip(work.to_run, made, strict=True))
        try:
            written = self._write(manifest, work, rendered)
        except OutputError as error:  # it says what was written
            raise BuildError(str(error)) from None
        reports = {f.name: _report(f.name, written, rendered) for f in self.formats}
        return Result(reports, findings)

    def _load(self) -> Glossary:
        from termbase.load import load_glossary

        started = time.perf_counter()
        try:
            glossary = load_glossary(self.glossary_dir)
        except GlossaryError as error:
            message = "the glossary cannot be read; nothing was built"
            raise BuildError(message, error.findings) from None
        took = time.perf_counter() - started
        self.progress.stage(f"loaded {len(glossary.concepts)} concepts in {took:.1f} s")
        if untranslated := without_catalog(glossary.languages):
            self.progress.stage(
                f"no UI catalog for {', '.join(untranslated)}: the labels of its pages, decks "
                "and PDFs are in English"
            )
        return glossary

    def _check(self, glossary: Glossary) -> tuple[Finding, ...]:
        from termbase.checks import check

        findings = tuple(check(glossary))
        errors = [f for f in findings if f.severity is Severity.ERROR]
        listed = any(f.severity is not Severity.INFO for f in findings)
        self.progress.stage(f"check: {summary(findings)}" + ("; `check` lists them" * listed))
        if errors and not self.force:
            raise BuildError(
                "check finds errors in the glossary; nothing was built (--force builds anyway)",
                errors,
            )
        return findings

    def _write(
        self, last: Manifest, work: Plan, rendered: dict[PlannedJob, list[Output]]
    ) -> Manifest:
        """Write the rendered files and the manifest that records them (the lock is held)."""
        records = {}
        for name, fingerprint in work.fingerprints.items():
            jobs = {
                p.job.name: work.kept.get(p.id) or JobRecord.of(p.key, rendered[p])
                for p in work.jobs
                if p.format == name
            }
            before = last.formats.get(name)
            if name in work.narrowed and before:  # the documents not chosen keep their records
                jobs = {**before.jobs, **jobs}
            records[name] = FormatRecord(fingerprint, jobs)
        manifest = last.updated(records)
        files = [o for outputs in rendered.values() for o in outputs]
        record = Output(PurePosixPath(MANIFEST_NAME), manifest.to_bytes())
        write_generation(self.out_dir, [*files, record])
        return manifest


def _reusable_file(manifest: Manifest, out_dir: Path, path: PurePosixPath) -> bytes | None:
    """A file as the last build wrote it (None when it wrote none there, or it changed)."""
    return manifest.as_written(out_dir, str(path))


def _kept_file(manifest: Manifest, out_dir: Path, path: PurePosixPath) -> bytes:
    """A file kept from the last build, which a job of this one needs: as the manifest records
    it, or the build stops."""
    data = manifest.as_written(out_dir, str(path))
    if data is None:
        raise RenderError(f"{path}: a kept file changed or went while the build ran")
    return data


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
