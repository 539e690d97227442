"""`termbase new ID`: the skeleton of a concept file, with a place for everything to fill in.

The places are empty, so `check` points at each one (`terms.en[0].text: must not be empty`)
until a person has written it; nothing made up can slip into the glossary this way.
"""

from __future__ import annotations

import os
from pathlib import Path

from termbase.findings import suggest
from termbase.load import CONCEPTS_DIR, CONCEPTS_FOLDER, ID_PATTERN, load_header
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
    if kind is Kind.NAMED_MODEL:
        lines += ["instance_of: []", 'maker: ""', "year:"]
    else:
        lines += ["broader: []", "related: []", "examples: []"]
    return "\n".join(lines) + "\n"


def write_skeleton(
    glossary_dir: Path, concept_id: str, *, domain: str | None = None, named_model: bool = False
) -> Path:
    """Write `concepts/<id>.yaml` below `glossary_dir`; never overwrite a file. Raises
    `GlossaryError` when glossary.toml cannot be read, `SkeletonError` for anything else."""
    if not ID_PATTERN.fullmatch(concept_id):
        raise SkeletonError(f"'{concept_id}' is not a kebab-case id (a-z, 0-9, -)")
    header = load_header(glossary_dir)
    domains = [d.id for d in header.domains]
    kind = Kind.NAMED_MODEL if named_model else Kind.CONCEPT
    chosen = domain or domains[0]
    if chosen not in domains:
        raise SkeletonError(
            f"no domain '{chosen}' in glossary.toml{suggest(chosen, domains)}; "
            f"choose from {', '.join(domains)}"
        )
    folder = glossary_dir / CONCEPTS_DIR
    _make_folder(folder)
    path = folder / f"{concept_id}.yaml"
    try:
        if (other := path.with_suffix(".yml")).exists():
            raise SkeletonError(f"{other} exists already; it is not overwritten")
        _write_new(path, skeleton(header.languages, chosen, kind))
    except FileExistsError:
        raise SkeletonError(f"{path} exists already; it is not overwritten") from None
    except OSError as error:  # a read-only folder, an id too long for a file name
        raise SkeletonError(f"cannot write {path}: {reason(error)}") from None
    return path


def _make_folder(folder: Path) -> None:
    """Make the concepts folder when there is none; refuse whatever else stands there."""
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:  # not a folder
        raise SkeletonError(f"{folder}: {_what(folder)}, where {CONCEPTS_FOLDER} must be") from None
    except OSError as error:
        raise SkeletonError(f"cannot make {folder}: {reason(error)}") from None


def _what(path: Path) -> str:
    """What stands at `path`, which is not a folder: `a file`, a link to nowhere."""
    try:
        return not_a_file(os.stat(path).st_mode) or "a file"
    except FileNotFoundError:
        return f"a symbolic link to {os.readlink(path)!r}, which does not exist"
    except OSError as error:
        return reason(error)


def _write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet; on failure (a full disk) leave none."""
    with path.open("x", encoding="utf-8") as file:
        try:
            file.write(text)
            file.flush()
        except BaseException:
            path.unlink()
            raise
