"""Rules across concepts: references that resolve, no cycles in `broader`, contrasts written
once, terms owned once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from termbase.findings import Finding, Message, Severity, suggest
from termbase.model import Concept, Kind, Location, Term
from termbase.normalize import term_key

# Which kind of concept each relation may point to (None: any kind).
TARGET_KIND = {
    "broader": None,
    "related": None,
    "examples": Kind.INSTANCE,
    "instance_of": Kind.CONCEPT,
}


def check_references(concepts: Sequence[Concept], domain_ids: set[str]) -> list[Finding]:
    """Every cross-concept problem of a set of individually valid concepts."""
    by_id = {concept.id: concept for concept in concepts}
    return [
        *_dangling(concepts, by_id, domain_ids),
        *_dangling_contrasts(concepts, by_id),
        *_dangling_contexts(concepts, by_id),
        *_replacements(concepts, by_id),
        *_broader_cycles(concepts, by_id),
        *_contrasts_written_twice(concepts, by_id),
        *_shared_terms([c for c in concepts if not c.retired]),  # a merge takes over terms
    ]


def _error(
    where: Location, code: str, message: str, concept: str, see: Location | None = None
) -> Finding:
    return Finding(where, Severity.ERROR, code, Message(message), concept, see=see)


def _dangling(
    concepts: Sequence[Concept], by_id: dict[str, Concept], domain_ids: set[str]
) -> Iterator[Finding]:
    for concept in concepts:
        if concept.domain not in domain_ids:
            yield _error(
                concept.places["domain"],
                "unknown-domain",
                f"domain: unknown domain '{concept.domain}' (not in glossary.toml)"
                f"{suggest(concept.domain, domain_ids)}",
                concept.id,
            )
        for relation, kind in TARGET_KIND.items():
            for index, target in enumerate(getattr(concept, relation)):
                where = concept.places[f"{relation}[{index}]"]
                if target == concept.id:
                    yield _error(
                        where,
                        "self-reference",
                        f"{relation}: a concept cannot refer to itself",
                        concept.id,
                    )
                elif target not in by_id:
                    yield _error(
                        where,
                        "dangling-reference",
                        f"{relation}: no concept '{target}' (no concepts/{target}.yaml)"
                        f"{suggest(target, by_id)}",
                        concept.id,
                    )
                elif by_id[target].retired and not concept.retired:
                    yield _error(
                        where,
                        "retired-reference",
                        f"{relation}: '{target}' is retired; refer to "
                        f"'{by_id[target].replaced_by}', which replaced it",
                        concept.id,
                    )
                elif kind is not None and by_id[target].kind is not kind:
                    yield _error(
                        where,
                        "wrong-kind",
                        f"{relation}: '{target}' is {_a(by_id[target].kind)}, expected {_a(kind)}",
                        concept.id,
                    )


def _dangling_contexts(concepts: Sequence[Concept], by_id: dict[str, Concept]) -> Iterator[Finding]:
    """The concepts that a general word's `general` list names as its context exist."""
    for concept in concepts:
        for term in concept.terms:
            for target in term.general or ():
                if target not in by_id:
                    yield _error(
                        term.location,
                        "dangling-reference",
                        f"term '{term.text}': general: no concept '{target}' "
                        f"(no concepts/{target}.yaml){suggest(target, by_id)}",
                        concept.id,
                    )


def _dangling_contrasts(
    concepts: Sequence[Concept], by_id: dict[str, Concept]
) -> Iterator[Finding]:
    for concept in concepts:
        for contrast in concept.contrasts:
            if contrast.other == concept.id:
                yield _error(
                    contrast.location,
                    "self-reference",
                    "contrast: a concept cannot be contrasted with itself",
                    concept.id,
                )
            elif contrast.other not in by_id:
                yield _error(
                    contrast.location,
                    "dangling-reference",
                    f"contrast: no concept '{contrast.other}' (no concepts/{contrast.other}.yaml)"
                    f"{suggest(contrast.other, by_id)}",
                    concept.id,
                )
            elif by_id[contrast.other].retired and not concept.retired:
                yield _error(
                    contrast.location,
                    "retired-reference",
                    f"contrast: '{contrast.other}' is retired; contrast with "
                    f"'{by_id[contrast.other].replaced_by}', which replaced it",
                    concept.id,
                )


