""" "Opisz swój pomysł" on the first step: suggestions become answers only when confirmed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGE = str(ROOT / "views" / "ankieta.py")


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_idea_suggests_and_applies_only_after_confirmation():
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    at.text_area(key="ankieta_idea_text").input(
        "Chcemy z sąsiadami sprzątać park i robić pikniki dla dzieci z osiedla"
    ).run()
    _button(at, "ankieta_idea_suggest_button").click().run()
    assert not at.exception
    goals = at.multiselect(key="ankieta_idea_goals").value
    assert "environment" in goals or "community" in goals
    assert "goals" not in at.session_state["jf_profile"], (
        "a suggestion is never an answer by itself"
    )
    _button(at, "ankieta_idea_confirm_button").click().run()
    assert not at.exception
    profile = at.session_state["jf_profile"]
    assert set(goals) == set(profile["goals"])
    assert at.success, "the person is told what was added"
    assert at.query_params.get("goals"), "confirmed answers are in the shareable URL"
