"""``python -m recommender``: see :mod:`recommender.cli`."""

import sys

from .cli import main

sys.exit(main())
