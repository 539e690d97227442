"""`termbase import`: a glossary from TBX (v3, v2), CSV and XLSX, this project's own exports and
CAT tools' layouts; a round trip through TBX keeps every term, status, definition, note and
cross-reference; hostile XML is read without entities or network."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook

from helpers import MINI, run_cli
from termbase.checks import check
from termbase.findings import Severity
from termbase.importer import UnreadableTermbaseError, import_file
from termbase.load import load_glossary
from termbase.model import Glossary, Kind, Status
from termbase.render.csv import table
from termbase.render.tbx import is_evidence, tbx_v2, tbx_v3
from termbase.render.xlsx import workbook_bytes

KITCHEN = Path(__file__).resolve().parents[1] / "examples" / "kitchen"


def tbx_content(data: bytes) -> list[tuple[object, ...]]:
    """What a TBX file says of each entry, in a form to compare: subject field, the set of
    cross-references, and per language the definition, the note and every term with its
    type, status, note and sources (not its evidence of use, which `attest` makes)."""
    root = etree.fromstring(data)
    found = []
    for entry in root.iter("{*}conceptEntry", "termEntry"):
        subject = entry.findtext("{*}descrip[@type='subjectField']") or entry.findtext(
            "descrip[@type='subjectField']"
        )
        refs = frozenset(ref.get("target") for ref in entry if etree.QName(ref).localname == "ref")
        languages = []
        for lang_sec in (c for c in entry if etree.QName(c).localname in ("langSec", "langSet")):
            lang = lang_sec.get("{http://www.w3.org/XML/1998/namespace}lang")
            texts = [
                (etree.QName(e).localname, e.get("type"), e.text)
                for e in lang_sec.iter()
                if not is_evidence(etree.QName(e).localname, e.get("type"), e.text or "")
            ]
            languages.append((lang, tuple(t for t in texts if t[2] and t[2].strip())))
        found.append((entry.get("id"), subject, refs, tuple(languages)))
    return found


@pytest.mark.parametrize("writer", [tbx_v3, tbx_v2], ids=["tbx3", "tbx2"])
def test_a_round_trip_through_tbx_keeps_every_term_definition_note_and_reference(
    shipped: Glossary, tmp_path: Path, writer
) -> None:
    """Our TBX → import → TBX again: the same entries, word for word (TBX has one kind of
    cross-reference, so the relations come back as related concepts: the same references)."""
    exported = tmp_path / "ours.tbx"
    exported.write_bytes(writer(shipped))
    imported = import_file(exported, tmp_path / "glossary")
    again = load_glossary(tmp_path / "glossary")
    assert [c.id for c in again.concepts] == [c.id for c in shipped.concepts]
    assert tbx_content(writer(again)) == tbx_content(writer(shipped))
    assert not [f for f in check(again) if f.severity is Severity.ERROR]
    assert not [line for line in imported.report if "a second reference" in line]
    # the terms' evidence of use comes from a corpus (attest), not from a termbase
    assert "usage-corpus counts and citations: left out (attest makes them anew)" in imported.report


def test_a_concept_linked_twice_to_another_comes_back_with_one_reference(
    mini_dir: Path, tmp_path: Path
) -> None:
    """TBX has one kind of cross-reference: a broader concept that is also related is one
    reference twice, kept once and reported."""
    llm = mini_dir / "concepts" / "llm.yaml"
    llm.write_text(llm.read_text() + "related: [generative-model]\n")
    exported = tmp_path / "ours.tbx"
    exported.write_bytes(tbx_v3(load_glossary(mini_dir)))
    imported = import_file(exported, tmp_path / "imported")
    assert any("a second reference to 'generative-model'" in line for line in imported.report)
    again = load_glossary(tmp_path / "imported")
    assert again.concept("llm").related.count("generative-model") == 1


def test_our_xlsx_comes_back_with_every_term_and_its_status_type_and_note(
    mini: Glossary, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "mini.xlsx"
    path.write_bytes(workbook_bytes(mini, datetime(2026, 12, 1, tzinfo=UTC)))
    import_file(path, tmp_path / "glossary")
    again = load_glossary(tmp_path / "glossary")
    for concept in mini.concepts:
        back = again.concept(concept.id)
        shown = [(t.lang, t.text, t.status, t.type, t.note) for t in concept.terms]
        assert [(t.lang, t.text, t.status, t.type, t.note) for t in back.terms] == shown
        assert back.definitions == concept.definitions and back.kind is concept.kind


def test_our_csv_comes_back_with_terms_by_status_and_says_what_it_lacks(
    mini: Glossary, tmp_path: Path
) -> None:
    path = tmp_path / "mini.csv"
    path.write_bytes(table(mini).encode("utf-8-sig"))
    imported = import_file(path, tmp_path / "glossary")
    again = load_glossary(tmp_path / "glossary")
    for concept in mini.concepts:
        by_status = {(t.lang, t.text, t.status) for t in concept.terms}
        assert {(t.lang, t.text, t.status) for t in again.concept(concept.id).terms} == by_status
    assert "which terms the sources have ('attested'): not mapped" in " ".join(imported.report)


def test_a_memoq_style_csv_is_read_by_language_names(tmp_path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["English", "English_Def", "German", "German_Def", "German_Info", "Created"])
    writer.writerow(
        [
            "whisk",
            "A wire tool to beat eggs.",
            "Schneebesen; Rührbesen",
            "Ein Rührgerät.",
            "",
            "2024",
        ]
    )
    writer.writerow(["ladle", "", "Schöpfkelle", "", "Auch Suppenkelle.", "2024"])
    path = tmp_path / "memoq.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    imported = import_file(path, tmp_path / "glossary")
    glossary = load_glossary(tmp_path / "glossary")
    assert glossary.languages == ("en", "de")
    whisk = glossary.concept("whisk")
    assert [(t.text, t.status) for t in whisk.terms_in("de")] == [
        ("Schneebesen", Status.PREFERRED),
        ("Rührbesen", Status.ADMITTED),
    ]
    assert whisk.definitions["en"] == "A wire tool to beat eggs."
    assert glossary.concept("ladle").notes["de"] == "Auch Suppenkelle."
    assert "column 'Created': not mapped" in imported.report


def test_a_phrase_style_workbook_with_regional_tags_and_statuses(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        ["Entry_ID", "Entry_Subject", "en-US", "en-US_Definition", "ja-JP", "ja-JP_Status"]
    )
    sheet.append(["17", "Utensils", "kitchen knife", "A knife for food.", "包丁", "Approved"])
    sheet.append(["18", "Utensils", "cleaver", "", "中華包丁", "Forbidden"])
    path = tmp_path / "phrase.xlsx"
    book.save(path)
    imported = import_file(path, tmp_path / "glossary")
    glossary = load_glossary(tmp_path / "glossary")
    assert glossary.languages == ("en", "ja")
    assert [d.id for d in glossary.domains] == ["utensils"]
    assert [c.id for c in glossary.concepts] == ["cleaver", "kitchen-knife"]  # named after terms
    assert glossary.concept("cleaver").terms_in("ja")[0].status is Status.PREFERRED
    assert "language 'en-US': read as 'en'" in imported.report
    assert any(line.startswith("status 'Approved'") for line in imported.report)


def test_hostile_xml_is_read_without_entities_dtd_or_network(tmp_path: Path) -> None:
    """An external entity (a local file, a URL) and a billion-laughs entity stay unexpanded."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "hostile.tbx"
    path.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY secret SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/x">
  <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="en"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>knife &secret;&remote;&b;</term>
