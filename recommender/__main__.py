"""``python -m recommender``: see :mod:`recommender.cli`."""

import sys

if len(sys.argv) > 1 and sys.argv[1] in ("search", "suggest"):
    # the fast path: only what searching needs is imported (see recommender.search_cli)
    from .search_cli import main as search_main

    sys.exit(search_main(sys.argv[1:]))

from .cli import main  # noqa: E402

sys.exit(main())
