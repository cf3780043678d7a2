"""A cache of the loaded knowledge base for the command line's start-up.

Parsing and validating the YAML costs about as much as Python's own start-up, on every command.
:func:`load_cached` keeps the loaded :class:`~recommender.loading.KnowledgeBase` as a pickle in
the user's cache folder (``$JAKAFORMA_CACHE_DIR``, else ``$XDG_CACHE_HOME/jakaforma``, else
``~/.cache/jakaforma``), under a key that covers everything the result depends on: the content of
every file of the knowledge folder, the source of the ``recommender`` package, the versions of
Python, pydantic and NumPy, and today's date. Any change gives a new key, so the cache is never
stale; old entries are removed when a new one is written.

Only a knowledge base that loaded without problems is cached (an invalid one raises as usual), and
any failure to read or write the cache falls back to loading the YAML. ``JAKAFORMA_CACHE_DIR=off``
turns the cache off. ``python -m recommender check`` never uses it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .loading import KnowledgeBase
    from .ranking_view import RankingView

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DIR = PACKAGE_DIR.parent / "knowledge"  # as in recommender.loading
PREFIX = "kb-"
VIEW_PREFIX = "view-"
T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("JAKAFORMA_CACHE_DIR", "").strip()
    if configured.lower() in ("off", "0", "no", "false"):
        return None
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "jakaforma"


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def cache_key(root: Path) -> str:
    """A digest of everything a loaded knowledge base depends on."""
    import numpy
    import pydantic

    h = hashlib.sha256()
    h.update(f"{sys.version}|{pydantic.VERSION}|{numpy.__version__}|{dt.date.today()}".encode())
    for base, pattern in ((root, "*"), (PACKAGE_DIR, "*.py")):
        for path in _files(base, pattern):
            h.update(str(path.relative_to(base)).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:32]


def load_cached(root: str | Path | None = None) -> KnowledgeBase:
    """:func:`~recommender.loading.load_knowledge`, from the cache when it holds this version."""
    from .loading import KnowledgeBase, load_knowledge

    folder = cache_dir()
    base = Path(root) if root is not None else DEFAULT_DIR
    if folder is None or not base.is_dir():
        return load_knowledge(root)
    try:
        path = folder / f"{PREFIX}{cache_key(base.resolve())}.pickle"
    except OSError:
        return load_knowledge(root)
    kb = read(path, KnowledgeBase)
    if kb is not None:
        return kb
    kb = load_knowledge(root)
    store(folder, path, kb, PREFIX)
    return kb


def load_view(root: str | Path | None = None) -> RankingView:
    """The :class:`~recommender.ranking_view.RankingView` of the knowledge base, cached.

    A hit imports neither the loader nor the pydantic models of the knowledge format; a miss
    loads the knowledge base (through :func:`load_cached`) and stores its view.
    """
    from .ranking_view import RankingView, view_of

    folder = cache_dir()
    base = Path(root) if root is not None else DEFAULT_DIR
    path = None
    if folder is not None and base.is_dir():
        try:
            path = folder / f"{VIEW_PREFIX}{cache_key(base.resolve())}.pickle"
        except OSError:
            path = None
    if path is not None:
        view = read(path, RankingView)
        if view is not None:
            return view
    view = view_of(load_cached(root))
    if folder is not None and path is not None:
        store(folder, path, view, VIEW_PREFIX)
    return view


def read(path: Path, kind: type[T]) -> T | None:
    """The object pickled at ``path`` if it is a ``kind`` (else ``None``: load it anew)."""
    try:
        with path.open("rb") as f:
            obj = pickle.load(f)  # noqa: S301 - our own file in the user's private cache folder
        if isinstance(obj, kind):
            return obj
    except Exception:  # noqa: BLE001 - a missing, partial or foreign file: load the YAML instead
        pass
    return None


def store(folder: Path, path: Path, obj: object, prefix: str) -> None:
    """Pickle ``obj`` to ``path`` atomically and remove older ``prefix`` entries (never fails)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # atomic: a reader sees the old entry or the whole new one
        for old in folder.glob(f"{prefix}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - the cache is an optimisation; never fail a command for it
        return
