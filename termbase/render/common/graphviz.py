"""Graphviz's `dot` as a layout engine: many graphs laid out by a few processes at once.

`dot` is asked for positions only (`-Tplain`: node centres and sizes, edge splines) and the
SVG is written by `concept_map`, so that what reaches a page has classes instead of colours,
links, a title and a description, and nothing of dot's own (no version comment, no ids it
made up). Every graph of a build goes to one `dot` process per core, each reading many graphs
from its standard input: a process per graph would cost a glossary of 1,000 concepts 3,000
process starts. The same graph (identical source) is laid out once, and a graph laid out by an
earlier build is not laid out again (`dotcache`).
"""

from __future__ import annotations

import math
import os
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from termbase.render.common import dotcache
from termbase.render.contract import RenderError

DOT = "dot"
POINTS = 72.0
"""dot's plain output is in inches; the SVG is drawn in points (one CSS pixel each)."""
MIN_BATCH = 50
"""The fewest graphs worth a process of their own."""
STAGGER = 3
CHAIN = 4
GRAPH_ATTRIBUTES = "nodesep=0.18 ranksep=0.45 pad=0 newrank=true"
NODE_ATTRIBUTES = 'shape=box margin="0.1,0.04" width=0.4 height=0.36 fontsize=14'


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    """dot's name for the node: `n0`, `n1`… (never text from the glossary)."""
    lines: tuple[str, ...]
    """The label, a line each."""
    font: str
    """The family dot measures the label with: the one the page draws it in."""


@dataclass(frozen=True, slots=True)
class Edge:
    tail: str
    head: str
    constraint: bool = True
    """False: the edge does not rank its ends (a related concept is neither above nor below)."""


@dataclass(frozen=True, slots=True)
class Graph:
    rankdir: str
    """`TB` (ranks from top to bottom) or `LR` (from left to right)."""
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    same_rank: tuple[tuple[str, ...], ...] = ()
    """Groups of nodes drawn side by side in one rank."""
    unflatten: bool = False
    """Stagger the leaves of a node with many, and stack the lone nodes in short rows, as
    Graphviz's `unflatten -l 3 -c 4` does: a wide, flat tree becomes one that fits a page. (Left
    to right, a node's leaves already stack in a column: staggered, they would spread into
    columns of long lines.)"""

    def source(self) -> str:
        """The graph in the dot language (nodes and edges in the given order: dot is
        deterministic, so the same graph gives the same layout)."""
        lines = [
            "digraph {",
            f"graph [rankdir={self.rankdir} {GRAPH_ATTRIBUTES}];",
            f"node [{NODE_ATTRIBUTES}];",
            "edge [dir=none];",
        ]
        for node in self.nodes:
            label = "\\n".join(_quoted(line) for line in node.lines)
            lines.append(f'{node.name} [label="{label}" fontname="{node.font}"];')
        lengths = self._staggered() if self.unflatten and self.rankdir == "TB" else {}
        for edge in self.edges:
            extra = [] if edge.constraint else ["constraint=false"]
            if lengths.get(edge, 1) > 1:
                extra.append(f"minlen={lengths[edge]}")
            attributes = f" [{' '.join(extra)}]" if extra else ""
            lines.append(f"{edge.tail} -> {edge.head}{attributes};")
        if self.unflatten:
            lines += self._chained()
        for group in self.same_rank:
            lines.append("{rank=same; " + " ".join(group) + "}")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _degrees(self) -> dict[str, int]:
        degrees = dict.fromkeys((node.name for node in self.nodes), 0)
        for edge in self.edges:
            degrees[edge.tail] += 1
            degrees[edge.head] += 1
        return degrees

    def _staggered(self) -> dict[Edge, int]:
        """The length of each leaf edge: 1, 2, 3, 1, 2… among one node's leaves."""
        degrees = self._degrees()
        seen: dict[str, int] = {}
        lengths = {}
        for edge in self.edges:
            if edge.constraint and degrees[edge.head] == 1:
                count = seen[edge.tail] = seen.get(edge.tail, 0) + 1
                lengths[edge] = 1 + (count - 1) % STAGGER
        return lengths

    def _chained(self) -> list[str]:
        """Invisible edges that line the lone nodes up in rows of `CHAIN`."""
        alone = [name for name, degree in self._degrees().items() if degree == 0]
        return [
            f"{alone[i - 1]} -> {alone[i]} [style=invis];"
            for i in range(1, len(alone))
            if i % CHAIN
        ]


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@dataclass(frozen=True, slots=True)
class Box:
    """A node's place: its centre and size, in points, y downwards."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Layout:
    rankdir: str
    """The graph's orientation."""
    width: float
    height: float
    boxes: dict[str, Box]
    """By node name."""
    splines: dict[tuple[str, str], tuple[tuple[float, float], ...]]
    """Each edge's cubic B-spline control points (start, then three per segment), by its
    (tail, head), y downwards."""


