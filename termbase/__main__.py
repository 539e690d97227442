"""`python -m termbase`: the same as the `termbase` command."""

from termbase.cli import run

run()
