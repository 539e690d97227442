"""Reading TBX: v3 (ISO 30042:2019, `tbx`/`conceptEntry`/`langSec`/`termSec`) and v2
(TBX 2008, `martif`/`termEntry`/`langSet`/`tig` or `ntig`), as this project and CAT tools write
them.

The file is parsed safely: no DTD is loaded, no entity expanded, nothing fetched from the
network. Data categories are read by their `type` (definition, subjectField, termType,
administrativeStatus, crossReference); any other is named in the report.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from termbase.importer.model import Entry, ImportedTerm, Termbase
from termbase.model import Status, TermType
from termbase.render.tbx import general_of, is_evidence

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTRIES = ("conceptEntry", "termEntry")
LANGUAGES = ("langSec", "langSet")
TERMS = ("termSec", "tig", "ntig")
STATUSES = {
    "preferredterm-admn-sts": Status.PREFERRED,
    "preferred": Status.PREFERRED,
    "admittedterm-admn-sts": Status.ADMITTED,
    "admitted": Status.ADMITTED,
    "deprecatedterm-admn-sts": Status.DEPRECATED,
    "deprecated": Status.DEPRECATED,
    "supersededterm-admn-sts": Status.DEPRECATED,
    "notrecommended": Status.DEPRECATED,
    "forbidden": Status.DEPRECATED,
}
"""TBX administrativeStatus values (and the plain words some tools write), lower case."""
TERM_TYPES = {
    "fullform": TermType.FULL_FORM,
    "abbreviation": TermType.ABBREVIATION,
    "shortform": TermType.ABBREVIATION,
    "initialism": TermType.ABBREVIATION,
    "acronym": TermType.ACRONYM,
    "variant": TermType.VARIANT,
}
KNOWN_TERM_NOTES = ("termType", "administrativeStatus", "partOfSpeech", "normativeAuthorization")


class TbxError(Exception):
    """The file is no TBX that can be read; the message names the place."""


def read(path: Path) -> Termbase:
    """The entries of a TBX file, v3 or v2."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else 0
        raise TbxError(f"{path}:{line}: not well-formed XML: {error.msg}") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise TbxError(f"{path}: not TBX: its root element is <{_local(root.tag)}>")
    termbase = Termbase(str(path), [])
    _header(root, termbase)
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element.tag) in ENTRIES:
            termbase.entries.append(_entry(element, path, termbase))
    if not termbase.entries:
        raise TbxError(f"{path}: no concept entries (conceptEntry or termEntry)")
    termbase.note("kinds: TBX has none, every entry is a concept; mark instances `kind: instance`")
    termbase.note("cross-references: read as related concepts (TBX-Basic has one kind)")
    return termbase


def _local(tag: str) -> str:
    return etree.QName(tag).localname


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c.tag) in names]


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _header(root: etree._Element, termbase: Termbase) -> None:
    """Title (and its translations, as notes with xml:lang) and description (paragraphs of the
    source description, one per language), as this project writes them."""
    default = root.get(XML_LANG)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name, parent = _local(element.tag), element.getparent()
        where = _local(parent.tag) if parent is not None else ""
        if where == "titleStmt" and name == "title" and default:
            termbase.title.setdefault(default, _text(element))
        elif where == "titleStmt" and name == "note" and element.get(XML_LANG):
            termbase.title.setdefault(element.get(XML_LANG, ""), _text(element))
        elif where == "sourceDesc" and name == "p" and (lang := element.get(XML_LANG) or default):
            termbase.description.setdefault(lang, _text(element))


def _entry(element: etree._Element, path: Path, termbase: Termbase) -> Entry:
    where = f"{path.name}:{element.sourceline}"
    domain, related = None, []
    for child in _children(element, "descrip", "ref", "descripGrp", "note", "admin", "xref"):
        kind = child.get("type", "")
        if _local(child.tag) == "descrip" and kind == "subjectField":
            domain = _text(child)
        elif _local(child.tag) == "ref" and kind == "crossReference" and child.get("target"):
            related.append(child.get("target", ""))
        else:
            termbase.note(
                f"{_local(child.tag)} {kind or ''} of entries: not mapped".replace("  ", " ")
            )
    terms: list[ImportedTerm] = []
    definitions: dict[str, str] = {}
    notes: dict[str, str] = {}
    for lang_sec in _children(element, *LANGUAGES):
        lang = lang_sec.get(XML_LANG)
        if not lang:
            termbase.note(
                f"{path.name}:{lang_sec.sourceline}: a language section without xml:lang: left out"
            )
            continue
        for child in lang_sec:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            if name in TERMS:
                if term := _term(child, lang, path, termbase):
                    terms.append(term)
            elif name in ("descrip", "descripGrp"):
                descrip = (
                    child if name == "descrip" else next(iter(_children(child, "descrip")), None)
                )
                if descrip is not None and descrip.get("type") == "definition":
                    definitions.setdefault(lang, _text(descrip))
                else:
                    termbase.note(f"{name} of language sections other than definitions: not mapped")
            elif name == "note":
                notes[lang] = f"{notes[lang]} {_text(child)}" if lang in notes else _text(child)
            else:
                termbase.note(
                    f"{name} {child.get('type', '')} of language sections: not mapped".replace(
                        "  ", " "
                    )
                )
    return Entry(
        where, element.get("id"), tuple(terms), definitions, notes, domain, related=tuple(related)
    )


def _term(
    element: etree._Element, lang: str, path: Path, termbase: Termbase
) -> ImportedTerm | None:
    """A termSec (v3), tig or ntig (v2; an ntig holds its term in a termGrp)."""
    holder = next(iter(_children(element, "termGrp")), element)
    found = _children(holder, "term")
    if not found or not _text(found[0]):
        termbase.note(f"{path.name}:{element.sourceline}: a term section without a term: left out")
        return None
    status, term_type, note, sources = None, TermType.FULL_FORM, None, []
    general: tuple[str, ...] | None = None
    for child in [
        *_children(holder, "termNote", "termNoteGrp"),
        *_children(element, "termNote", "note", "admin", "descrip", "transacGrp"),
    ]:
        name, kind = _local(child.tag), child.get("type", "")
        if name == "termNoteGrp":
            child = next(iter(_children(child, "termNote")), child)
            kind = child.get("type", "")
        value = _text(child)
        if name in ("termNote", "termNoteGrp") and kind == "administrativeStatus":
            status = STATUSES.get(value.lower().replace(" ", ""))
            if status is None:
                termbase.note(f"administrative status '{value}': not known; read as admitted")
                status = Status.ADMITTED
        elif name in ("termNote", "termNoteGrp") and kind == "termType":
            term_type = TERM_TYPES.get(value.lower(), TermType.FULL_FORM)
            if value.lower() not in TERM_TYPES:
                termbase.note(f"term type '{value}': not known; read as fullForm")
        elif is_evidence(name, kind, value):
            termbase.note("usage-corpus counts and citations: left out (attest makes them anew)")
        elif name == "note" and (context := general_of(value)) is not None:
            general = context
        elif name == "note":
            note = value
        elif name == "admin" and kind == "source":
            sources.append(value)
        elif kind not in KNOWN_TERM_NOTES or name not in ("termNote", "termNoteGrp"):
            termbase.note(f"{name} {kind} of terms: not mapped".replace("  ", " "))
    return ImportedTerm(
        _text(found[0]), lang, status, term_type, note, sources=tuple(sources), general=general
    )
