"""The commands of the command line, a module each: `add(commands, root)` adds its parser,
whose `run(args)` does the work and returns the exit status. Each command imports what it
needs only when it runs, so that `--help` and a usage error cost nothing."""

from termbase.commands import attest, build, check, extract, import_, init, new, qa, serve

COMMANDS = (init, import_, check, build, serve, extract, qa, attest, new)
"""In the order `--help` lists them."""
