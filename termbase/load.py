"""Load the glossary: glossary.toml and concepts/*.yaml → a validated, immutable `Glossary`.

Every problem in every file is collected in one pass; `GlossaryError` carries them all.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from termbase.evidence import with_evidence
from termbase.findings import Finding, GlossaryError, Message, Severity, suggest
from termbase.languages import is_chinese, is_japanese, is_kana, is_known
from termbase.model import (
    KIND_SYNONYMS,
    PAPERS,
    Concept,
    Contrast,
    CorpusSettings,
    CorpusSource,
    Domain,
    FrozenMap,
    Glossary,
    InstanceWords,
    Kind,
    Location,
    PdfSettings,
    Status,
    Term,
    TermType,
)
from termbase.paths import CONCEPTS_DIR, HEADER_FILE
from termbase.references import check_references
from termbase.source_text import TextFileError, not_a_file, read_text
from termbase.yamlnodes import NodeReader, YAMLSyntaxError, compose, unusable

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
CORPUS_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A corpus's name: its folder's, as citations give it (`corpus/<name>/...`)."""
SOURCE_PATTERN = re.compile(r"(?P<file>[^:\s][^:]*):(?P<line>[1-9][0-9]*)")
CONCEPT_KEYS = (
    "id",
    "kind",
    "domain",
    "terms",
    "definition",
    "notes",
    "broader",
    "related",
    "examples",
    "instance_of",
    "contrast",
    "maker",
    "year",
    "retired",
    "replaced_by",
)
REQUIRED_CONCEPT_KEYS = ("kind", "domain", "terms", "definition")
INSTANCE_KEYS = ("instance_of", "maker", "year")
TERM_KEYS = (
    "text",
    "status",
    "type",
    "pinyin",
    "reading",
    "note",
    "homonym",
    "sources",
    "general",
)
CONTRAST_KEYS = ("with", "note")
RELATION_KEYS = ("broader", "related", "examples", "instance_of")
DEFAULT_SLUG = "glossary"
"""The stem of the outputs' file names when no title gives one."""
MAX_TERM = 200
"""The longest term accepted, in characters (a longer one is a definition in the wrong place)."""


@dataclass(frozen=True, slots=True)
class Header:
    """What glossary.toml declares."""

    title: FrozenMap[str]
    description: FrozenMap[str]
    languages: tuple[str, ...]
    domains: tuple[Domain, ...]
    location: Location
    pdf: PdfSettings = field(default_factory=PdfSettings)
    slug: str = DEFAULT_SLUG
    non_translatables: tuple[str, ...] = ()
    instances: InstanceWords = field(default_factory=InstanceWords)
    corpus: CorpusSettings = field(default_factory=CorpusSettings)


def load_header(root: Path) -> Header:
    """Read and validate `glossary.toml` alone; raise `GlossaryError` with every problem.

    Places are relative to `root`, as in the model (`Finding.placed` shows them to a user)."""
    findings: list[Finding] = []
    header = _load_header(root, findings)
    if header is None:
        raise GlossaryError(findings)
    return header


def load_glossary(root: Path) -> Glossary:
    """Read and validate the glossary in `root`; raise `GlossaryError` with every problem.

    Every `Location` in the model and in the findings is relative to `root`
    (`concepts/llm.yaml`), so that no output depends on the folder a build ran from."""
    findings: list[Finding] = []
    header = load_header(root)
    paths = _concept_files(root, findings)
    concepts = [
        concept for path in paths if (concept := _load_concept(path, header, findings)) is not None
    ]
    if len(concepts) == len(paths):  # else references to the broken files would all dangle
        findings += check_references(concepts, {d.id for d in header.domains})
        concepts = with_evidence(root, concepts, findings)
    if findings:
        raise GlossaryError(findings)
    by_id = sorted(concepts, key=lambda c: c.id)
    return Glossary(
        title=header.title,
        description=header.description,
        languages=header.languages,
        domains=header.domains,
        concepts=tuple(c for c in by_id if not c.retired),
        location=header.location,
        retired=tuple(c for c in by_id if c.retired),
        pdf=header.pdf,
        slug=header.slug,
        instances=header.instances,
        non_translatables=header.non_translatables,
        corpus=header.corpus,
    )


