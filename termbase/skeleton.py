"""`termbase new ID`: the skeleton of a concept file, with a place for everything to fill in.

The places are empty, so `check` points at each one (`terms.en[0].text: must not be empty`)
until a person has written it; nothing made up can slip into the glossary this way.
"""

from __future__ import annotations

from pathlib import Path

from termbase.findings import GlossaryError, suggest
from termbase.load import CONCEPTS_DIR, ID_PATTERN, load_header
from termbase.model import Kind


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
    """Write `concepts/<id>.yaml` below `glossary_dir`; never overwrite a file."""
    if not ID_PATTERN.fullmatch(concept_id):
        raise SkeletonError(f"'{concept_id}' is not a kebab-case id (a-z, 0-9, -)")
    try:
        header = load_header(glossary_dir)
    except GlossaryError as error:
        raise SkeletonError(str(error.findings[0])) from None
    domains = [d.id for d in header.domains]
    kind = Kind.INSTANCE if instance else Kind.CONCEPT
    chosen = domain or domains[0]
    if chosen not in domains:
        raise SkeletonError(
            f"no domain '{chosen}' in glossary.toml{suggest(chosen, domains)}; "
            f"choose from {', '.join(domains)}"
        )
    path = glossary_dir / CONCEPTS_DIR / f"{concept_id}.yaml"
    if (other := path.with_suffix(".yml")).exists():
        raise SkeletonError(f"{other} exists already; it is not overwritten")
    try:
        create(path, skeleton(header.languages, chosen, kind))
    except FileExistsError as error:
        raise SkeletonError(str(error)) from None
    return path


def create(path: Path, text: str) -> None:
    """Write a new file (and its folders); FileExistsError, with the message to show, if the
    file exists: what the user wrote is never overwritten (`new`, `init`, `import`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise FileExistsError(f"{path} exists already; it is not overwritten") from None