def _contrasts_written_twice(
    concepts: Sequence[Concept], by_id: dict[str, Concept]
) -> Iterator[Finding]:
    """A contrast belongs to both its concepts and is shown on both: written at both ends, the
    two notes would disagree sooner or later. Reported on the alphabetically second concept."""
    for concept in concepts:
        for contrast in concept.contrasts:
            other = by_id.get(contrast.other)
            if other is None or other.id >= concept.id:
                continue
            first = next((c for c in other.contrasts if c.other == concept.id), None)
            if first is not None:
                yield _error(
                    contrast.location,
                    "contrast-twice",
                    f"contrast: '{other.id}' is already contrasted with this concept; "
                    "write a contrast once, it is shown on both concepts",
                    concept.id,
                    first.location,
                )


def _replacements(concepts: Sequence[Concept], by_id: dict[str, Concept]) -> Iterator[Finding]:
    """A retired concept's `replaced_by` names a concept in the glossary, not a retired one."""
    for concept in concepts:
        target = concept.replaced_by
        if target is None:
            continue
        where = concept.places["replaced_by"]
        if target not in by_id or target == concept.id:
            yield _error(
                where,
                "dangling-reference",
                f"replaced_by: no concept '{target}' (no concepts/{target}.yaml)"
                f"{suggest(target, by_id)}"
                if target != concept.id
                else "replaced_by: a concept cannot replace itself",
                concept.id,
            )
        elif by_id[target].retired:
            yield _error(
                where,
                "retired-replacement",
                f"replaced_by: '{target}' is retired too; name the concept that replaced it "
                f"('{by_id[target].replaced_by}')",
                concept.id,
            )


def _broader_cycles(concepts: Sequence[Concept], by_id: dict[str, Concept]) -> Iterator[Finding]:
    """One finding per cycle, reported on its alphabetically first concept."""
    seen_cycles: set[frozenset[str]] = set()
    for start in concepts:
        for cycle in _cycles_from(start.id, by_id):
            if frozenset(cycle) in seen_cycles:
                continue
            seen_cycles.add(frozenset(cycle))
            first = min(cycle)
            turn = cycle.index(first)
            path = cycle[turn:] + cycle[:turn] + [first]
            concept = by_id[first]
            index = concept.broader.index(path[1])
            yield _error(
                concept.places[f"broader[{index}]"],
                "broader-cycle",
                f"broader: cycle {' → '.join(path)}",
                first,
            )


def _cycles_from(start: str, by_id: dict[str, Concept]) -> Iterator[list[str]]:
    """Cycles through `start` along `broader` links (depth-first)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        node, path = stack.pop()
        for parent in by_id[node].broader if node in by_id else ():
            if parent == start:
                yield path
            elif parent not in visited and parent in by_id:
                visited.add(parent)
                stack.append((parent, [*path, parent]))


def _shared_terms(concepts: Sequence[Concept]) -> Iterator[Finding]:
    owners: dict[tuple[str, str], list[tuple[Concept, Term]]] = defaultdict(list)
    for concept in concepts:
        for term in concept.terms:
            owners[term.lang, term_key(term.text)].append((concept, term))
    for (lang, _), claims in owners.items():
        first_concept, first_term = claims[0]
        for concept, term in claims[1:]:
            if concept is first_concept:
                yield _error(
                    term.location,
                    "duplicate-term",
                    f"terms.{lang}: '{term.text}' is listed twice",
                    concept.id,
                )
            elif not (term.homonym and first_term.homonym):
                yield _error(
                    term.location,
                    "shared-term",
                    f"terms.{lang}: '{term.text}' is also a term of '{first_concept.id}'; "
                    "mark both `homonym: true` if they are homonyms",
                    concept.id,
                    first_term.location,
                )


def _a(kind: Kind) -> str:
    """A kind's name with its article: "a concept", "an instance"."""
    return f"an {kind}" if str(kind)[0] in "aeiou" else f"a {kind}"
