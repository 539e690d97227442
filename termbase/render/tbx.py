"""TBX exports for CAT tools: TBX-Basic v3 (ISO 30042:2019, DCA style) and TBX v2 (martif).

One concept entry per concept: its subject field (the domain), cross-references to broader,
related and example concepts, and per language the definition (its source is the concept file
it is edited in), notes, and the terms with their administrative status, term type, part of
speech, note, source-note places and, where the usage corpus was searched for them, their use
there: a note (`usage corpus: 120 occurrences in 43 documents`) and each line cited as an
external cross-reference to its public address. Every term of this glossary names a kind of
model, a task or a model: all are nouns or noun phrases, hence `partOfSpeech` noun.

The v2 file has the same content in the older element names (termEntry, langSet, tig) for the
tools that read only TBX 2008: translate-toolkit and Weblate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from termbase.model import Concept, Evidence, Glossary, Status, Term, TermType
from termbase.render.contract import BuildContext, Job, Output, RenderError, one_job

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
FOLDER = PurePosixPath("tbx")
V2_SUFFIX = ".tbx2.tbx"
"""TBX v2 beside v3: `tbx/<slug>.tbx` and `tbx/<slug>.tbx2.tbx`."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMAS = (  # where the TBX-Basic v3 schemas are published, as TBX files cite them
    ("https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng",
     "http://relaxng.org/ns/structure/1.0"),
    ("https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch",
     "http://purl.oclc.org/dsdl/schematron"),
)  # fmt: skip
DOCTYPE_V2 = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'

STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
TERM_TYPE = {
    TermType.FULL_FORM: "fullForm",
    TermType.ABBREVIATION: "abbreviation",
    TermType.ACRONYM: "acronym",
    TermType.VARIANT: "variant",
}
RELATIONS = ("broader", "related", "instance_of", "examples")


@dataclass(frozen=True, slots=True)
class Dialect:
    """The element names of one TBX version; the structure is the same."""

    namespace: str | None
    entry: str
    lang_sec: str
    term_sec: str


