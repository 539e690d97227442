"""The build: inputs → plan → render → write, the glossary checked before anything is rendered.

    build = Build(glossary_dir, out_dir, formats)   # inputs hashed, manifest read, staleness
    if not build.stale: ...                          # up to date: the glossary is not loaded
    reports = build.run(glossary)                    # check, plan, render on all cores, write

Nothing is written unless every job rendered; the files are written as one generation, all or
none (`termbase.write`), and a lock keeps two builds into one folder from interleaving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from termbase.builddate import concept_dates
from termbase.checks import check
from termbase.findings import Finding, GlossaryError, Severity
from termbase.formats import NAMES, Format, named
from termbase.manifest import MANIFEST_NAME, FormatRecord, JobRecord, Manifest
from termbase.model import Glossary
from termbase.parallel import fork_map
from termbase.paths import TEMPLATES
from termbase.pinyin import prepare as prepare_pinyin
from termbase.plan import Inputs, Plan, PlannedJob, plan, stale_formats
from termbase.rendering import BuildContext, Job, Output, RenderError
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

    @property
    def up_to_date(self) -> bool:
        return self.rendered == 0


@dataclass(frozen=True, slots=True)
class Result:
    """What a build did: a report per format, and the check's findings (warnings, notes)."""

    reports: dict[str, FormatReport]
    findings: tuple[Finding, ...]


def run_jobs(jobs: Sequence[Job]) -> list[list[Output]]:
    """The outputs of each job, in order; the jobs run on the available cores, costliest first,
    in forked workers that inherit them (a job holding the glossary is not pickled)."""
    return fork_map(_make, jobs, costs=[job.cost for job in jobs])


def _make(job: Job) -> list[Output]:
    return job.make()


class Build:
    """One build of a glossary folder into an output folder."""

    def __init__(
        self,
        glossary_dir: Path,
        out_dir: Path,
        formats: Sequence[Format],
        *,
        force: bool = False,
    ) -> None:
        self.glossary_dir = glossary_dir
        self.out_dir = out_dir
        self.formats = tuple(formats)
        self.force = force
        self.inputs = Inputs.read(glossary_dir)
        try:
            settle(out_dir)  # before reading the manifest: a killed build's files first
        except OutputError as error:
            raise BuildError(str(error)) from None
        self.manifest = Manifest.read(out_dir)
        self.stale = stale_formats(self.inputs, self.manifest, out_dir, formats, force=force)
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
                context, self.inputs, self.manifest, self.out_dir, self.stale, force=self.force
            )
            rendered = dict(zip(work.to_run, run_jobs([p.job for p in work.to_run]), strict=True))
        except (RenderError, OutputError) as error:
            raise BuildError(f"{error}; nothing was written") from None
        manifest = self._write(work, rendered)
        reports = {f.name: _report(f.name, manifest, rendered) for f in self.formats}
        return Result(reports, findings)

    def _write(self, work: Plan, rendered: dict[PlannedJob, list[Output]]) -> Manifest:
        records = {
            name: FormatRecord(
                fingerprint,
                {
                    p.job.name: work.kept.get(p.id) or JobRecord.of(p.key, rendered[p])
                    for p in work.jobs
                    if p.format == name
                },
            )
            for name, fingerprint in work.fingerprints.items()
        }
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
    count = sum(len(outputs) for p, outputs in rendered.items() if p.format == name)
    record = manifest.formats.get(name)
    files = sum(len(job.files) for job in record.jobs.values()) if record else count
    return FormatReport(rendered=count, kept=files - count)


def build(
    glossary: Glossary,
    glossary_dir: Path,
    out_dir: Path,
    formats: Sequence[str] = NAMES,
    *,
    force: bool = False,
) -> dict[str, FormatReport]:
    """Render what changed of the formats named below `out_dir` (`force`: everything); report,
    per format, how many files were rendered and how many kept."""
    return Build(glossary_dir, out_dir, named(formats), force=force).run(glossary).reports
