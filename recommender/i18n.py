"""UI message catalogs: ``locales/<lang>/*.json``, flat ``key -> text`` maps, merged per language.

Several catalog files per language let each part of the app keep its own strings. A key defined
twice in one language is an error; a key missing in one language is caught by the tests.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("pl", "en")
DEFAULT_LANGUAGE = "pl"


class CatalogError(Exception):
    pass


@cache
def catalog(lang: str, root: str | None = None) -> dict[str, str]:
    """All messages of one language."""
    base = Path(root) if root else LOCALES_DIR
    merged: dict[str, str] = {}
    for path in sorted((base / lang).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogError(f"{path}: cannot read catalog: {exc}") from exc
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: expected an object of key -> text")
        for key, text in data.items():
            if key in merged:
                raise CatalogError(f"{path}: key {key!r} defined twice")
            if not isinstance(text, str):
                raise CatalogError(f"{path}: {key}: expected a string")
            merged[key] = text
    return merged


def normalise_lang(lang: Any) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """Message ``key`` in ``lang`` with ``values`` filled in; falls back to Polish, then the key."""
    text = catalog(normalise_lang(lang)).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text
