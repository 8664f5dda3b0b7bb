"""``python -m model``: the command line (see :mod:`model.cli`)."""

import sys

from model.cli import main

sys.exit(main())
