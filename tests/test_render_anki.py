"""The Anki decks, imported into a real Anki collection (the `anki` package from PyPI).

What matters most to a learner is tested the way a learner meets it: import a deck, review,
import the next version, and find the change applied with every review kept.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

from golden import compare
from helpers import KNOWN_READINGS, MINI, SHIPPED, build_formats, run_together
from termbase.load import load_glossary, load_header
from termbase.model import FrozenMap, Glossary, InstanceWords, Kind
from termbase.paths import TEMPLATES
from termbase.render import anki as renderer
from termbase.render.anki import notes as anki_notes
from termbase.render.anki import notetype as anki_notetype
from termbase.render.anki.notetype import Edition, NoteType, deck_editions, field_names
from termbase.render.contract import BuildContext, RenderError

EDITIONS = ("en-ru", "en-zh", "ru-zh", "en-ru-zh")
OLD = int(datetime(2025, 1, 1, tzinfo=UTC).timestamp())
"""A file date before every revision of the deck layout."""
LATER = int((anki_notes.FIELDS_REVISED + timedelta(days=30)).timestamp())
"""A file date after it: an edit made after this version of the renderer."""


# Helpers -------------------------------------------------------------------------------------


def build_decks(glossary_dir: Path, out: Path) -> dict[str, Path]:
    """Build the Anki format of a glossary folder, as `build.py build --only anki` does."""
    build_formats(glossary_dir, out, ["anki"])
    return {
        path.name.removeprefix(f"{load_header(glossary_dir).slug}-").removesuffix(".apkg"): path
        for path in sorted((out / "anki").glob("*.apkg"))
    }


def import_deck(col: Collection, path: Path):  # -> ImportResponse.Log
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def visible(html: str) -> str:
    """The text a learner reads: no style sheet, no tags, no play buttons, no pinyin over terms."""
    html = re.sub(r"<style>.*?</style>|<rt>.*?</rt>", "", html, flags=re.DOTALL)
    html = re.sub(r"\[anki:play:[aq]:\d+\]", "", html)
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def snapshot(col: Collection) -> dict[str, object]:
    """Everything an import could change, row by row."""
    db = col.db
    return {
        "notes": db.all("select id, guid, mid, mod, tags, flds from notes order by id"),
        "cards": db.all("select id, nid, did, ord, type, queue, due, ivl from cards order by id"),
        "revlog": db.all("select id, cid, ease, ivl from revlog order by id"),
        "decks": sorted((d.id, d.name) for d in col.decks.all_names_and_ids()),
    }


def set_mtimes(folder: Path, epoch: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (epoch, epoch))


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


@pytest.fixture
def dated_mini(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini glossary outside git, every file dated OLD (the build date comes from them)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    set_mtimes(mini_dir, OLD)
    return mini_dir


@pytest.fixture(scope="module")
def mini_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The mini glossary's decks, built once for the tests that only read them."""
    folder = tmp_path_factory.mktemp("mini-decks")
    glossary_dir = Path(shutil.copytree(MINI, folder / "glossary"))
    set_mtimes(glossary_dir, OLD)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build_decks(glossary_dir, folder / "out")


@pytest.fixture(scope="module")
def shipped_decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped glossary's decks, built once, dated by the glossary as a user's would be."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build_decks(SHIPPED, tmp_path_factory.mktemp("shipped-decks"))


def context_for(glossary: Glossary, **dates: int) -> BuildContext:
    """A context whose concepts' files have the given dates (`gpt_3=...` for gpt-3)."""
    when = {key.replace("_", "-"): datetime.fromtimestamp(v, UTC) for key, v in dates.items()}
    return BuildContext(glossary, datetime.fromtimestamp(OLD, UTC), concept_dates=FrozenMap(when))


# The decks -----------------------------------------------------------------------------------


def test_a_deck_per_language_pair_and_a_trilingual_one(mini_decks: dict[str, Path]) -> None:
    assert sorted(mini_decks) == sorted(EDITIONS)