def lay_out(graphs: Sequence[Graph]) -> list[Layout]:
    """Each graph's layout, in order; `RenderError` when dot is missing or fails."""
    sources = [graph.source() for graph in graphs]
    unique = list(dict.fromkeys(sources))
    plain = dict(zip(unique, _run(unique), strict=True))
    return [
        _parse(graph.rankdir, plain[source]) for graph, source in zip(graphs, sources, strict=True)
    ]


def _run(sources: list[str]) -> list[str]:
    """dot's plain output of each source: those laid out before from the cache, the others
    shared out among one process per core."""
    kept = {source: dotcache.get(DOT, source) for source in sources}
    missing = [source for source, plain in kept.items() if plain is None]
    made = dict(zip(missing, _run_dot(missing), strict=True))
    for source, plain in made.items():
        dotcache.put(DOT, source, plain)
    return [kept[source] or made[source] for source in sources]


def _run_dot(sources: list[str]) -> list[str]:
    if not sources:
        return []
    count = max(1, min(os.cpu_count() or 1, len(sources) // MIN_BATCH))
    size = math.ceil(len(sources) / count)
    batches = [sources[i : i + size] for i in range(0, len(sources), size)]
    with ThreadPoolExecutor(len(batches)) as pool:
        outputs = list(pool.map(_run_batch, batches))
    return [graph for output in outputs for graph in output]


def _run_batch(sources: list[str]) -> list[str]:
    try:
        done = subprocess.run(
            [DOT, "-Tplain"], input="".join(sources).encode(), capture_output=True, check=False
        )
    except FileNotFoundError:
        raise RenderError(
            "Graphviz's dot is not installed: the concept maps need it (Debian package graphviz)"
        ) from None
    if done.returncode != 0:
        problem = done.stderr.decode(errors="replace").strip().splitlines()
        raise RenderError(f"dot failed: {problem[0] if problem else done.returncode}")
    graphs = done.stdout.decode().split("stop\n")[:-1]
    if len(graphs) != len(sources):
        raise RenderError(f"dot laid out {len(graphs)} of {len(sources)} concept maps")
    return graphs


def _parse(rankdir: str, plain: str) -> Layout:
    """A layout from dot's plain output (`graph`, `node` and `edge` lines, in inches, y up)."""
    height = 0.0
    width = 0.0
    boxes: dict[str, Box] = {}
    splines: dict[tuple[str, str], tuple[tuple[float, float], ...]] = {}
    for line in plain.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "graph":
            width, height = (float(v) * POINTS for v in rest.split()[1:3])
        elif kind == "node":
            name, *place = rest.split(maxsplit=5)[:5]
            x, y, w, h = (float(v) * POINTS for v in place)
            boxes[name] = Box(x, height - y, w, h)
        elif kind == "edge":
            tail, head, count, *values = rest.split()
            points = [float(v) * POINTS for v in values[: 2 * int(count)]]
            splines[tail, head] = tuple(
                (points[i], height - points[i + 1]) for i in range(0, len(points), 2)
            )
    return Layout(rankdir, width, height, boxes, splines)
