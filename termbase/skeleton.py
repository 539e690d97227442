"""`termbase new ID`: the skeleton of a concept file, with a place for everything to fill in.

The places are empty, so `check` points at each one (`terms.en[0].text: must not be empty`)
until a person has written it; nothing made up can slip into the glossary this way.
"""

from __future__ import annotations

import os
from pathlib import Path

from termbase.findings import suggest
from termbase.load import CONCEPTS_DIR, ID_PATTERN, load_header
from termbase.model import Kind
from termbase.source_text import not_a_file
from termbase.write import reason


class SkeletonError(Exception):
    """The skeleton cannot be written; the message says why."""


def skeleton(languages: tuple[str, ...], domain: str, kind: Kind) -> str:
    """The YAML text of an empty concept of `kind` in `domain`."""
    lines = [f"kind: {kind}", f"domain: {domain}", "terms:"]
    for lang in languages:
        lines += [f"  {lang}:", '    - text: ""', "      status: preferred", "      sources: []"]
    lines.append("definition:")
    lines += [f'  {lang}: ""' for lang in languages]
    if kind is Kind.INSTANCE:
        lines += ["instance_of: []", 'maker: ""', "year:"]
    else:
        lines += ["broader: []", "related: []", "examples: []"]
    return "\n".join(lines) + "\n"


def write_skeleton(
    glossary_dir: Path, concept_id: str, *, domain: str | None = None, instance: bool = False
) -> Path:
    """Write `concepts/<id>.yaml` below `glossary_dir`; never overwrite a file. Raises
    `GlossaryError` when glossary.toml cannot be read, `SkeletonError` for anything else."""
    if not ID_PATTERN.fullmatch(concept_id):
        raise SkeletonError(f"'{concept_id}' is not a kebab-case id (a-z, 0-9, -)")
    header = load_header(glossary_dir)
    domains = [d.id for d in header.domains]
    kind = Kind.INSTANCE if instance else Kind.CONCEPT
    chosen = domain or domains[0]
    if chosen not in domains:
        raise SkeletonError(
            f"no domain '{chosen}' in glossary.toml{suggest(chosen, domains)}; "
            f"choose from {', '.join(domains)}"
        )
    path = glossary_dir / CONCEPTS_DIR / f"{concept_id}.yaml"
    if os.path.exists(other := path.with_suffix(".yml")):  # False for a name too long, too
        raise SkeletonError(f"{other} exists already; it is not overwritten")
    try:
        create(path, skeleton(header.languages, chosen, kind))
    except CreateError as error:
        raise SkeletonError(str(error)) from None
    return path


class CreateError(Exception):
    """A file cannot be created; the message says which and why."""


def create(path: Path, text: str) -> None:
    """Write a new file (and its folders), or raise `CreateError` with the message to show: when
    the file exists (what the user wrote is never overwritten), when something else stands where
    a folder of it goes, when it cannot be written (a read-only folder, a name too long, a full
    disk: no part of it is left then). For `new`, `init` and `import`."""
    _make_folders(path.parent)
    try:
        with path.open("x", encoding="utf-8") as file:
            try:
                file.write(text)
                file.flush()
            except BaseException:
                path.unlink()
                raise
    except FileExistsError:
        raise CreateError(f"{path} exists already; it is not overwritten") from None
    except OSError as error:
        raise CreateError(f"cannot write {path}: {reason(error)}") from None


def _make_folders(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # something that is not a folder, on the way
        there = next(p for p in (folder, *folder.parents) if not p.is_dir() and os.path.lexists(p))
        raise CreateError(f"{there}: {_what(there)}, where a folder must be") from None
    except OSError as error:
        raise CreateError(f"cannot make {folder}: {reason(error)}") from None


def _what(path: Path) -> str:
    """What stands at `path`, which is not a folder: `a file`, a link to nowhere."""
    try:
        return not_a_file(os.stat(path).st_mode) or "a file"
    except FileNotFoundError:
        return f"a symbolic link to {os.readlink(path)!r}, which does not exist"
    except OSError as error:
        return reason(error)
