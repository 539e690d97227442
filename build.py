#!/usr/bin/env python3
"""Build the glossary in this folder: `python build.py --help` (the `termbase` command, with
this folder's glossary/ and output/ as its defaults)."""

import sys
from pathlib import Path

from termbase.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent, prog="build.py"))
