"""Every UI message exists in both languages, with the same placeholders, and every key the code
asks for is defined."""

from __future__ import annotations

import re
import string

import pytest

from recommender.i18n import LANGUAGES, catalog
from tests.conftest import ROOT


def placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_both_languages_have_the_same_keys():
    pl, en = catalog("pl"), catalog("en")
    assert sorted(set(pl) - set(en)) == [], "missing in English"
    assert sorted(set(en) - set(pl)) == [], "missing in Polish"


@pytest.mark.parametrize("key", sorted(catalog("pl")))
def test_same_placeholders_and_no_empty_texts(key):
    texts = {lang: catalog(lang)[key] for lang in LANGUAGES}
    assert all(t.strip() for t in texts.values()), key
    assert placeholders(texts["pl"]) == placeholders(texts["en"]), key


def test_every_literal_key_used_in_the_code_is_defined():
    keys = set(catalog("pl"))
    pattern = re.compile(r"""\b(?:t|tr|_t)\(\s*["']([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)["']""")
    missing = []
    for folder in ("app.py", "views", "ui", "recommender"):
        path = ROOT / folder
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            for key in pattern.findall(file.read_text(encoding="utf-8")):
                if key not in keys:
                    missing.append(f"{file.relative_to(ROOT)}: {key}")
    assert missing == []