V3 = Dialect(NAMESPACE, "conceptEntry", "langSec", "termSec")
V2 = Dialect(None, "termEntry", "langSet", "tig")


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("tbx", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    stem = context.glossary.slug
    yield Output(FOLDER / f"{stem}.tbx", tbx_v3(context.glossary))
    yield Output(FOLDER / f"{stem}{V2_SUFFIX}", tbx_v2(context.glossary))


def tbx_v3(glossary: Glossary) -> bytes:
    """The glossary as TBX-Basic v3, DCA style."""
    root = etree.Element(_tag(V3, "tbx"), nsmap={None: NAMESPACE})
    root.set(XML_LANG, glossary.languages[0])
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    _header(glossary, _sub(V3, root, "tbxHeader"), V3)
    _body(glossary, root, V3)
    for href, schema_type in SCHEMAS:
        root.addprevious(
            etree.PI(
                "xml-model", f'href="{href}" type="application/xml" schematypens="{schema_type}"'
            )
        )
    return _serialise(root)


def tbx_v2(glossary: Glossary) -> bytes:
    """The glossary as TBX-Basic v2 (TBX 2008, `martif`), for tools that read only v2."""
    root = etree.Element("martif", type="TBX-Basic-V1")
    root.set(XML_LANG, glossary.languages[0])
    header = _sub(V2, root, "martifHeader")
    _header(glossary, header, V2)
    encoding = _sub(V2, _sub(V2, header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs")
    encoding.set("type", "XCSURI")
    _body(glossary, root, V2)
    return _serialise(root, doctype=DOCTYPE_V2)


def _serialise(root: etree._Element, doctype: str | None = None) -> bytes:
    return etree.tostring(
        etree.ElementTree(root),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype=doctype,
    )


def _tag(dialect: Dialect, name: str) -> str:
    return f"{{{dialect.namespace}}}{name}" if dialect.namespace else name


def _sub(
    dialect: Dialect, parent: etree._Element, name: str, text: str | None = None, **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, _tag(dialect, name), attributes)
    element.text = text
    return element


def _header(glossary: Glossary, parent: etree._Element, dialect: Dialect) -> None:
    """Title and description, the first language's as the main text, the others as notes."""
    source, *others = glossary.languages
    file_desc = _sub(dialect, parent, "fileDesc")
    title_stmt = _sub(dialect, file_desc, "titleStmt")
    _sub(dialect, title_stmt, "title", glossary.title[source])
    for lang in others:
        _sub(dialect, title_stmt, "note", glossary.title[lang]).set(XML_LANG, lang)
    source_desc = _sub(dialect, file_desc, "sourceDesc")
    for lang in glossary.languages:
        _sub(dialect, source_desc, "p", glossary.description[lang]).set(XML_LANG, lang)


def _body(glossary: Glossary, root: etree._Element, dialect: Dialect) -> None:
    for concept in glossary.concepts:
        if not concept.terms:
            raise RenderError(f"TBX: concept '{concept.id}' has no terms, and an entry needs one")
    body = _sub(dialect, _sub(dialect, root, "text"), "body")
    for concept in glossary.concepts:
        _entry(glossary, concept, body, dialect)


def _entry(glossary: Glossary, concept: Concept, body: etree._Element, dialect: Dialect) -> None:
    entry = _sub(dialect, body, dialect.entry, id=xml_id(concept.id))
    domain = glossary.domain(concept.domain).names[glossary.languages[0]]
    _sub(dialect, entry, "descrip", domain, type="subjectField")
    for relation in RELATIONS:
        for target in getattr(concept, relation):
            name = _name(glossary, glossary.concept(target))
            _sub(dialect, entry, "ref", name, type="crossReference", target=xml_id(target))
    source = f"concepts/{PurePosixPath(concept.location.path).name}"
    for lang in glossary.languages:
        terms = concept.terms_in(lang)
        if not terms:
            continue  # a language section needs a term; `check` reports the gap
        lang_sec = _sub(dialect, entry, dialect.lang_sec)
        lang_sec.set(XML_LANG, lang)
        if lang in concept.definitions:
            group = _sub(dialect, lang_sec, "descripGrp")
            _sub(dialect, group, "descrip", concept.definitions[lang], type="definition")
            _sub(dialect, group, "admin", source, type="source")
        if lang in concept.notes:
            _sub(dialect, lang_sec, "note", concept.notes[lang])
        for term in terms:
            _term(glossary, term, lang_sec, dialect)


def _term(glossary: Glossary, term: Term, lang_sec: etree._Element, dialect: Dialect) -> None:
    term_sec = _sub(dialect, lang_sec, dialect.term_sec)
    _sub(dialect, term_sec, "term", term.text)
    _sub(dialect, term_sec, "termNote", TERM_TYPE[term.type], type="termType")
    _sub(dialect, term_sec, "termNote", "noun", type="partOfSpeech")
    _sub(dialect, term_sec, "termNote", STATUS[term.status], type="administrativeStatus")
    for place in term.sources:
        _sub(dialect, term_sec, "admin", f"{place.path}:{place.line}", type="source")
    if term.note:
        _sub(dialect, term_sec, "note", term.note)
    if term.general is not None:
        _sub(dialect, term_sec, "note", _general_note(term.general))
    if term.evidence is not None:
        _evidence(glossary, term.evidence, term_sec, dialect)


GENERAL_EVERYWHERE = "General word: a term only where the text is about this concept; not checked."
GENERAL_NEAR = "General word: a term only near a use of "


def _general_note(context: tuple[str, ...]) -> str:
    """The mark of a general word, for CAT tools' users: a term only in some contexts."""
    return f"{GENERAL_NEAR}{', '.join(context)}." if context else GENERAL_EVERYWHERE


def general_of(note: str) -> tuple[str, ...] | None:
    """The context of a general word from its note (`_general_note` read back: the import), or
    None for any other note."""
    if note == GENERAL_EVERYWHERE:
        return ()
    if note.startswith(GENERAL_NEAR) and note.endswith("."):
        return tuple(note[len(GENERAL_NEAR) : -1].split(", "))
    return None


EVIDENCE_NOTE = "usage corpus: "
"""How the note of a term's evidence begins: an import knows it by this (`is_evidence`)."""


def is_evidence(name: str, kind: str | None, text: str) -> bool:
    """Whether an element of a term section is its evidence of use (the note of its counts, a
    citation of the corpus): derived from a corpus by `attest`, so an import leaves it out."""
    if name == "note":
        return text.startswith(EVIDENCE_NOTE)
    return name in ("xref", "admin") and text.startswith("corpus/") and kind != "crossReference"


def _evidence(
    glossary: Glossary, evidence: Evidence, term_sec: etree._Element, dialect: Dialect
) -> None:
    """The term's use in the usage corpus: a note in English (a count, not prose to translate),
    and each cited line, linked where its corpus is public."""
    uses = (
        f"{evidence.occurrences} occurrences in {evidence.documents} documents of "
        f"{len(evidence.corpora)} corpora"
        if evidence.occurrences
        else "no occurrence"
    )
    _sub(dialect, term_sec, "note", f"{EVIDENCE_NOTE}{uses}").set(XML_LANG, "en")
    for citation in evidence.citations:
        source = glossary.corpus.source(citation.corpus)
        link = source.link(citation) if source else None
        if link:
            _sub(
                dialect, term_sec, "xref", str(citation), type="externalCrossReference", target=link
            )
        else:
            _sub(dialect, term_sec, "admin", str(citation), type="source")


def _name(glossary: Glossary, concept: Concept) -> str:
    """How a cross-reference names a concept: its preferred term in the first language that
    has one."""
    return (concept.name(glossary.languages) or concept.terms[0]).text


def xml_id(concept_id: str) -> str:
    """The concept id as an XML ID (which cannot start with a digit: `_3d-model`)."""
    return concept_id if concept_id[0].isalpha() else f"_{concept_id}"
