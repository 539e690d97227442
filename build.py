#!/usr/bin/env python3
"""Build the glossary in this folder: `python build.py --help` (the `termbase` command, with
this folder's glossary/ and output/ as its defaults)."""

from pathlib import Path

from termbase.cli import run

if __name__ == "__main__":
    run(root=Path(__file__).resolve().parent, prog="build.py")