</termSec></langSec></conceptEntry></body></text></tbx>
""",
        encoding="utf-8",
    )
    import_file(path, tmp_path / "glossary")
    text = "".join(p.read_text() for p in (tmp_path / "glossary" / "concepts").glob("*.yaml"))
    assert "TOP SECRET" not in text and "aaaaaaaaaa" not in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.docx", b"x", "cannot import a .docx; import reads .tbx, .xml, .csv, .xlsx"),
        ("broken.tbx", b"<tbx><text>", "broken.tbx:1: not well-formed XML"),
        ("page.xml", b"<html/>", "not TBX: its root element is <html>"),
        ("empty.csv", b"", "the table is empty"),
        ("nolang.csv", b"id,comment\n1,x\n", "nolang.csv:1: no column of terms"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableTermbaseError, match=message.replace(".", r"\.")):
        import_file(path, tmp_path / "glossary")
    assert not (tmp_path / "glossary").exists()


def test_the_command_refuses_a_folder_with_a_glossary_and_reports(tmp_path: Path) -> None:
    refused = run_cli("import", str(KITCHEN / "glossary.toml"), "--glossary", str(MINI))
    assert refused.returncode == 1
    assert (
        refused.stderr.strip() == f"error: {MINI} has a glossary already; import into a new folder"
    )
    source = tmp_path / "kitchen.tbx"
    source.write_bytes(tbx_v3(load_glossary(KITCHEN)))
    done = run_cli("import", str(source), "--glossary", str(tmp_path / "g"))
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "kinds: TBX has none" in done.stdout
    kitchen = load_glossary(tmp_path / "g")
    assert kitchen.languages == ("en", "de", "ja", "ar")
    assert {c.kind for c in kitchen.concepts} == {Kind.CONCEPT}
