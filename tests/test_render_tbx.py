"""TBX exports: v3 valid against the TBX core RNG and the TBX-Basic Schematron; v2 read back by
translate-toolkit.

The Schematron (XPath 2) needs pyschematron, which needs Python ≥ 3.12: it runs in a subprocess
under such an interpreter, and is skipped, saying why, where there is none. It takes about
a second per hundred elements, so it validates the small glossaries; the shipped glossary's TBX is
validated with the RNG, and must use no construct that the Schematron-validated files lack.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tbx as toolkit_tbx

from helpers import FIXTURES, ROOT, outputs_of
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.render.contract import BuildContext, RenderError
from termbase.render.tbx import NAMESPACE, tbx_v2, tbx_v3, xml_id

SCHEMAS = ROOT.parent / "shared" / "schemas" / "tbx"
RNG = SCHEMAS / "TBXcoreStructV03.rng"
SCHEMATRON = SCHEMAS / "TBX-Basic_DCA.sch"
TBX = f"{{{NAMESPACE}}}"
PYSCHEMATRON = "pyschematron==1.2.5"

needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"the TBX schemas are not at {SCHEMAS} (shared/ beside the repo)"
)

# Run by a Python ≥ 3.12: prints {file: [failed assertion, ...]} as JSON.
SCHEMATRON_SCRIPT = """
import json, sys
from pathlib import Path
from pyschematron import create_validator

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
schema, *documents = map(Path, sys.argv[1:])
validator = create_validator(schema)  # compiled once for every document
report = {}
for document in documents:
    svrl = validator.validate(document).get_svrl()
    failed = svrl.iter(SVRL + "failed-assert")
    report[document.name] = [" ".join(f.findtext(SVRL + "text").split()) for f in failed]
print(json.dumps(report))
"""


@cache
def schematron_python() -> str | None:
    """A Python ≥ 3.12 that can import pyschematron: this one, pyenv's, or one on the PATH."""
    candidates = [sys.executable] if sys.version_info >= (3, 12) else []
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += [str(p) for p in sorted(pyenv.glob("versions/3.1[2-9]*/bin/python3"))]
    candidates += [p for name in ("python3.12", "python3.13") if (p := shutil.which(name))]
    for python in candidates:
        probe = subprocess.run([python, "-c", "import pyschematron"], capture_output=True)
        if probe.returncode == 0:
            return python
    return None


def run_schematron(tmp_path: Path, documents: dict[str, bytes]) -> dict[str, list[str]]:
    """The failed Schematron assertions of each document, by name."""
    python = schematron_python()
    if python is None:
        pytest.skip(
            f"no Python ≥ 3.12 with {PYSCHEMATRON} (the TBX-Basic Schematron needs XPath 2); "
            f"install it with: PYENV_VERSION=3.12.1 python3.12 -m pip install {PYSCHEMATRON}"
        )
    paths = []
    for name, data in documents.items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    result = subprocess.run(
        [python, "-c", SCHEMATRON_SCRIPT, str(SCHEMATRON), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@cache
def relax_ng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG)))


def rng_errors(data: bytes) -> list[str]:
    schema = relax_ng()
    if schema.validate(etree.fromstring(data).getroottree()):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


@pytest.fixture(scope="module")
def qa() -> Glossary:
    return load_glossary(FIXTURES / "qa")


def with_status(data: bytes, wrong: str) -> bytes:
    """The TBX with its first administrativeStatus replaced by `wrong`."""
    return data.replace(b"preferredTerm-admn-sts", wrong.encode(), 1)


# TBX-Basic v3 --------------------------------------------------------------------------------


@needs_schemas
def test_v3_is_valid_against_the_core_rng(mini, qa, attested, shipped) -> None:
    for glossary in (mini, qa, attested, shipped):
        assert rng_errors(tbx_v3(glossary)) == []


