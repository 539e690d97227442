"""`termbase import FILE`: a glossary (glossary.toml and one YAML file per concept) from another
tool's termbase: TBX (v3 and v2), CSV or XLSX (`importer.tbx`, `importer.table`).

What the file does not say is decided and reported, never guessed silently: language tags are
reduced to the glossary's (`en-US` → `en` when the file has no other English), a language whose
terms carry no status gets its first term as the preferred one, a term in two concepts is marked
a homonym, a domain named in one language has that name in every language until translated.
A TBX file's cross-references become related concepts (TBX-Basic has one kind of reference).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from termbase.findings import GlossaryError
from termbase.importer.model import Entry, ImportedTerm, Termbase
from termbase.importer.table import TableError, read_csv, read_xlsx
from termbase.importer.tbx import TbxError
from termbase.importer.tbx import read as read_tbx
from termbase.languages import fold, is_known, primary, script_of
from termbase.load import ID_PATTERN, derived_slug, load_glossary
from termbase.model import Status, TermType
from termbase.paths import CONCEPTS_DIR, HEADER_FILE
from termbase.pinyin import spell
from termbase.scaffold import describe_languages, quoted
from termbase.skeleton import create

READERS = {".tbx": read_tbx, ".xml": read_tbx, ".csv": read_csv, ".xlsx": read_xlsx}
"""The readers, by the file's suffix (`.tbx2.tbx` is a `.tbx`)."""
DEFAULT_DOMAIN = "general"


class UnreadableTermbaseError(Exception):
    """The file cannot be imported; the message says why, with its place."""


@dataclass(frozen=True, slots=True)
class Imported:
    """What the import wrote, and its report."""

    written: tuple[Path, ...]
    report: tuple[str, ...]


def read(path: Path) -> Termbase:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableTermbaseError(
            f"{path}: cannot import a {path.suffix or 'file without suffix'}; "
            f"import reads {', '.join(READERS)}"
        )
    if not path.is_file():
        raise UnreadableTermbaseError(f"{path}: no such file")
    try:
        return reader(path)
    except (TbxError, TableError) as error:
        raise UnreadableTermbaseError(str(error)) from None


def import_file(path: Path, folder: Path) -> Imported:
    """Read `path` and write the glossary into `folder` (which must hold no glossary yet)."""
    header = folder / HEADER_FILE
    concepts_dir = folder / CONCEPTS_DIR
    if header.exists() or any(concepts_dir.glob("*.y*ml")):
        raise UnreadableTermbaseError(f"{folder} has a glossary already; import into a new folder")
    termbase = read(path)
    files = Converter(termbase).files()
    for name, text in files.items():
        try:
            create(folder / name, text)
        except FileExistsError as error:
            raise UnreadableTermbaseError(str(error)) from None
    try:
        load_glossary(folder)
    except GlossaryError as error:
        termbase.note(f"check finds {len(error.findings)} problem(s) to mend by hand: run check")
    return Imported(tuple(folder / name for name in files), tuple(termbase.report))