# glossary.toml ------------------------------------------------------------------------------


def _load_header(root: Path, findings: list[Finding]) -> Header | None:
    if problem := folder_problem(root):
        findings.append(_error(Location(".", 0), "not-a-folder", problem))
        return None
    where = Location(HEADER_FILE, 0)
    try:
        text = read_text(root / HEADER_FILE, HEADER_FILE)
        data = tomllib.loads(text)
    except TextFileError as error:
        if error.message == "no such file":
            findings.append(_error(where, "missing-file", f"no {HEADER_FILE}: is this a glossary?"))
        else:
            findings.append(_error(error.location, error.code, error.message))
        return None
    except tomllib.TOMLDecodeError as error:
        findings.append(_toml_syntax_error(HEADER_FILE, error))
        return None
    return _TomlReader(HEADER_FILE, text, findings).header(data)


def folder_problem(root: Path) -> str | None:
    """Why `root` cannot be a glossary folder, or None."""
    try:
        kind = not_a_file(root.stat().st_mode) or "a file"
    except FileNotFoundError:
        return "no such glossary folder"
    except OSError as error:
        return f"not a glossary folder: {os.strerror(error.errno or 0).lower()}"
    if kind != "a folder":
        return f"{kind}, not a glossary folder (the folder of {HEADER_FILE} and {CONCEPTS_DIR}/)"
    return None


def _toml_syntax_error(path: str, error: tomllib.TOMLDecodeError) -> Finding:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    place = Location(path, int(match[1]), int(match[2])) if match else Location(path, 1)
    message = re.sub(r"\s*\(at .*?\)$", "", str(error))
    return _error(place, "toml-syntax", f"invalid TOML: {message}")


