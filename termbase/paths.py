"""Where things are: the tool's own templates and catalogs, and a glossary's default folders.

The templates and catalogs are package data (`templates/` in the source tree is installed as
`termbase/templates`), so a non-editable install finds them too. A user's glossary and outputs
are found relative to the working directory, like any command-line tool's.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
"""The package's code: hashed into every output's key (incremental builds)."""
TEMPLATES = Path(str(files("termbase.templates")))
"""Jinja2 templates (html/, pdf/, anki/), the Babel mapping files and the UI catalogs."""
LOCALE_DIR = TEMPLATES / "locale"
"""`<locale>/LC_MESSAGES/<domain>.po`: one gettext domain per output."""

GLOSSARY_DIR = Path("glossary")
"""The glossary folder when none is given: `glossary/` in the working directory."""
OUTPUT_DIR = Path("output")
"""The output folder when none is given: `output/` in the working directory."""
HEADER_FILE = "glossary.toml"
"""In a glossary folder: the title, languages and domains."""
CONCEPTS_DIR = "concepts"
"""In a glossary folder: one YAML file per concept."""
EVIDENCE_DIR = "evidence"
"""In a glossary folder: what `attest` counted in the usage corpus, one YAML file per concept."""
CONTENT = (HEADER_FILE, CONCEPTS_DIR, EVIDENCE_DIR)
"""What the outputs are made from, in a glossary folder: its other files (ignore.toml and
review.yaml, which `extract` reads and writes) change no output, nor the build date."""


def cache_dir(kind: str) -> Path | None:
    """Where termbase keeps what it can make again, by kind (`dot` layouts, `attest`'s corpus
    index): `$TERMBASE_CACHE/<kind>/`, else `$XDG_CACHE_HOME/termbase/<kind>/`
    (`~/.cache/termbase/<kind>/`); None when TERMBASE_CACHE is set to nothing (keep none)."""
    chosen = os.environ.get("TERMBASE_CACHE")
    if chosen is not None:
        return Path(chosen) / kind if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "termbase" / kind
