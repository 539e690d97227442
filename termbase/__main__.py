"""`python -m termbase`: the same as the `termbase` command."""

import sys

from termbase.cli import main

sys.exit(main())
