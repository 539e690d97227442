"""Writing an .apkg: genanki's collection schema, our own note times and ids, a reproducible zip.

genanki stamps every note with the one timestamp given to `write_to_file`, writes the SQLite file
through a temporary file and zips it with the clock's time. Here each note carries its own
modification time (Anki applies an update only when it is newer than the learner's copy), ids
follow from those times, the database is serialised from memory and the zip entries get fixed
dates: the same glossary gives the same bytes.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import genanki

from termbase.render.anki.notes import NoteData

MEDIA = b"{}"
"""The package's media index: no files (Anki speaks the terms with its own TTS)."""


class DatedNote(genanki.Note):
    """A genanki note written with its own modification time, ids and cards."""

    def __init__(self, model: genanki.Model, data: NoteData, *, ords: list[int], due: int) -> None:
        super().__init__(model=model, fields=data.fields, tags=data.tags, guid=data.guid, due=due)
        self.mod = data.mod
        self.ords = ords
        """The templates that give this note a card."""
        self.ids: list[int] = []
        """The note id, then one id per card (set by `assign_ids`)."""

    @property
    def cards(self) -> list[genanki.Card]:
        return [genanki.Card(ord_) for ord_ in self.ords]

    def write_to_db(
        self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: Iterator[int]
    ) -> None:
        super().write_to_db(cursor, self.mod, deck_id, iter(self.ids))  # not the package's time


def assign_ids(notes: Sequence[DatedNote]) -> None:
    """Give notes and cards ids in milliseconds from their own time, as Anki does when adding.

    Anki shows a new note's id as its creation date and ignores the id of a note it already has
    (it matches notes by GUID), so ids only need to be unique and plausible: the note's
    modification time, nudged forward past the previous note of the same time.
    """
    next_note = next_card = 0
    for note in sorted(notes, key=lambda n: n.mod):
        note_id = max(note.mod * 1000, next_note)
        card_ids = []
        for _ in note.ords:
            card_ids.append(max(note.mod * 1000, next_card))
            next_card = card_ids[-1] + 1
        note.ids = [note_id, *card_ids]
        next_note = note_id + 1


@dataclass(frozen=True, slots=True)
class Package:
    decks: Sequence[genanki.Deck]
    note_type_time: datetime
    """The modification time of the note types (Anki updates a note type only from a newer one)."""
    date: datetime
    """The zip entries' date: the build date."""

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in (("collection.anki2", self._collection()), ("media", MEDIA)):
                archive.writestr(self._entry(name), data, compresslevel=9)
        return buffer.getvalue()

    def _collection(self) -> bytes:
        connection = sqlite3.connect(":memory:")
        try:
            unused_ids: Iterator[int] = iter(())  # every note brings its own ids
            genanki.Package(list(self.decks)).write_to_db(
                connection.cursor(), self.note_type_time.timestamp(), unused_ids
            )
            connection.commit()
            return connection.serialize()
        finally:
            connection.close()

    def _entry(self, name: str) -> zipfile.ZipInfo:
        when = max(self.date.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # zip dates start in 1980
        entry = zipfile.ZipInfo(name, date_time=when)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 3  # Unix, wherever the build runs
        entry.external_attr = 0o644 << 16
        return entry
