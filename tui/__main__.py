"""`python -m tui` is the `newsbrief` command."""

import sys

from tui.cli import main

sys.exit(main())