class _TomlReader:
    """Validates glossary.toml; tomllib keeps no positions, so lines are found by key."""

    KEYS = (
        "languages",
        "title",
        "description",
        "slug",
        "domains",
        "pdf",
        "non_translatables",
        "instances",
        "corpus",
    )
    DOMAIN_KEYS = ("id", "order", "name")
    PDF_KEYS = ("editions", "reference", "papers")
    CORPUS_KEYS = ("folders", "sources")
    SOURCE_KEYS = ("name", "licence", "repository", "commit")

    def __init__(self, path: str, text: str, findings: list[Finding]) -> None:
        self.path, self.lines, self.findings = path, text.splitlines(), findings

    def line_of(self, pattern: str, occurrence: int = 0, after: int = 0) -> Location:
        """The line of the `occurrence`-th match of `pattern` below line `after`."""
        hits = [
            n
            for n, line in enumerate(self.lines, 1)
            if n > after and re.match(pattern, line.strip())
        ]
        return Location(self.path, hits[min(occurrence, len(hits) - 1)] if hits else 1)

    def error(self, where: Location, code: str, message: str) -> None:
        self.findings.append(_error(where, code, message))

    def header(self, data: dict) -> Header | None:
        before = len(self.findings)
        for key in data.keys() - set(self.KEYS):
            self.error(
                self.line_of(rf"{re.escape(key)}\s*="),
                "unknown-key",
                f"unknown key '{key}'{suggest(key, self.KEYS)}",
            )
        languages = self.languages(data.get("languages"))
        if len(self.findings) > before:
            return None  # every text would be reported against the wrong languages
        title = self.texts(data.get("title"), "title", languages)
        description = self.texts(data.get("description"), "description", languages)
        domains = self.domains(data.get("domains"), languages)
        pdf = self.pdf(data.get("pdf", {}), languages)
        slug = self.slug(data.get("slug"), title, languages)
        names = self.non_translatables(data.get("non_translatables", []))
        instances = self.instances(data.get("instances", {}), languages)
        corpus = self.corpus(data.get("corpus", {}))
        if len(self.findings) > before:
            return None
        where = Location(self.path, 1)
        return Header(
            title,
            description,
            languages,
            domains,
            where,
            pdf,
            slug,
            names,
            instances=instances,
            corpus=corpus,
        )

    def instances(self, value: object, languages: tuple[str, ...]) -> InstanceWords:
        """`[instances]`: what the glossary calls its instances, each text per language and
        each optional (a language left out takes the UI's default wording)."""
        where = self.line_of(r"\[instances\]")
        if not isinstance(value, dict):
            self.error(where, "wrong-type", "instances: expected an [instances] table")
            return InstanceWords()
        keys = tuple(f.name for f in fields(InstanceWords))
        for key in value.keys() - set(keys):
            self.error(
                self.line_of(rf"{re.escape(key)}\s*=", after=where.line),
                "unknown-key",
                f"unknown key 'instances.{key}'{suggest(key, keys)}",
            )
        words = {}
        for key in keys:
            texts = value.get(key, {})
            at = self.line_of(rf"{key}\s*=", after=where.line) if key in value else where
            if not isinstance(texts, dict):
                self.error(at, "wrong-type", f"instances.{key}: expected a text per language")
                continue
            words[key] = self.some_texts(texts, f"instances.{key}", languages, at)
        return InstanceWords(**words)

    def some_texts(
        self, value: dict, field: str, languages: tuple[str, ...], where: Location
    ) -> FrozenMap[str]:
        """Texts in some of the glossary's languages (none required)."""
        for lang, text in value.items():
            if lang not in languages:
                self.error(
                    where,
                    "unknown-language",
                    f"{field}: unknown language '{lang}'{suggest(lang, languages)}",
                )
            elif not isinstance(text, str) or not text.strip():
                self.error(where, "wrong-type", f"{field}.{lang}: expected a text")
            elif problem := unusable(text):
                self.error(where, problem[0], f"{field}.{lang}: {problem[1]}")
        return FrozenMap({k: v.strip() for k, v in value.items() if isinstance(v, str)})

    def slug(self, value: object, titles: FrozenMap[str], languages: tuple[str, ...]) -> str:
        """The stem of every output file's name: `slug`, else made from the title."""
        if value is None:
            return derived_slug(titles, languages)
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            self.error(
                self.line_of(r"slug\s*="),
                "wrong-type",
                "slug: expected a file name in lower case, words joined by hyphens "
                "(letters a-z, digits), as 'kitchen-words'",
            )
            return DEFAULT_SLUG
        return value

    def non_translatables(self, value: object) -> tuple[str, ...]:
        """Names that stay as they are in every language (`qa` does not check them)."""
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.error(
                self.line_of(r"non_translatables\s*="),
                "wrong-type",
                "non_translatables: expected a list of names",
            )
            return ()
        return tuple(value)

    def languages(self, value: object) -> tuple[str, ...]:
        where = self.line_of(r"languages\s*=")
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.error(where, "wrong-type", "languages: expected a list of language tags")
            return ()
        for tag in value:
            if not is_known(tag):
                self.error(where, "unknown-language", f"languages: unknown language tag '{tag}'")
        if len(set(value)) != len(value):
            self.error(where, "duplicate-language", "languages: a language is listed twice")
        return tuple(value)

    def texts(
        self, value: object, field: str, languages: tuple[str, ...], where: Location | None = None
    ) -> FrozenMap[str]:
        where = where or self.line_of(rf"(\[{field}\]|{field}\s*=)")
        if not isinstance(value, dict):
            self.error(
                where,
                "missing-key" if value is None else "wrong-type",
                f"{field}: expected a text per language ({', '.join(languages)})",
            )
            return FrozenMap()
        for lang in languages:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                self.error(where, "missing-language", f"{field}: no text for '{lang}'")
            elif problem := unusable(text):
                self.error(where, problem[0], f"{field}.{lang}: {problem[1]}")
        for lang in value.keys() - set(languages):
            self.error(
                where,
                "unknown-language",
                f"{field}: unknown language '{lang}'{suggest(lang, languages)}",
            )
        return FrozenMap(value)

    def domains(self, value: object, languages: tuple[str, ...]) -> tuple[Domain, ...]:
        if not isinstance(value, list) or not value:
            self.error(
                Location(self.path, 1), "missing-key", "domains: expected [[domains]] tables"
            )
            return ()
        domains, seen = [], set()
        for index, table in enumerate(value):
            where = self.line_of(r"\[\[domains\]\]", index)
            if not isinstance(table, dict):
                self.error(
                    self.line_of(r"domains\s*="),
                    "wrong-type",
                    f"domains: expected [[domains]] tables, got {type(table).__name__} {table!r}",
                )
                continue
            for key in table.keys() - set(self.DOMAIN_KEYS):
                self.error(
                    where,
                    "unknown-key",
                    f"unknown key 'domains.{key}'{suggest(key, self.DOMAIN_KEYS)}",
                )
            domain_id, order = table.get("id"), table.get("order")
            if not isinstance(domain_id, str) or not ID_PATTERN.fullmatch(domain_id):
                self.error(where, "bad-id", "domains.id: expected a kebab-case id")
                continue
            if domain_id in seen:
                self.error(where, "duplicate-id", f"domain '{domain_id}' is declared twice")
            if not isinstance(order, int) or isinstance(order, bool):
                self.error(
                    where, "wrong-type", f"domains.order of '{domain_id}': expected a number"
                )
                order = 0
            names = self.texts(
                table.get("name"), f"domains.name of '{domain_id}'", languages, where
            )
            seen.add(domain_id)
            domains.append(Domain(domain_id, order, names, where))
        return tuple(sorted(domains, key=lambda d: (d.order, d.id)))

    def pdf(self, value: object, languages: tuple[str, ...]) -> PdfSettings:
        """The `[pdf]` table: which cheat sheets (`editions`), whether the reference, and the
        papers; a key left out keeps its default."""
        where = self.line_of(r"\[pdf\]")
        if not isinstance(value, dict):
            self.error(where, "wrong-type", "pdf: expected a [pdf] table")
            return PdfSettings()
        for key in value.keys() - set(self.PDF_KEYS):
            self.error(
                self.line_of(rf"{re.escape(key)}\s*="),
                "unknown-key",
                f"unknown key 'pdf.{key}'{suggest(key, self.PDF_KEYS)}",
            )
        defaults = PdfSettings()
        editions = self.editions(value.get("editions"), languages)
        reference = value.get("reference", defaults.reference)
        if not isinstance(reference, bool):
            self.error(
                self.line_of(r"reference\s*="),
                "wrong-type",
                "pdf.reference: expected true or false",
            )
            reference = defaults.reference
        papers = value.get("papers", list(defaults.papers))
        if not _is_list_of_str(papers) or not papers:
            self.error(
                self.line_of(r"papers\s*="),
                "wrong-type",
                "pdf.papers: expected a list of paper names",
            )
            papers = list(defaults.papers)
        for paper in papers:
            if paper not in PAPERS:
                self.error(
                    self.line_of(r"papers\s*="),
                    "unknown-paper",
                    f"pdf.papers: unknown paper '{paper}'{suggest(paper, PAPERS)}; "
                    f"choose from {', '.join(PAPERS)}",
                )
        return PdfSettings(editions, reference, tuple(dict.fromkeys(papers)))

    def editions(
        self, value: object, languages: tuple[str, ...]
    ) -> tuple[tuple[str, ...], ...] | None:
        if value is None:
            return None
        where = self.line_of(r"editions\s*=")
        if not isinstance(value, list) or not all(_is_list_of_str(e) for e in value):
            self.error(
                where,
                "wrong-type",
                'pdf.editions: expected a list of language lists, as [["en", "ru"], ["ru", "en"]]',
            )
            return None
        for edition in value:
            for lang in edition:
                if lang not in languages:
                    self.error(
                        where,
                        "unknown-language",
                        f"pdf.editions: '{lang}' is not one of the glossary's languages"
                        f"{suggest(lang, languages)}",
                    )
            if len(edition) < 2 or len(set(edition)) != len(edition):
                self.error(
                    where,
                    "bad-edition",
                    f"pdf.editions: {edition} should name two or more different languages",
                )
        return tuple(tuple(edition) for edition in value)

    def corpus(self, value: object) -> CorpusSettings:
        """The `[corpus]` table: the `folders` of the usage corpus (relative to the glossary
        folder), and a `[[corpus.sources]]` table per corpus, naming its licence and where its
        lines are public."""
        if not isinstance(value, dict):
            self.error(
                self.line_of(r"corpus\s*="), "wrong-type", "corpus: expected a [corpus] table"
            )
            return CorpusSettings()
        for key in value.keys() - set(self.CORPUS_KEYS):
            self.error(
                self.line_of(rf"{re.escape(key)}\s*="),
                "unknown-key",
                f"unknown key 'corpus.{key}'{suggest(key, self.CORPUS_KEYS)}",
            )
        folders = value.get("folders", [])
        if not _is_list_of_str(folders) or not all(f.strip() for f in folders):
            self.error(
                self.line_of(r"folders\s*="),
                "wrong-type",
                "corpus.folders: expected a list of folders (relative to the glossary folder)",
            )
            folders = []
        tables = value.get("sources", [])
        if not isinstance(tables, list):
            self.error(
                self.line_of(r"sources\s*="),
                "wrong-type",
                "corpus.sources: expected [[corpus.sources]] tables",
            )
            tables = []
        sources: dict[str, CorpusSource] = {}
        for index, table in enumerate(tables):
            where = self.line_of(r"\[\[corpus\.sources\]\]", index)
            source = self.corpus_source(table, where)
            if source is not None and source.name in sources:
                self.error(where, "duplicate-id", f"corpus '{source.name}' is described twice")
            elif source is not None:
                sources[source.name] = source
        return CorpusSettings(tuple(folders), tuple(sources.values()))

    def corpus_source(self, table: object, where: Location) -> CorpusSource | None:
        if not isinstance(table, dict):
            self.error(where, "wrong-type", "corpus.sources: expected [[corpus.sources]] tables")
            return None
        for key in table.keys() - set(self.SOURCE_KEYS):
            self.error(
                where,
                "unknown-key",
                f"unknown key 'corpus.sources.{key}'{suggest(key, self.SOURCE_KEYS)}",
            )
        values = {}
        for key in self.SOURCE_KEYS:
            text = table.get(key)
            if text is not None and (not isinstance(text, str) or not text.strip()):
                self.error(where, "wrong-type", f"corpus.sources.{key}: expected text")
            elif text is not None:
                values[key] = text.strip()
        name, licence = values.get("name"), values.get("licence")
        if name is None or not CORPUS_NAME.fullmatch(name):
            self.error(where, "bad-id", "corpus.sources.name: expected the corpus's folder name")
            return None
        if licence is None:
            self.error(
                where,
                "missing-key",
                f"corpus.sources: name the licence of '{name}' (licence = \"Apache-2.0\")",
            )
            return None
        repository = values.get("repository")
        if repository is not None and not repository.startswith(("https://", "http://")):
            self.error(
                where,
                "bad-value",
                f"corpus.sources.repository of '{name}': expected its address (https://...)",
            )
        return CorpusSource(name, licence, repository, values.get("commit"))


