"""Benchmarks: `make bench` times the build's stages and whole builds; nothing here fails on a
number (the figures go in docs/performance.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository: its glossary/ and build.py are what the benchmarks time."""
