"""`termbase serve`: the HTML glossary on 127.0.0.1, rebuilt and reloaded as you edit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.commands.common import Commands, add_command, add_glossary_option, add_out_option

NAME = "serve"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "serve the HTML glossary and rebuild it as you edit",
        "Build, then serve the HTML glossary (output/html/) on 127.0.0.1 only; watch the "
        "glossary and the templates, rebuild the HTML within a couple of seconds of a save and "
        "reload the open pages, then rebuild the other formats. A glossary that cannot be built "
        "is reported in the terminal and on the page, and the last good output is served. "
        "Ctrl-C stops it.",
    )
    add_glossary_option(parser, root)
    add_out_option(parser, root)
    parser.add_argument(
        "--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)"
    )
    parser.add_argument("--open", action="store_true", help="open the glossary in a browser")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.server import serve

    try:
        return serve(args.glossary, args.out, port=args.port, open_browser=args.open)
    except OSError as error:  # the port is taken, say
        print(f"error: cannot serve on port {args.port}: {error.strerror}", file=sys.stderr)
        return 1
