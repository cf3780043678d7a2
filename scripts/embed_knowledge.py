"""Bring ``knowledge/vectors/passages.npz`` up to date: the sentence vectors of every searchable
item of the knowledge base, in both languages (see ``recommender/semantic.py``).

Run after changing the knowledge: ``.venv/bin/python scripts/embed_knowledge.py``. Only texts
that changed are computed (about 0.1 s each); vectors no item uses any more are dropped.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recommender import semantic  # noqa: E402
from recommender.loading import load_knowledge  # noqa: E402
from recommender.search import knowledge_passages  # noqa: E402


def main() -> int:
    why = semantic.status()
    if why is not None:
        print(f"cannot compute vectors: {why}", file=sys.stderr)
        return 1
    kb = load_knowledge()
    texts = knowledge_passages(kb)
    old = semantic.read_store()
    wanted = {semantic.key(t) for t in texts}
    started = time.perf_counter()
    vectors = semantic.passages(texts)
    assert vectors is not None
    new = {semantic.key(t): v for t, v in zip(texts, vectors, strict=True)}
    semantic.write_store(new)
    print(
        f"{len(wanted)} passages: {len(wanted - old.keys())} computed "
        f"({time.perf_counter() - started:.1f} s), {len(old.keys() - wanted)} dropped"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