class Converter:
    """Turns the entries of a file into the texts of glossary.toml and the concept files."""

    def __init__(self, termbase: Termbase) -> None:
        self.termbase = termbase
        self.languages = self._languages()
        self.domains = self._domains()
        self.ids = self._ids()

    def note(self, line: str) -> None:
        self.termbase.note(line)

    # Languages

    def _languages(self) -> dict[str, str]:
        """Each language tag of the file → the glossary's tag, in order of appearance."""
        found = list(dict.fromkeys(t.lang for e in self.termbase.entries for t in e.terms))
        unknown = [tag for tag in found if not is_known(tag)]
        for tag in unknown:
            self.note(f"language '{tag}': not known to CLDR; its terms are left out")
        found = [tag for tag in found if tag not in unknown]
        if not found:
            raise UnreadableTermbaseError(f"{self.termbase.path}: no terms in a known language")
        by_primary = Counter(primary(tag) for tag in found)
        mapped = {}
        for tag in found:
            short = primary(tag)
            script = script_of(tag)
            if by_primary[short] == 1:
                mapped[tag] = f"{short}-{script}" if short == "zh" and script else short
            else:
                mapped[tag] = tag
            if mapped[tag] != tag:
                self.note(f"language '{tag}': read as '{mapped[tag]}'")
        return mapped

    @property
    def tags(self) -> list[str]:
        return list(dict.fromkeys(self.languages.values()))

    # Domains and ids

    def _domains(self) -> dict[str | None, tuple[str, str]]:
        """Each subject field of the file → (domain id, its name)."""
        found: dict[str | None, tuple[str, str]] = {}
        for entry in self.termbase.entries:
            if entry.domain in found:
                continue
            if entry.domain is None:
                found[None] = (DEFAULT_DOMAIN, "General")
            elif ID_PATTERN.fullmatch(entry.domain):
                found[entry.domain] = (entry.domain, entry.domain.replace("-", " ").capitalize())
            else:
                found[entry.domain] = (
                    _unique(
                        derived_slug({"x": entry.domain}, ["x"]), {i for i, _ in found.values()}
                    ),
                    entry.domain,
                )
        if len(found) and any(name for _, name in found.values()) and len(self.tags) > 1:
            self.note(
                "domain names: one per domain in the file, now in every language: translate them"
            )
        return found

    def _ids(self) -> dict[int, str]:
        """Each entry's concept id: the file's, when it is one (`large-language-model`), else
        made from its first term (`kitchen-knife`), unique."""
        taken: set[str] = set()
        ids = {}
        made = 0
        for index, entry in enumerate(self.termbase.entries):
            own = re.sub(r"^_(?=\d)", "", entry.id or "")
            if ID_PATTERN.fullmatch(own) and not own.isdigit() and own not in taken:
                chosen = own
            else:
                first = next((t.text for t in entry.terms if t.lang in self.languages), "")
                chosen = _unique(derived_slug({"x": first}, ["x"]) if first else "entry", taken)
                made += 1
            taken.add(chosen)
            ids[index] = chosen
        if made:
            self.note(f"{made} entries without an id (a-z, 0-9, -): named after their first term")
        return ids

    # Files

    def files(self) -> dict[str, str]:
        entries = [(i, e) for i, e in enumerate(self.termbase.entries)]
        by_file_id = {e.id: self.ids[i] for i, e in entries if e.id}
        homonyms = self._homonyms()
        files = {}
        for index, entry in entries:
            terms = self._terms(entry)
            if not terms:
                self.note(f"{entry.where}: an entry without terms: left out")
                continue
            concept_id = self.ids[index]
            related = []
            for target in entry.related:
                if by_file_id.get(target) in related:
                    self.note(f"{entry.where}: a second reference to '{target}': kept once")
                elif target in by_file_id:
                    related.append(by_file_id[target])
                else:
                    self.note(
                        f"{entry.where}: a reference to '{target}', no entry of the file: left out"
                    )
            data = self._concept(entry, terms, homonyms, related)
            files[f"{CONCEPTS_DIR}/{concept_id}.yaml"] = yaml.safe_dump(
                data, allow_unicode=True, sort_keys=False, width=10_000
            )
        files[HEADER_FILE] = self._header()
        return files

    def _terms(self, entry: Entry) -> list[ImportedTerm]:
        """The entry's terms in glossary tags, one preferred per language."""
        by_lang: dict[str, list[ImportedTerm]] = defaultdict(list)
        for term in entry.terms:
            if term.lang in self.languages:
                lang = self.languages[term.lang]
                if term.text not in (t.text for t in by_lang[lang]):
                    by_lang[lang].append(_with(term, lang=lang))
        found = []
        for lang in self.tags:
            terms = by_lang.get(lang, [])
            if terms and all(t.status is None for t in terms):
                self.note(
                    "terms without a status: the first of a language now preferred, others admitted"
                )
            preferred = next((t for t in terms if t.status is Status.PREFERRED), None)
            if terms and preferred is None:
                preferred = next(
                    (t for t in terms if t.status in (None, Status.ADMITTED)), terms[0]
                )
                if preferred.status is not None:
                    self.note(
                        f"{entry.where}: no preferred term in '{lang}': the first admitted now is"
                    )
            for term in terms:
                if term is preferred:
                    status = Status.PREFERRED
                elif term.status is Status.PREFERRED:
                    self.note(
                        f"{entry.where}: two preferred terms in '{lang}': the second now admitted"
                    )
                    status = Status.ADMITTED
                else:
                    status = term.status or Status.ADMITTED
                found.append(_with(term, status=status))
        return sorted(
            found, key=lambda t: (self.tags.index(t.lang), t.status is not Status.PREFERRED)
        )

    def _homonyms(self) -> set[tuple[str, str]]:
        """(language, folded text) of the terms that name two or more entries."""
        seen: Counter[tuple[str, str]] = Counter()
        for entry in self.termbase.entries:
            keys = {(self.languages.get(t.lang, ""), fold(t.text)) for t in entry.terms}
            seen.update(keys)
        found = {key for key, count in seen.items() if count > 1}
        if found:
            self.note(f"{len(found)} term(s) name two or more entries: marked homonym: true")
        return found

    def _concept(
        self,
        entry: Entry,
        terms: list[ImportedTerm],
        homonyms: set[tuple[str, str]],
        related: list[str],
    ) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": str(entry.kind),
            "domain": self.domains[entry.domain][0],
            "terms": {
                lang: [_term(t, (lang, fold(t.text)) in homonyms) for t in terms if t.lang == lang]
                for lang in dict.fromkeys(t.lang for t in terms)
            },
            "definition": self._per_language(entry.definitions),
        }
        if notes := self._per_language(entry.notes):
            data["notes"] = notes
        if related:
            data["related"] = related
        return data

    def _per_language(self, texts: dict[str, str]) -> dict[str, str]:
        return {
            self.languages[lang]: text for lang, text in texts.items() if lang in self.languages
        }

    def _header(self) -> str:
        tags = self.tags
        title = self._per_language(self.termbase.title)
        stem = Path(self.termbase.path).name.split(".")[0]
        fallback = next(iter(title.values()), " ".join(re.split(r"[-_ ]+", stem)).capitalize())
        if set(title) != set(tags):
            self.note(
                "title: not given in every language; the file's (or its name) used for the others"
            )
        description = self._per_language(self.termbase.description)
        if set(description) != set(tags):
            self.note(
                "description: not given in every language; a sentence naming the languages instead"
            )
        lines = [
            "# The glossary's header (imported). Concepts live one per file in concepts/<id>.yaml.",
            f"languages = [{', '.join(quoted(t) for t in tags)}]",
            f"slug = {quoted(derived_slug({**title, 'x': fallback}, [*tags, 'x']))}",
            "",
            "[title]",
            *(f"{lang} = {quoted(title.get(lang, fallback))}" for lang in tags),
            "",
            "[description]",
            *(
                f"{lang} = {quoted(description.get(lang) or describe_languages(lang, tags))}"
                for lang in tags
            ),
        ]
        for order, (domain_id, name) in enumerate(dict.fromkeys(self.domains.values()), 1):
            names = ", ".join(f"{lang} = {quoted(name)}" for lang in tags)
            lines += [
                "",
                "[[domains]]",
                f"id = {quoted(domain_id)}",
                f"order = {order}",
                f"name = {{ {names} }}",
            ]
        return "\n".join(lines) + "\n"


def _with(term: ImportedTerm, **changes: object) -> ImportedTerm:
    return replace(term, **changes)  # type: ignore[arg-type]


def _term(term: ImportedTerm, homonym: bool) -> dict[str, object]:
    data: dict[str, object] = {"text": term.text, "status": str(term.status)}
    if term.type is not TermType.FULL_FORM:
        data["type"] = str(term.type)
    if term.pinyin and term.pinyin != spell(term.text):
        data["pinyin"] = term.pinyin
    if term.note:
        data["note"] = term.note
    if homonym:
        data["homonym"] = True
    if term.general is not None:
        data["general"] = list(term.general) or True
    if term.sources:
        data["sources"] = list(term.sources)
    return data


def _unique(stem: str, taken: set[str] | Sequence[str]) -> str:
    chosen, number = stem, 1
    while chosen in taken:
        number += 1
        chosen = f"{stem}-{number}"
    return chosen
