"""The "Zmiany w prawie" page and the law date in the footer, in Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from recommender.i18n import t as tr
from recommender.loading import KnowledgeBase
from tests.conftest import ROOT
from tests.test_app_browse import texts


def run(page: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def footer(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_law_changes_page_lists_every_change_and_act(kb: KnowledgeBase, lang: str) -> None:
    at = run("views/zmiany-w-prawie.py", lang)
    shown = texts(at)
    assert tr("law.title", lang) in shown
    for change in kb.law_changes:
        assert change.title.get(lang) in shown
        assert " ".join(change.text.get(lang).split()) in shown
        if change.journal:
            assert change.journal in shown
    for act in kb.acts.values():
        assert act.title.get(lang) in shown
    date = kb.law_as_of
    shown_date = f"{date.day}.{date.month:02d}.{date.year}" if lang == "pl" else date.isoformat()
    assert shown_date in shown


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_footer_states_the_law_date(kb: KnowledgeBase, lang: str) -> None:
    at = run("views/slowniczek.py", lang)
    expected = tr("law.footer", lang, date=kb.law_as_of.isoformat())
    assert expected in footer(at)