def derived_slug(titles: Mapping[str, str], languages: Sequence[str]) -> str:
    """A file name from the first title (in the glossary's order of languages) that has Latin
    letters or digits: `AI Model Types` → `ai-model-types`; accents dropped (`Küchenwörter` →
    `kuchenworter`); `glossary` when no title has any."""
    for lang in languages:
        ascii_ = unicodedata.normalize("NFKD", titles.get(lang, "")).encode("ascii", "ignore")
        if words := re.findall(r"[a-z0-9]+", ascii_.decode().lower()):
            return "-".join(words)
    return DEFAULT_SLUG


def _is_list_of_str(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# concepts/*.yaml ----------------------------------------------------------------------------


def _concept_files(root: Path, findings: list[Finding]) -> list[Path]:
    """The concept files, refusing two files for one id (`llm.yaml` and `llm.yml`, `LLM.yaml`)."""
    folder = root / CONCEPTS_DIR
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
    except OSError as error:
        problem = f"no {CONCEPTS_DIR}/ folder" if error.errno == errno.ENOENT else _unlisted(error)
        findings.append(_error(Location(CONCEPTS_DIR, 0), "missing-file", problem))
        return []
    seen: dict[str, str] = {}
    for name in names:
        key = Path(name).stem.casefold()
        if key in seen:
            findings.append(
                Finding(
                    Location(_shown(name), 0),
                    Severity.ERROR,
                    "duplicate-id",
                    Message(f"duplicate id '{Path(name).stem}'"),
                    see=Location(_shown(seen[key]), 0),
                )
            )
        else:
            seen[key] = name
    return [folder / name for name in seen.values()]


def _unlisted(error: OSError) -> str:
    """Why the concepts folder cannot be listed."""
    if error.errno == errno.ENOTDIR:
        return f"a file, where the folder of the concept files ({CONCEPTS_DIR}/) must be"
    return f"{CONCEPTS_DIR}/ cannot be read: {os.strerror(error.errno or 0).lower()}"


def _shown(name: str) -> str:
    """A concept file's place in the model: relative to the glossary folder."""
    return f"{CONCEPTS_DIR}/{name}"


def _load_concept(path: Path, header: Header, findings: list[Finding]) -> Concept | None:
    shown = _shown(path.name)
    try:
        root = compose(read_text(path, shown), shown)
    except TextFileError as error:
        findings.append(_error(error.location, error.code, error.message, path.stem))
        return None
    except YAMLSyntaxError as error:
        findings.append(error.finding)
        return None
    if root is None:
        findings.append(_error(Location(shown, 1), "empty-file", "the file is empty", path.stem))
        return None
    reader = _ConceptReader(shown, path.stem, header)
    concept = reader.read(root)
    findings += reader.findings
    return concept if not reader.findings else None


class _ConceptReader(NodeReader):
    """Reads one concept file into a `Concept`."""

    def __init__(self, path: str, concept_id: str, header: Header) -> None:
        super().__init__(path, concept_id)
        self.concept_id = concept_id
        self.header = header
        self.places: dict[str, Location] = {}

    def read(self, root: yaml.Node) -> Concept | None:
        fields = self.mapping(root, "", known=CONCEPT_KEYS, required=REQUIRED_CONCEPT_KEYS)
        if fields is None:
            return None
        self.check_id(root, fields)
        kind = (
            self.choice(fields["kind"], "kind", Kind, KIND_SYNONYMS) if "kind" in fields else None
        )
        if kind is Kind.CONCEPT:
            for key in INSTANCE_KEYS:
                if key in fields:
                    self.error(
                        fields[key],
                        "instance-only",
                        f"{key}: only instances (kind: instance) have it",
                    )
        domain = self.text(fields["domain"], "domain") if "domain" in fields else None
        self.places.update({key: self.where(node) for key, node in fields.items()})
        terms = self.terms(fields["terms"]) if "terms" in fields else ()
        definitions = self.per_language(fields.get("definition"), "definition")
        notes = self.per_language(fields.get("notes"), "notes")
        relations = {key: self.ids(fields[key], key) for key in RELATION_KEYS if key in fields}
        contrasts = self.contrasts(fields["contrast"]) if "contrast" in fields else ()
        maker = self.text(fields["maker"], "maker") if "maker" in fields else None
        year = self.integer(fields["year"], "year") if "year" in fields else None
        retired, replaced_by = self.retirement(fields)
        if self.findings or kind is None or domain is None:
            return None
        return Concept(
            id=self.concept_id,
            kind=kind,
            domain=domain,
            terms=terms,
            definitions=definitions,
            notes=notes,
            location=self.where(root),
            contrasts=contrasts,
            maker=maker,
            year=year,
            retired=retired,
            replaced_by=replaced_by,
            places=FrozenMap(self.places),
            **relations,
        )

    def retirement(self, fields: dict[str, yaml.Node]) -> tuple[bool, str | None]:
        """`retired: true` and `replaced_by: <id>`, which go together."""
        retired = self.boolean(fields["retired"], "retired") if "retired" in fields else False
        replaced_by = None
        if "replaced_by" in fields:
            replaced_by = self.text(fields["replaced_by"], "replaced_by")
            if replaced_by is not None and not ID_PATTERN.fullmatch(replaced_by):
                self.error(
                    fields["replaced_by"],
                    "bad-id",
                    f"replaced_by: '{replaced_by}' is not a concept id",
                )
            elif not retired:
                self.error(
                    fields["replaced_by"],
                    "replaced-not-retired",
                    "replaced_by: only a retired concept has it (add `retired: true`)",
                )
        elif retired:
            self.error(
                fields["retired"],
                "retired-without-replacement",
                "retired: name the concept that takes its place in `replaced_by: <id>`",
            )
        return bool(retired), replaced_by

    def check_id(self, root: yaml.Node, fields: dict[str, yaml.Node]) -> None:
        if not ID_PATTERN.fullmatch(self.concept_id):
            self.error(
                root,
                "bad-id",
                f"the file name '{self.concept}' is not a kebab-case id (a-z, 0-9, -)",
            )
        given = self.text(fields["id"], "id") if "id" in fields else None
        if given is not None and given != self.concept:
            self.error(
                fields["id"],
                "id-mismatch",
                f"id '{given}' differs from the file name '{self.concept}'",
            )

    def languages_of(self, node: yaml.Node, field: str) -> dict[str, yaml.Node]:
        """A per-language mapping, unknown language tags reported."""
        values = self.mapping(node, field) or {}
        languages = self.header.languages
        for lang in [lang for lang in values if lang not in languages]:
            key_node = next(k for k, _ in node.value if k.value == lang)
            self.error(
                key_node,
                "unknown-language",
                f"{field}: unknown language '{lang}' (the glossary's languages are "
                f"{', '.join(languages)}){suggest(lang, languages)}",
            )
            del values[lang]
        return values

    def per_language(self, node: yaml.Node | None, field: str) -> FrozenMap[str]:
        if node is None:
            return FrozenMap()
        values = self.languages_of(node, field)
        self.places.update({f"{field}.{lang}": self.where(value) for lang, value in values.items()})
        texts = {lang: self.text(value, f"{field}.{lang}") for lang, value in values.items()}
        return FrozenMap({lang: text.strip() for lang, text in texts.items() if text})

    def terms(self, node: yaml.Node) -> tuple[Term, ...]:
        terms: list[Term] = []
        for lang, value in self.languages_of(node, "terms").items():
            field = f"terms.{lang}"
            items = self.sequence(value, field)
            if isinstance(value, yaml.SequenceNode) and not items:
                self.error(value, "empty-list", f"{field}: give at least one term")
            in_lang = [
                term
                for index, item in enumerate(items)
                if (term := self.term(item, f"{field}[{index}]", lang)) is not None
            ]
            self.check_preferred(value, field, in_lang)
            terms += sorted(in_lang, key=lambda t: t.status is not Status.PREFERRED)
        return tuple(terms)

    def check_preferred(self, node: yaml.Node, field: str, terms: list[Term]) -> None:
        preferred = [t for t in terms if t.status is Status.PREFERRED]
        if len(preferred) > 1:
            second = preferred[1]
            self.findings.append(
                _error(
                    second.location,
                    "two-preferred",
                    f"{field}: two preferred terms, '{preferred[0].text}' and '{second.text}'; "
                    "mark one admitted",
                    self.concept,
                )
            )
        elif terms and not preferred:
            self.error(node, "no-preferred", f"{field}: no term is marked preferred")

    def term(self, node: yaml.Node, field: str, lang: str) -> Term | None:
        fields = self.mapping(node, field, known=TERM_KEYS, required=("text", "status"))
        if fields is None or "text" not in fields or "status" not in fields:
            return None
        text = self.text(fields["text"], f"{field}.text")
        if text is not None and len(text) > MAX_TERM:
            self.error(
                fields["text"],
                "term-too-long",
                f"{field}.text: {len(text)} characters long; a term has at most {MAX_TERM}",
            )
            text = None
        status = self.choice(fields["status"], f"{field}.status", Status)
        term_type = (
            self.choice(fields["type"], f"{field}.type", TermType)
            if "type" in fields
            else TermType.FULL_FORM
        )
        pinyin = self.text(fields["pinyin"], f"{field}.pinyin") if "pinyin" in fields else None
        if pinyin is not None and not is_chinese(lang):
            self.error(
                fields["pinyin"],
                "pinyin-not-chinese",
                f"{field}.pinyin: only Chinese terms have pinyin",
            )
        reading = (
            self.reading(fields["reading"], field, lang, text) if "reading" in fields else None
        )
        note = self.text(fields["note"], f"{field}.note") if "note" in fields else None
        homonym = (
            self.boolean(fields["homonym"], f"{field}.homonym") if "homonym" in fields else False
        )
        sources = self.sources(fields["sources"], f"{field}.sources") if "sources" in fields else ()
        general = (
            self.general(fields["general"], f"{field}.general") if "general" in fields else None
        )
        if text is None or status is None or term_type is None:
            return None
        return Term(
            text=text,
            lang=lang,
            status=status,
            type=term_type,
            location=self.where(fields["text"]),
            pinyin=pinyin,
            reading=reading,
            note=note,
            homonym=bool(homonym),
            sources=sources,
            general=general,
        )

    def reading(self, node: yaml.Node, field: str, lang: str, term: str | None) -> str | None:
        """A Japanese term's reading: kana only (a kanji in it would need a reading itself),
        and only for a term that is not in kana already."""
        reading = self.text(node, f"{field}.reading")
        if reading is None:
            return None
        if term is not None and is_kana(term):
            self.error(
                node,
                "needless-reading",
                f"{field}.reading: '{term}' is written in kana already; leave the reading out",
            )
        if not is_japanese(lang):
            self.error(
                node,
                "reading-not-japanese",
                f"{field}.reading: only Japanese terms have a reading "
                "(Chinese terms have `pinyin`)",
            )
        elif not is_kana(reading):
            self.error(
                node,
                "bad-reading",
                f"{field}.reading: expected the reading in kana, as 'ほうちょう'; got '{reading}'",
            )
        return reading

    def general(self, node: yaml.Node, field: str) -> tuple[str, ...] | None:
        """`general: true` (never checked on its own) or `general: [concept-id, ...]` (checked
        only near a use of one of them); `false` is the default, a term only."""
        if isinstance(node, yaml.ScalarNode):
            flag = self.boolean(node, field)
            return () if flag else None
        return self.ids(node, field) or None

    def sources(self, node: yaml.Node, field: str) -> tuple[Location, ...]:
        places = []
        for item, value in self.texts(node, field):
            match = SOURCE_PATTERN.fullmatch(value.strip())
            if match is None:
                self.error(item, "bad-source", f"{field}: expected 'file:line', got '{value}'")
            else:
                places.append(Location(match["file"], int(match["line"])))
        return tuple(places)

    def contrasts(self, node: yaml.Node) -> tuple[Contrast, ...]:
        """`contrast`: a list of `{with: <id>, note: {<lang>: <one line>}}`, a note in every
        language of the glossary; `places["contrast[i]"]` is where the i-th `with` is."""
        found: list[Contrast] = []
        for index, item in enumerate(self.sequence(node, "contrast")):
            field = f"contrast[{index}]"
            fields = self.mapping(item, field, known=CONTRAST_KEYS, required=CONTRAST_KEYS)
            if not fields or "with" not in fields or "note" not in fields:
                continue
            other = self.text(fields["with"], f"{field}.with")
            notes = self.per_language(fields["note"], f"{field}.note")
            for lang in self.header.languages:
                if lang not in notes and isinstance(fields["note"], yaml.MappingNode):
                    self.error(
                        fields["note"], "missing-language", f"{field}.note: no text for '{lang}'"
                    )
            if other is None:
                continue
            where = self.where(fields["with"])
            if not ID_PATTERN.fullmatch(other):
                self.error(fields["with"], "bad-id", f"{field}.with: '{other}' is not a concept id")
            elif other in (c.other for c in found):
                self.error(
                    fields["with"], "duplicate-reference", f"contrast: '{other}' is listed twice"
                )
            else:
                self.places[f"contrast[{len(found)}]"] = where
                found.append(Contrast(other, notes, where))
        return tuple(found)

    def ids(self, node: yaml.Node, field: str) -> tuple[str, ...]:
        ids: list[str] = []
        for item, value in self.texts(node, field):
            self.places[f"{field}[{len(ids)}]"] = self.where(item)
            if not ID_PATTERN.fullmatch(value):
                self.error(item, "bad-id", f"{field}: '{value}' is not a concept id")
            elif value in ids:
                self.error(item, "duplicate-reference", f"{field}: '{value}' is listed twice")
            else:
                ids.append(value)
        return tuple(ids)


def _error(where: Location, code: str, message: str, concept: str | None = None) -> Finding:
    return Finding(where, Severity.ERROR, code, Message(message), concept)