def test_a_pair_deck_has_subdecks_per_domain_notes_cards_and_tags(
    mini_decks: dict[str, Path], col: Collection
) -> None:
    log = import_deck(col, mini_decks["en-ru"])
    assert len(log.new) == 3 and col.note_count() == 3
    assert col.card_count() == 5  # two concepts in both directions, one example card
    parent = "Mini glossary · Мини-глоссарий (EN–RU)"
    assert {d.name for d in col.decks.all_names_and_ids()} == {
        "Default",
        parent,
        f"{parent}::01 Generative models · Генеративные модели",
        f"{parent}::02 Named models · Известные модели",
    }
    llm = col.get_note(col.find_notes("Id:llm")[0])
    assert llm.tags == [
        "glossary::domain::generative-models",
        "glossary::kind::concept",
        "glossary::source::notes.md",
    ]
    assert {col.decks.name(card.did) for card in llm.cards()} == {
        f"{parent}::01 Generative models · Генеративные модели"
    }
    assert "Импорт новой версии" in col.decks.by_name(parent)["desc"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_card_renders_both_sides_with_its_terms(
    edition: str, mini_decks: dict[str, Path], mini: Glossary, col: Collection
) -> None:
    import_deck(col, mini_decks[edition])
    glossary = mini
    languages = next(v.languages for v in deck_editions(glossary.languages) if v.key == edition)
    cards = [col.get_card(card_id) for card_id in col.find_cards("")]
    assert len(cards) == 2 * len(languages) + 1  # two concepts asked in each language, one model
    for card in cards:
        question, answer = card.question(), card.answer()
        assert visible(question) and visible(answer)
        assert "{{" not in question + answer and "}}" not in question + answer
        concept = glossary.concept(card.note()["Id"])
        if card.ord < len(languages):  # a term card: asked in one language, answered in the others
            asked = languages[card.ord]
            assert concept.preferred(asked).text in visible(question)
            for lang in languages:
                assert concept.preferred(lang).text in visible(answer)
        else:  # the example card of a named model
            assert concept.kind is Kind.INSTANCE
            assert concept.preferred(languages[0]).text in visible(question)
            for kind_id in concept.instance_of:
                for lang in languages:
                    assert glossary.concept(kind_id).preferred(lang).text in visible(answer)


def test_chinese_terms_have_pinyin_as_ruby_on_the_back_and_are_spoken_without_it(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    path = dated_mini / "concepts" / "llm.yaml"
    edition = "\n    - text: LLM 模型\n      status: admitted\n      type: abbreviation\n"
    path.write_text(
        path.read_text().replace(
            "\n    - text: 大语言模型\n      status: preferred\n",
            "\n    - text: 大语言模型\n      status: preferred" + edition,
        )
    )
    import_deck(col, build_decks(dated_mini, tmp_path / "out")["en-zh"])
    note_id = col.find_notes("Id:llm")[0]
    (card,) = [c for c in col.get_note(note_id).cards() if c.template()["name"] == "ZH → EN"]
    assert "大语言模型" in card.question() and "dà" not in card.question()
    answer = card.answer()
    assert "<ruby><rb>大</rb><rt>dà</rt></ruby><ruby><rb>语言</rb><rt>yǔyán</rt></ruby>" in answer
    assert "<ruby><rb>生成</rb><rt>shēngchéng</rt></ruby>" in answer  # an override, by word
    assert "LLM <ruby><rb>模型</rb><rt>móxíng</rt></ruby>" in answer  # none over Latin letters
    spoken = {(tag.lang, tag.field_text.strip()) for tag in card.answer_av_tags()}
    heard = {("zh_CN", "大语言模型"), ("zh_CN", "LLM 模型"), ("en_US", "large language model")}
    assert heard <= spoken


def ruby_terms(field: str) -> dict[str, str]:
    """The Chinese terms of a field, `大[dà] 语言[yǔyán]`, each with its pinyin put together."""
    found = {}
    for term in re.sub(r"<[^>]+>", "", field).split("、"):
        pieces = re.findall(r"([^\s\[]+)\[([^\]]+)\]|(\S+)", term)
        if pieces:
            text = "".join(html.unescape(base or plain) for base, _, plain in pieces)
            found[text] = " ".join(sound or html.unescape(plain) for _, sound, plain in pieces)
    return found


def test_chinese_fields_carry_pinyin_by_word(pinyin_glossary: Glossary) -> None:
    """Each word of a Chinese term is one ruby, `语言[yǔyán]`: Anki shows its reading over the
    word, and a line never breaks inside it."""
    context = context_for(pinyin_glossary)
    edition = Edition(("en", "zh-Hans"))
    shown: dict[str, str] = {}
    for concept in pinyin_glossary.concepts:
        data = anki_notes.note_data(context, edition, concept)
        fields = dict(zip(field_names(edition), data.fields, strict=True))
        shown |= ruby_terms(fields["Term ZH"]) | ruby_terms(fields["Variants ZH"])
    alphago = pinyin_glossary.concept("alphago").preferred("zh-Hans")
    shown |= ruby_terms(anki_notes.term_html(alphago))
    assert shown == KNOWN_READINGS
    llm = anki_notes.note_data(context, edition, pinyin_glossary.concept("large-language-model"))
    assert " 大[dà] 语言[yǔyán] 模型[móxíng]" in llm.fields


def test_the_example_card_asks_the_glossarys_own_question(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    """glossary.toml's `[instances]` words the question per language; a language it leaves
    out keeps the UI's default."""
    toml = dated_mini / "glossary.toml"
    toml.write_text(
        toml.read_text()
        + '\n[instances]\nquestion = { ru = "К какому типу моделей она относится?" }\n'
    )
    import_deck(col, build_decks(dated_mini, tmp_path / "out")["ru-zh"])
    (card_id,) = col.find_cards("Id:gpt-3")
    question = visible(col.get_card(card_id).question())
    assert "К какому типу моделей она относится?" in question
    assert "它首先是哪个概念的实例？" in question


def test_the_example_card_asks_for_the_main_kind_and_lists_the_others_apart(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    """One answer a learner can grade: the first `instance_of`; the other kinds are shown
    below it, smaller, as more to know."""
    path = dated_mini / "concepts" / "gpt-3.yaml"
    path.write_text(
        path.read_text().replace("instance_of: [llm]", "instance_of: [llm, generative-model]")
    )
    import_deck(col, build_decks(dated_mini, tmp_path / "out")["ru-zh"])
    (card_id,) = col.find_cards("Id:gpt-3")
    card = col.get_card(card_id)
    assert card.template()["name"] == "Model → kind"
    question = visible(card.question())
    assert question.startswith("GPT-3")
    assert "Экземпляром какого понятия это является прежде всего?" in question
    assert "它首先是哪个概念的实例？" in question
    answer = card.answer()
    main = re.findall(r'<span class="kind">(.*?)</span>', answer)
    also = re.findall(r'<span class="also">(.*?)</span>', answer)
    assert [visible(m) for m in main] == ["большая языковая модель", "大语言模型"]
    assert [visible(a) for a in also] == ["генеративная модель", "生成模型"]
    assert "--also:&#34;также:&#34;" in answer
    # Spoken, the main kind ends with a full stop, so that the voice pauses before the others.
    spoken = [(tag.lang, tag.field_text) for tag in card.answer_av_tags()]
    assert spoken == [
        ("ru_RU", "большая языковая модель. генеративная модель"),
        ("zh_CN", "大语言模型。生成模型"),
    ]


def test_a_spaced_term_needs_a_pinyin_override_with_one_syllable_per_character(
    mini_dir: Path,
) -> None:
    path = mini_dir / "concepts" / "generative-model.yaml"
    path.write_text(path.read_text().replace("text: 生成模型", "text: 生 成 模型"))
    with pytest.raises(RenderError, match=r"generative-model.yaml:\d+:\d+: the pinyin"):
        list(renderer.render(context_for(load_glossary(mini_dir))))


# Updates keep the learner's progress ---------------------------------------------------------


def review_some_cards(col: Collection) -> int:
    """Answer the first four cards due ("Good"), as a learner would; return how many."""
    answered = 0
    for _ in range(4):
        card = col.sched.getCard()
        if card is None:
            break
        col.sched.answerCard(card, 3)
        answered += 1
    return answered


def studied(col: Collection, glossary_dir: Path, out: Path) -> dict[str, object]:
    """The EN–RU deck imported and four of its cards reviewed; what the collection holds then."""
    import_deck(col, build_decks(glossary_dir, out)["en-ru"])
    col.decks.select(col.decks.id_for_name("Mini glossary · Мини-глоссарий (EN–RU)"))
    assert review_some_cards(col) == 4
    return snapshot(col)


def test_a_changed_translation_updates_the_note_in_place_and_keeps_the_reviews(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    before = studied(col, dated_mini, tmp_path / "v1")
    assert len(before["revlog"]) == 4

    path = dated_mini / "concepts" / "llm.yaml"
    path.write_text(path.read_text().replace("большая языковая модель", "крупная языковая модель"))
    os.utime(path, (LATER, LATER))
    log = import_deck(col, build_decks(dated_mini, tmp_path / "v2")["en-ru"])

    # llm changed; gpt-3 names it as its kind, generative-model in their contrast
    assert sorted(note.fields[0] for note in log.updated) == ["generative-model", "gpt-3", "llm"]
    assert not log.new
    after = snapshot(col)
    assert after["revlog"] == before["revlog"]
    assert after["cards"] == before["cards"]  # the same cards, scheduled as before, no more
    assert [row[:3] for row in after["notes"]] == [row[:3] for row in before["notes"]]
    llm = col.get_note(col.find_notes("Id:llm")[0])
    assert llm["Term RU"] == "крупная языковая модель" and llm.mod == LATER
    assert not col.find_notes('"Term RU:большая языковая модель"')
    contrasted = col.get_note(col.find_notes("Id:generative-model")[0])
    assert "<b>крупная языковая модель</b>" in contrasted["Notes RU"]
    assert contrasted.mod == LATER


def retire_generative_model(glossary_dir: Path) -> None:
    """Merge generative-model into llm, as an editor would: retire it, and drop llm's links to
    it (its broader concept, the contrast, which comes last)."""
    path = glossary_dir / "concepts" / "generative-model.yaml"
    path.write_text(path.read_text() + "retired: true\nreplaced_by: llm\n")
    llm = glossary_dir / "concepts" / "llm.yaml"
    text = llm.read_text().replace("broader: [generative-model]\n", "")
    llm.write_text(text.split("contrast:")[0])
    for changed in (path, llm):
        os.utime(changed, (LATER, LATER))


def test_a_retired_concept_keeps_its_note_tagged_with_its_reviews(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    before = studied(col, dated_mini, tmp_path / "v1")
    (note_id,) = col.find_notes("Id:generative-model")
    reviewed = col.db.list(
        f"select id from revlog where cid in (select id from cards where nid={note_id})"
    )
    assert reviewed  # the learner has reviewed the concept that is about to retire

    retire_generative_model(dated_mini)
    log = import_deck(col, build_decks(dated_mini, tmp_path / "v2")["en-ru"])

    assert not log.new
    assert col.find_notes("tag:retired") == [note_id]
    note = col.get_note(note_id)
    assert "retired" in note.tags and "glossary::kind::concept" in note.tags
    assert note["Term RU"] == "генеративная модель" and not note["Definition RU"]
    assert note["Variants RU"] == (
        '<span class="terms replaced" lang="ru">большая языковая модель</span>'
    )
    after = snapshot(col)
    assert after["revlog"] == before["revlog"]  # its review history is kept
    assert after["cards"] == before["cards"]  # the same cards, scheduled as before
    (card,) = [c for c in note.cards() if c.template()["name"] == "EN → RU"]
    answer = card.answer()
    assert "generative model" in visible(card.question())
    assert "большая языковая модель" in visible(answer)
    assert "--replaced:&#34;Заменено понятием&#34;" in answer


def test_reimporting_an_unchanged_deck_changes_nothing(
    mini_decks: dict[str, Path], col: Collection
) -> None:
    deck = mini_decks["en-ru-zh"]
    import_deck(col, deck)
    col.decks.select(
        col.decks.id_for_name("Mini glossary · Мини-глоссарий · 迷你术语表 (EN–RU–ZH)")
    )
    assert review_some_cards(col) == 4
    before = snapshot(col)
    log = import_deck(col, deck)
    assert not log.new and not log.updated and len(log.duplicate) == 3
    assert snapshot(col) == before


def test_the_same_concept_has_its_own_note_in_each_deck(
    mini_decks: dict[str, Path], col: Collection
) -> None:
    for edition in EDITIONS:
        assert len(import_deck(col, mini_decks[edition]).new) == 3
    assert col.note_count() == 12 and len(col.find_notes("Id:llm")) == 4


def test_a_note_looks_newer_only_when_what_it_shows_changed(mini: Glossary) -> None:
    edition = Edition(("en", "ru"))

    def times(**dates: int) -> dict[str, int]:
        context = context_for(mini, **dates)
        return {c.id: anki_notes.note_data(context, edition, c).mod for c in mini.concepts}

    revised = int(anki_notes.FIELDS_REVISED.timestamp())
    assert times(llm=OLD) == {"generative-model": revised, "gpt-3": revised, "llm": revised}
    # gpt-3 shows llm's terms as its kind; generative-model, llm's term in their contrast
    assert times(llm=LATER) == {"generative-model": LATER, "gpt-3": LATER, "llm": LATER}
    # llm lists gpt-3 among its examples; generative-model shows nothing of gpt-3
    assert times(gpt_3=LATER) == {"generative-model": revised, "gpt-3": LATER, "llm": LATER}


def test_a_new_look_reaches_learners_only_with_a_newer_revision(
    dated_mini: Path, tmp_path: Path, col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_deck(col, build_decks(dated_mini, tmp_path / "v1")["en-ru"])
    col.decks.select(col.decks.id_for_name("Mini glossary · Мини-глоссарий (EN–RU)"))
    review_some_cards(col)
    before = snapshot(col)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "anki", templates / "anki")
    css = templates / "anki" / "card.css"
    css.write_text(css.read_text() + "\n.restyled {}\n")
    glossary = load_glossary(dated_mini)
    context = BuildContext(glossary, datetime.fromtimestamp(OLD, UTC), templates=templates)

    def import_restyled() -> str:
        deck = tmp_path / "restyled.apkg"
        deck.write_bytes(renderer.package(context, Edition(("en", "ru"))).to_bytes())
        log = import_deck(col, deck)
        assert not log.new and not log.updated
        (config,) = col.db.list("select config from notetypes where name like '%EN–RU v1'")
        return bytes(config).decode(errors="replace")  # from the database: Python caches them

    assert ".restyled" not in import_restyled()  # the same revision: Anki keeps its copy
    monkeypatch.setattr(
        renderer, "TEMPLATES_REVISED", anki_notetype.TEMPLATES_REVISED + timedelta(days=1)
    )
    assert ".restyled" in import_restyled()
    after = snapshot(col)
    assert after["revlog"] == before["revlog"] and after["cards"] == before["cards"]


# Reproducible and versioned --------------------------------------------------------------------


def test_the_package_is_dated_by_the_glossary_not_the_clock(
    dated_mini: Path, tmp_path: Path
) -> None:
    first = build_decks(dated_mini, tmp_path / "one")
    with zipfile.ZipFile(first["en-ru"]) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {
            datetime.fromtimestamp(OLD, UTC).timetuple()[:6]
        }


def test_ids_come_from_stable_keys_not_from_text_or_the_clock(mini: Glossary) -> None:
    """Pinned: other values here would make every learner's next import a new deck."""
    edition = Edition(("en", "ru"))
    llm = mini.concept("llm")
    assert anki_notes.guid(edition, llm) == "LECWy8=cu^"
    assert anki_notes.guid(Edition(("en", "zh-Hans")), llm) != anki_notes.guid(edition, llm)
    assert NoteType(edition, "Mini", TEMPLATES, InstanceWords()).model_id == 1993050761
    package = renderer.package(context_for(mini), edition)
    assert [deck.deck_id for deck in package.decks] == [1872038218, 1693170783, 1239301867]


PINNED_PER_LANGUAGE = (
    "Term",
    "Abbreviations",
    "Variants",
    "Deprecated",
    "Definition",
    "Notes",
    "Broader",
    "Related",
    "Examples",
    "Instance of",
)
PINNED_SCHEMA = {
    "en-ru": (
        ["Id", "Model"]
        + [f"{name} {code}" for code in ("EN", "RU") for name in PINNED_PER_LANGUAGE]
        + ["Maker", "Year"],
        ["EN → RU", "RU → EN", "Model → kind"],
    ),
    "en-ru-zh": (
        ["Id", "Model"]
        + [f"{name} {code}" for code in ("EN", "RU", "ZH") for name in PINNED_PER_LANGUAGE]
        + ["Maker", "Year"],
        ["EN → RU, ZH", "RU → EN, ZH", "ZH → EN, RU", "Model → kind"],
    ),
}


def test_the_note_type_fields_and_templates_are_pinned(mini: Glossary) -> None:
    """Anki imports a note type with other field or template names as a new one, and then
    leaves the learner's notes alone. Change these only with a new SCHEMA_VERSION."""
    assert anki_notetype.SCHEMA_VERSION == 1
    for edition in deck_editions(mini.languages):
        if edition.key in PINNED_SCHEMA:
            model = NoteType(edition, "Mini", TEMPLATES, InstanceWords())
            fields = [f["name"] for f in model.fields]
            names = [t["name"] for t in model.templates]
            assert (fields, names) == PINNED_SCHEMA[edition.key]


@pytest.mark.golden
def test_templates_change_only_with_a_new_revision(mini: Glossary, update_golden: bool) -> None:
    """Anki updates a note type only from a newer one: a change to the cards' look (templates,
    CSS, labels) must move anki_notetype.TEMPLATES_REVISED forward (tests/golden/anki/)."""
    parts = []
    for edition in deck_editions(mini.languages):
        model = NoteType(edition, "Mini", TEMPLATES, InstanceWords())
        for template in model.templates:
            parts += [f"== {edition.key}: {template['name']}: front", template["qfmt"]]
            parts += [f"== {edition.key}: {template['name']}: back", template["afmt"]]
    parts += ["== card.css", (TEMPLATES / "anki" / "card.css").read_text()]
    revised = anki_notetype.TEMPLATES_REVISED.date().isoformat()
    compare("anki/templates.txt", "\n".join(parts), update=update_golden, revision=revised)


@pytest.mark.golden
def test_fields_change_only_with_a_new_revision(mini: Glossary, update_golden: bool) -> None:
    """Anki updates a note only from a newer one: a change to how fields are written must move
    anki_notes.FIELDS_REVISED forward (tests/golden/anki/)."""
    context = context_for(mini)
    lines = []
    for edition in deck_editions(mini.languages):
        names = field_names(edition)
        for concept in mini.concepts:
            data = anki_notes.note_data(context, edition, concept)
            lines.append(f"== {edition.key}: {concept.id} {data.guid} {' '.join(data.tags)}")
            lines += [f"{name}: {value}" for name, value in zip(names, data.fields, strict=True)]
    revised = anki_notes.FIELDS_REVISED.date().isoformat()
    compare("anki/fields.txt", "\n".join(lines) + "\n", update=update_golden, revision=revised)


# The shipped glossary and the look of a card ---------------------------------------------------


def test_anki_lists_the_subdecks_in_the_glossarys_domain_order(
    shipped: Glossary, shipped_decks: dict[str, Path], col: Collection
) -> None:
    import_deck(col, shipped_decks["en-ru"])
    (parent,) = [d for d in col.sched.deck_due_tree().children if d.name != "Default"]
    shown = [child.name for child in parent.children]
    domains = [d for d in shipped.domains if shipped.in_domain(d.id)]
    assert shown == [
        f"{shipped.domains.index(d) + 1:02d} {d.names['en']} · {d.names['ru']}" for d in domains
    ]
    assert [d.id for d in domains] != sorted(d.id for d in domains)  # not alphabetical


def test_the_shipped_decks_import_and_every_card_renders(
    shipped: Glossary, shipped_decks: dict[str, Path], tmp_path: Path
) -> None:
    decks = shipped_decks
    for edition in deck_editions(shipped.languages):
        col = Collection(str(tmp_path / f"{edition.key}.anki2"))
        try:
            log = import_deck(col, decks[edition.key])
            members = [c for c in shipped.concepts if anki_notes.belongs(c, edition)]
            models = sum(c.kind is Kind.INSTANCE for c in members)
            assert len(log.new) == col.note_count() == len(members)
            assert col.card_count() == (len(members) - models) * len(edition.languages) + models
            for card_id in col.find_cards(""):
                card = col.get_card(card_id)
                question, answer = card.question(), card.answer()
                assert visible(question) and visible(answer), card.note()["Id"]
                assert "{{" not in question + answer, card.note()["Id"]
                assert card.answer_av_tags(), card.note()["Id"]  # every back speaks
        finally:
            col.close()


def test_the_card_style_has_night_modes_and_a_face_per_language() -> None:
    css = NoteType(Edition(("ja", "zh-Hans", "ru")), "Mini", TEMPLATES, InstanceWords()).css
    for night in (".card.nightMode", ".card.night_mode", ".nightMode .card", ".night_mode .card"):
        assert night in css
    assert ':lang(zh-Hans) { font-family: "Noto Sans CJK SC", "Noto Sans"' in css
    assert ':lang(ja) { font-family: "Noto Sans CJK JP", "Noto Sans"' in css  # not the SC face
    assert ":lang(ru)" in css


# On a phone ------------------------------------------------------------------------------------

PHONE = {"width": 360, "height": 740}
PLAY_BUTTON = (
    '<a class="replay-button soundLink" href="#"><svg class="playImage" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="29"></circle><path d="M56.5,32.3l-37.5,20.1l0.3,-40.8z"></path>'
    "</svg></a>"
)
"""What Anki's reviewer puts in place of a `[anki:play:...]` tag."""
REVIEWER_CSS = (
    ".replay-button { display: inline-block; } .replay-button svg { width: 40px; }"
    " .replay-button circle { fill: #dfdfdf; stroke: #404040; }"
    " .replay-button path { fill: #404040; }"
)
"""The reviewer's own style for it, which card.css overrides (as in Anki, it comes first)."""


@dataclass(frozen=True)
class Side:
    """One side of one card, as Anki renders it."""

    deck: str
    note: str
    template: str
    side: str
    html: str

    @property
    def name(self) -> str:
        return f"{self.deck} {self.note} {self.template} {self.side}"


def card_sides(col: Collection, deck: str) -> list[Side]:
    sides = []
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for side, html_ in (("front", card.question()), ("back", card.answer())):
            sides.append(Side(deck, card.note()["Id"], card.template()["name"], side, html_))
    return sides


def phone_page(sides: list[Side], *, night: bool = False) -> str:
    """The sides one below the other, each a card as Anki shows it, every fold opened."""
    css = (TEMPLATES / "anki" / "card.css").read_text()
    cards = []
    for index, side in enumerate(sides):
        body = re.sub(r"<style>.*?</style>", "", side.html, flags=re.DOTALL)
        body = re.sub(r"\[anki:play:[aq]:\d+\]", PLAY_BUTTON, body)
        body = body.replace("<details", "<details open")
        cards.append(f'<div class="card card{index}" data-side="{index}">{body}</div>')
    mode = ' class="nightMode night_mode"' if night else ""
    return (
        f'<!doctype html><html><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width">'
        f"<style>{REVIEWER_CSS}</style><style>{css}</style></head>"
        f'<body{mode} style="margin:0">{"".join(cards)}</body></html>'
    )


OVERFLOWING = """() => [...document.querySelectorAll('.card')].flatMap(card => {
    const limit = document.documentElement.clientWidth + 0.5;
    const wide = [card, ...card.querySelectorAll('*')].filter(
        e => e.getBoundingClientRect().right > limit || e.scrollWidth > e.clientWidth + 0.5
          && getComputedStyle(e).overflowX === 'visible' && e.clientWidth > 0);
    return wide.length ? [[+card.dataset.side, wide[0].outerHTML.slice(0, 120)]] : [];
})"""


@pytest.fixture(scope="module")
def shipped_sides(
    shipped_decks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Side]]:
    """Every side of every card of every shipped deck, rendered by the real Anki."""
    out = tmp_path_factory.mktemp("decks")
    found = {}
    for edition, path in shipped_decks.items():
        col = Collection(str(out / f"{edition}.anki2"))
        try:
            import_deck(col, path)
            found[edition] = card_sides(col, edition)
        finally:
            col.close()
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_card_side_is_wider_than_a_phone(
    edition: str, shipped_sides: dict[str, list[Side]], page
) -> None:
    sides = shipped_sides[edition]
    page.set_viewport_size(PHONE)
    page.set_content(phone_page(sides))
    assert page.evaluate("document.documentElement.clientWidth") == PHONE["width"]
    overflowing = page.evaluate(OVERFLOWING)
    assert not overflowing, [(sides[i].name, what) for i, what in overflowing]


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_two_terms_of_a_concept_run_together(
    edition: str, shipped: Glossary, shipped_sides: dict[str, list[Side]], page
) -> None:
    """On a phone, with every fold open, no side shows two terms of one concept side by side
    without a separator (see helpers.run_together)."""
    page.set_viewport_size(PHONE)
    page.set_content(phone_page(shipped_sides[edition]))
    assert run_together(page.evaluate("document.body.innerText"), shipped) == []


def test_the_overflow_check_sees_a_word_too_long_for_the_phone(page) -> None:
    """The check above can fail: a card without the deck's wrapping rules overflows."""
    word = Side(
        "x",
        "x",
        "x",
        "front",
        '<div class="question" style="overflow-wrap: normal; '
        'hyphens: manual" lang="ru">самоконтролируемоесамоконтролируемое</div>',
    )
    page.set_viewport_size(PHONE)
    page.set_content(phone_page([word]))
    assert page.evaluate(OVERFLOWING)


def test_the_back_answers_first_and_repeats_no_block(shipped_sides: dict[str, list[Side]]) -> None:
    for side in [s for sides in shipped_sides.values() for s in sides if s.side == "back"]:
        html_ = re.sub(r"<style>.*?</style>", "", side.html, flags=re.DOTALL)
        before_fold = html_.split('<details class="more">')[0]
        folded = html_.split('<details class="more">')[1]
        assert '<section class="answer"' in before_fold, side.name
        assert not re.search(r'class="(definition|notes)"', before_fold), side.name
        sections = re.findall(r'<section class="(answer|language)" lang="([^"]+)"', html_)
        assert len(sections) == len(set(sections)), side.name  # no language block twice
        if side.template != "Model → kind":
            asked = side.template.split(" → ")[0].lower()
            answered = [lang for kind, lang in sections if kind == "answer"]
            assert not any(lang.startswith(asked) for lang in answered), side.name
        assert "definition" in folded, side.name


SPREAD = """() => [...document.querySelectorAll('ruby')].map(ruby => {
    const base = ruby.querySelector('rb').firstChild;
    const size = parseFloat(getComputedStyle(ruby).fontSize);
    const lefts = [...base.textContent].map((_, i) => {
        const range = document.createRange();
        range.setStart(base, i);
        range.setEnd(base, i + 1);
        return range.getBoundingClientRect().left;
    });
    return {word: base.textContent, em: size, steps: lefts.slice(1).map((x, i) => x - lefts[i]),
            wider: ruby.querySelector('rt').getBoundingClientRect().width
                   > ruby.querySelector('rb').getBoundingClientRect().width};
})"""
"""Each ruby's word, font size, the distances from each character's left edge to the next one's
and whether its pinyin is wider than the word."""


def test_a_word_under_wider_pinyin_keeps_its_characters_together(
    shipped_sides: dict[str, list[Side]], page, tmp_path: Path
) -> None:
    """On a phone, a word whose pinyin is wider than its characters (生成 shēngchéng, 强化
    qiánghuà) is one unit: its characters stand at the font's full-width advance, 1 em apart,
    as in the word without ruby; the pinyin widens the space around the word instead. (A
    browser's own ruby spreads them, 生 成.) The page is kept as a PNG to look at."""
    sides = [
        s
        for s in shipped_sides["en-zh"]
        if s.note in {"generative-adversarial-network", "reinforcement-learning"}
    ]
    page.set_viewport_size(PHONE)
    page.set_content(phone_page(sides))
    page.screenshot(path=str(tmp_path / "ruby.png"), full_page=True)
    rubies = page.evaluate(SPREAD)
    assert {"生成", "强化"} <= {r["word"] for r in rubies if r["wider"]}
    spread = [r for r in rubies if any(step > 1.02 * r["em"] for step in r["steps"])]
    assert spread == []


MODES = {"day": "", "night": " nightMode night_mode"}


def contrast(foreground: tuple[float, ...], background: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two sRGB colours (0-255)."""

    def luminance(rgb: tuple[float, ...]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


TEXT_COLOURS = """() => [...document.querySelectorAll('.card *')].filter(
    e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
).map(e => [e.tagName + '.' + e.className, getComputedStyle(e).color,
            getComputedStyle(e.closest('.card')).backgroundColor,
            getComputedStyle(e.closest('.language') || e.closest('.card')).backgroundColor])"""


@pytest.mark.parametrize("mode", MODES)
def test_every_text_is_readable_by_day_and_by_night(
    mode: str, shipped_sides: dict[str, list[Side]], page, tmp_path: Path
) -> None:
    """Every text of a sample of cards (a term card each way, a named model) has a contrast of
    4.5 or more with what is behind it; the pages are kept as PNGs to look at
    (`pytest --basetemp=/tmp/anki-cards`)."""
    sides = shipped_sides["en-ru-zh"]
    sample = [
        s
        for s in sides
        if (s.note, s.template)
        in {
            ("large-language-model", "RU → EN, ZH"),
            ("self-supervised-learning", "EN → RU, ZH"),
            ("large-language-model", "ZH → EN, RU"),
            ("gpt-4", "Model → kind"),
        }
    ]
    assert len(sample) == 8
    page.set_viewport_size(PHONE)
    page.set_content(phone_page(sample, night=mode == "night"))
    page.screenshot(path=str(tmp_path / f"cards-{mode}.png"), full_page=True)
    rgb = lambda text: tuple(float(v) for v in re.findall(r"[\d.]+", text)[:3])  # noqa: E731
    for element, colour, card, panel in page.evaluate(TEXT_COLOURS):
        behind = panel if "0, 0, 0, 0" not in panel else card
        assert contrast(rgb(colour), rgb(behind)) >= 4.5, (mode, element, colour, behind)
    shade = sum(rgb(page.evaluate(TEXT_COLOURS)[0][2])) / 3
    assert shade > 200 if mode == "day" else shade < 60


def test_tex_in_a_term_is_shown_as_written_not_typeset(
    dated_mini: Path, tmp_path: Path, col: Collection
) -> None:
    # Anki typesets `\(...\)` and `\[...\]` with MathJax, which finds a delimiter only within
    # one run of text: no text node of a card may hold one, and the text must still read so.
    llm = dated_mini / "concepts" / "llm.yaml"
    text = llm.read_text().replace("text: LLM\n", "text: '\\(x^2\\) LLM'\n")
    llm.write_text(re.sub(r"(?m)^(definition:\n  en: .*)$", r"\1 \\[y\\]", text))
    import_deck(col, build_decks(dated_mini, tmp_path / "out")["en-ru"])
    cards = [col.get_card(cid) for cid in col.find_cards("")]
    sides = [side for card in cards for side in (card.question(), card.answer())]
    shown = html.unescape(" ".join(visible(side) for side in sides))
    assert "\\(x^2\\) LLM" in shown and "\\[y\\]" in shown
    for side in sides:
        runs = lxml.html.fromstring(f"<div>{side}</div>").xpath("//text()")
        assert not [run for run in runs if re.search(r"\\[(\[]", run)], side
