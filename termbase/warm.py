"""What `serve`'s builds start from: a process that has imported and warmed up, once, what
every build needs. Importing this module does that warming; it is meant to be imported only by
`serve`'s forkserver (`termbase.server.WarmBuilds`).

A build started as a new process spends over a second of CPU before its first step of its own:
starting Python, importing WeasyPrint, genanki, openpyxl, pypinyin and jieba, making
WeasyPrint's font configuration and user-agent stylesheet, reading jieba's dictionary. `serve`
rebuilds after every save, so it has multiprocessing's forkserver import this module once, and
forks each build from it: the build starts at reading the glossary. The forkserver is a process
of its own, with one thread, which is what makes forking it safe; forking the server itself,
whose threads serve pages and watch files, is not.
"""

from __future__ import annotations

import importlib

MODULES = ("termbase.build", "termbase.load", "termbase.checks", "termbase.manifest")
"""What a build imports besides the renderers (which `Format.load` imports)."""


def _warm_up() -> None:
    from termbase.formats import FORMATS
    from termbase.pinyin import read_dictionary
    from termbase.render.pdf.engine import warm_up

    for name in MODULES:
        importlib.import_module(name)
    for format_ in FORMATS:
        format_.load()
    warm_up()
    read_dictionary()


_warm_up()