@needs_schemas
def test_the_core_rng_refuses_a_language_section_without_terms(mini) -> None:
    data = tbx_v3(mini)
    root = etree.fromstring(data)
    lang_sec = root.find(f".//{TBX}langSec")
    for term_sec in lang_sec.findall(f"{TBX}termSec"):
        lang_sec.remove(term_sec)
    assert rng_errors(etree.tostring(root)) != []


@pytest.fixture(scope="module")
def schematron_report(
    mini, qa, attested, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """The Schematron's failed assertions for the mini, qa and attested glossaries' TBX, and for
    the mini one with a wrong administrative status: one run of the (slow) validator for all."""
    return run_schematron(
        tmp_path_factory.mktemp("schematron"),
        {
            "mini.tbx": tbx_v3(mini),
            "qa.tbx": tbx_v3(qa),
            "attested.tbx": tbx_v3(attested),
            "wrong.tbx": with_status(tbx_v3(mini), "preferred"),
        },
    )


@needs_schemas
@pytest.mark.slow
def test_v3_passes_the_tbx_basic_schematron(schematron_report: dict[str, list[str]]) -> None:
    for name in ("mini.tbx", "qa.tbx", "attested.tbx"):
        assert schematron_report[name] == [], name


@needs_schemas
@pytest.mark.slow
def test_the_schematron_refuses_a_wrong_administrative_status(
    mini, schematron_report: dict[str, list[str]]
) -> None:
    wrong = with_status(tbx_v3(mini), "preferred")
    assert rng_errors(wrong) == []  # the core structure allows any value: only the dialect checks
    [failure] = schematron_report["wrong.tbx"]
    assert failure.startswith("/administrativeStatus/ type may be:")


def signatures(data: bytes) -> set[tuple[str, str, str | None, str | None]]:
    """What the Schematron's rules look at: each element's name, its parent's, its @type, and
    the value of a termNote (administrativeStatus, termType, partOfSpeech)."""
    root = etree.fromstring(data)
    return {
        (
            etree.QName(element).localname,
            etree.QName(element.getparent()).localname if element.getparent() is not None else "",
            element.get("type"),
            element.text if etree.QName(element).localname == "termNote" else None,
        )
        for element in root.iter(etree.Element)
    }


def test_the_shipped_tbx_uses_only_what_the_schematron_accepted(
    mini, qa, attested, shipped
) -> None:
    checked = signatures(tbx_v3(mini)) | signatures(tbx_v3(qa)) | signatures(tbx_v3(attested))
    assert signatures(tbx_v3(shipped)) - checked == set()


def test_every_cross_reference_points_to_an_entry(shipped) -> None:
    root = etree.fromstring(tbx_v3(shipped))
    ids = {entry.get("id") for entry in root.iter(f"{TBX}conceptEntry")}
    targets = {ref.get("target") for ref in root.iter(f"{TBX}ref")}
    assert targets and targets <= ids


def test_v3_carries_statuses_types_definitions_and_sources(shipped) -> None:
    root = etree.fromstring(tbx_v3(shipped))
    [entry] = root.xpath("//t:conceptEntry[@id='foundation-model']", namespaces={"t": NAMESPACE})
    ns = {"t": NAMESPACE}
    assert entry.findtext(f"{TBX}descrip[@type='subjectField']") == "AI models in general"
    [ru] = entry.xpath("t:langSec[@xml:lang='ru']", namespaces=ns)
    assert ru.findtext(f"{TBX}descripGrp/{TBX}descrip[@type='definition']").startswith(
        "Крупная модель"
    )
    assert ru.findtext(f"{TBX}descripGrp/{TBX}admin[@type='source']") == (
        "concepts/foundation-model.yaml"
    )
    assert ru.findtext(f"{TBX}note").startswith("Термин получил распространение в 2021 году")
    [deprecated] = ru.xpath("t:termSec[t:term='фундаментальные модель']", namespaces=ns)
    notes = {n.get("type"): n.text for n in deprecated.iter(f"{TBX}termNote")}
    assert notes == {
        "termType": "variant",
        "partOfSpeech": "noun",
        "administrativeStatus": "deprecatedTerm-admn-sts",
    }
    assert deprecated.findtext(f"{TBX}note").startswith("Форма из заметки-источника")
    assert deprecated.findtext(f"{TBX}admin[@type='source']") == "000_5adb227b09ddfbae.txt:35"
    refs = [r.get("target") for r in entry.iter(f"{TBX}ref")]
    assert refs[0] == "pre-trained-model" and "gpt-4" in refs


def test_texts_are_escaped(mini) -> None:
    llm = mini.concept("llm")
    odd = dataclasses.replace(llm.terms[1], text="A&B <\"C\"> 'D'")
    changed = dataclasses.replace(llm, terms=(llm.terms[0], odd, *llm.terms[2:]))
    glossary = dataclasses.replace(
        mini, concepts=tuple(changed if c.id == "llm" else c for c in mini.concepts)
    )
    terms = etree.fromstring(tbx_v3(glossary)).iter(f"{TBX}term")
    assert "A&B <\"C\"> 'D'" in [t.text for t in terms]


def test_an_xml_id_never_starts_with_a_digit() -> None:
    assert xml_id("gpt-4") == "gpt-4"
    assert xml_id("3d-model") == "_3d-model"


def test_a_concept_without_terms_is_a_render_error(mini) -> None:
    bare = dataclasses.replace(mini.concept("llm"), terms=())
    glossary = dataclasses.replace(
        mini, concepts=tuple(bare if c.id == "llm" else c for c in mini.concepts)
    )
    with pytest.raises(RenderError, match="'llm' has no terms"):
        tbx_v3(glossary)


def test_the_renderer_writes_both_files(mini) -> None:
    context = BuildContext(mini, datetime(2025, 1, 1, tzinfo=UTC))
    first = list(outputs_of("tbx", context))
    assert [str(o.path) for o in first] == ["tbx/mini-glossary.tbx", "tbx/mini-glossary.tbx2.tbx"]
    assert first[0].data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<?xml-model")


# TBX v2 (martif), read by translate-toolkit -----------------------------------------------------


def read_v2(glossary: Glossary, target: str) -> toolkit_tbx.tbxfile:
    return toolkit_tbx.tbxfile.parsestring(
        tbx_v2(glossary), sourcelanguage="en", targetlanguage=target
    )


def test_translate_toolkit_reads_the_v2_file(mini) -> None:
    store = read_v2(mini, "ru")
    assert [unit.getid() for unit in store.units] == ["generative-model", "gpt-3", "llm"]
    llm = store.units[2]
    assert llm.source == "large language model"
    assert [(t.text, t.administrative_status) for t in llm.get_target_terms()] == [
        ("большая языковая модель", "preferredTerm-admn-sts"),
        ("БЯМ", "admittedTerm-admn-sts"),
    ]
    assert [t.text for t in llm.get_target_terms("zh-Hans")] == ["大语言模型"]
    definitions = [n.text for n in llm.get_common_notes() if n.category == "definition"]
    assert definitions == [
        "Языковая модель очень большого размера, обученная на огромных объёмах текста."
    ]


def test_translate_toolkit_sees_deprecated_terms(shipped) -> None:
    store = read_v2(shipped, "ru")
    assert len(store.units) == len(shipped.concepts)
    unit = next(u for u in store.units if u.getid() == "foundation-model")
    deprecated = [t.text for t in unit.get_target_terms() if t.deprecated]
    assert deprecated == ["фундаментальные модель"]


def test_v2_is_well_formed_martif_without_a_namespace(mini) -> None:
    data = tbx_v2(mini)
    assert b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in data
    root = etree.fromstring(data)
    assert root.tag == "martif" and root.nsmap == {}
    assert len(root.findall("text/body/termEntry")) == 3


def test_general_words_carry_their_mark(shipped) -> None:
    notes = [
        " ".join(note.text.split())
        for note in etree.fromstring(tbx_v3(shipped)).iter(f"{{{NAMESPACE}}}note")
        if note.text and note.text.startswith("General word")
    ]
    assert "General word: a term only near a use of training." in notes
    assert any("not checked" in note for note in notes)  # "sample"
