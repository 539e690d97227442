#!/usr/bin/env python3
"""Build the trilingual AI glossary: `python build.py --help`."""

import sys

from termbase.cli import main

if __name__ == "__main__":
    sys.exit(main())
