"""The Szukaj page and the 'describe your idea' widget, in Streamlit's AppTest and in Chromium.

Expected texts come from the knowledge base and the catalogs, so the tests follow the content.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from recommender.i18n import t as tr
from recommender.loading import KnowledgeBase
from recommender.search import MAX_QUERY_CHARS
from tests.apptest import element_texts
from tests.conftest import ROOT
from ui.search import read_url

PAGE = "views/szukaj.py"
BOLD = re.compile(r"(?<!\\)\*\*")


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def texts(at: AppTest) -> str:
    parts = element_texts(
        at,
        ("title", "subheader", "markdown", "caption", "warning", "info", "success"),
        lambda text: unescape(BOLD.sub("", text)),
    )
    return "\n".join(" ".join(p.split()) for p in parts)


def run_page(lang: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# -- URL parameters (pure) ------------------------------------------------------------------------


def test_read_url_checks_everything(kb: KnowledgeBase) -> None:
    ok = read_url({"q": "  ile   osób ", "form": "kgw"}, kb)
    assert (ok.query, ok.form, ok.notices) == ("ile osób", "kgw", ())
    bad = read_url({"q": "x" * (MAX_QUERY_CHARS + 50), "form": "<script>"}, kb)
    assert bad.query == "x" * MAX_QUERY_CHARS and bad.form == ""
    assert [k for k, _ in bad.notices] == ["search.query_too_long", "search.bad_form"]
    assert read_url({}, kb).query is None


# -- the page -------------------------------------------------------------------------------------


def test_page_without_a_question_offers_examples() -> None:
    at = run_page()
    assert at.title[0].value == tr("search.title", "pl")
    labels = [b.label for b in at.button]
    for i in range(1, 7):
        assert tr(f"search.example.{i}", "pl") in labels
    assert tr("search.results_for", "pl", query="") not in texts(at)


def test_question_from_the_url_shows_sourced_answers(kb: KnowledgeBase) -> None:
    at = run_page(q="ile osob trzeba do stowarzyszenia")
    shown = texts(at)
    faq = kb.faq["ile-osob-stowarzyszenie"]
    assert faq.question.pl in shown
    assert " ".join(faq.answer.pl.split()) in shown
    src = kb.sources[faq.sources[0]]
    lines = [str(c.value) for c in at.markdown]
    assert any(f"]({src.url})" in c and src.checked.isoformat() in unescape(c) for c in lines), (
        "the source with its link and the date it was checked"
    )
    assert tr("search.disclaimer", "pl") in shown
    assert at.text_input[0].value == "ile osob trzeba do stowarzyszenia"


def test_uncertainty_is_shown_next_to_the_answer(kb: KnowledgeBase) -> None:
    at = run_page(q="ile kosztuje rejestracja stowarzyszenia")
    unc = kb.faq["koszt-stowarzyszenia"].uncertainty
    assert unc is not None and " ".join(unc.pl.split()) in texts(at)


def test_a_long_answer_opens_with_its_short_one(kb: KnowledgeBase) -> None:
    entry = kb.faq["zgoda-na-piknik"]
    assert entry.short is not None and entry.uncertainty is not None
    at = run_page(q="czy na piknik trzeba zgody gminy")
    full = [e for e in at.expander if e.label == tr("search.full_answer", "pl")]
    assert full, "the full answer is one click deeper"
    inside = " ".join(" ".join(str(m.value).split()) for m in full[0].markdown)
    assert " ".join(entry.answer.pl.split()) in unescape(inside)
    assert " ".join(entry.uncertainty.pl.split()) in unescape(BOLD.sub("", inside))
    outside = [
        " ".join(unescape(str(m.value)).split())
        for m in at.markdown
        if not any(m is x for e in at.expander for x in e.markdown)
    ]
    assert " ".join(entry.short.pl.split()) in outside
    assert " ".join(entry.answer.pl.split()) not in outside
    assert tr("search.doubts_inside", "pl") in texts(at)


def test_an_answer_shows_its_legal_basis_and_folds_a_long_list_of_sources(
    kb: KnowledgeBase,
) -> None:
    """The provisions an entry cites are shown with it, each act linked to ISAP; an entry with
    many sources shows the first ones and every source one click deeper."""
    from ui.search import INLINE_SOURCES, MAX_INLINE_SOURCES

    entry = kb.faq["loteria-fantowa-na-festynie"]
    assert entry.provisions and len(entry.sources) > MAX_INLINE_SOURCES
    at = run_page(q="czy mozemy zrobic loterie fantowa na festynie")
    lines = [unescape(str(m.value)) for m in at.markdown]
    basis = [c for c in lines if tr("law.provisions_line", "pl") in c]
    assert basis, "the legal basis line"
    act = kb.acts[entry.provisions[0].act]
    assert entry.provisions[0].ref in basis[0] and f"]({act.isap_url})" in basis[0]
    # the articles of one act are named together, the act once
    same = [p.ref for p in entry.provisions if p.act == act.id and p.text_in is None]
    assert len(same) > 1 and f"{', '.join(same)} – [{act.short.pl}]" in basis[0]
    assert basis[0].count(f"]({act.isap_url})") == 1
    label = tr("search.all_sources", "pl", n=len(entry.sources))
    folded = [e for e in at.expander if e.label == label]
    assert folded, "every source one click deeper"
    inside = " ".join(unescape(str(m.value)) for m in folded[0].markdown)
    assert all(f"]({kb.sources[s].url})" in inside for s in entry.sources)
    outside = [c for c in lines if not any(c == unescape(str(x.value)) for x in folded[0].markdown)]
    first, hidden = kb.sources[entry.sources[0]], kb.sources[entry.sources[INLINE_SOURCES]]
    assert any(f"]({first.url})" in c for c in outside)
    assert not any(f"]({hidden.url})" in c for c in outside)


def test_english_page() -> None:
    at = run_page("en", q="what is KISS")
    shown = texts(at)
    assert at.title[0].value == tr("search.title", "en")
    assert "What is KISS and how do you join it?" in shown
    assert tr("search.disclaimer", "en") in shown


def test_form_filter_from_the_url(kb: KnowledgeBase) -> None:
    at = run_page(q="rejestracja", form="kgw")
    assert at.selectbox[0].value == "kgw"
    assert kb.form_name("kgw", "pl") in texts(at)
    assert tr("search.bad_form", "pl") not in texts(at)


@pytest.mark.parametrize("form", ["nieznana", "<b>x</b>", "KGW"])
def test_unknown_form_in_the_url_falls_back_with_a_notice(form: str) -> None:
    at = run_page(q="rejestracja", form=form)
    assert tr("search.bad_form", "pl") in texts(at)
    assert at.selectbox[0].value == ""


def test_overlong_question_is_cut_with_a_notice() -> None:
    at = run_page(q="fundacja " * 100)
    assert tr("search.query_too_long", "pl", n=MAX_QUERY_CHARS) in texts(at)
    assert len(at.text_input[0].value) <= MAX_QUERY_CHARS


def test_markdown_in_the_question_is_not_rendered() -> None:
    at = run_page(q="[kliknij](https://example.com) **fundacja**")
    subheaders = [str(s.value) for s in at.subheader]
    assert any("\\[kliknij\\]" in s for s in subheaders)
    assert not any("](https://example.com)" in s and "\\]" not in s for s in subheaders)


def test_nothing_found() -> None:
    at = run_page(q="vvvv xqxq")
    assert tr("search.no_results", "pl") in texts(at)


def test_example_button_searches_and_updates_the_url(kb: KnowledgeBase) -> None:
    at = run_page()
    example = tr("search.example.2", "pl")
    next(b for b in at.button if b.label == example).click().run()
    assert not at.exception
    assert kb.faq["fundacja-zarabianie"].question.pl in texts(at)
    assert at.query_params["q"] == [example] or at.query_params["q"] == example


def test_typing_a_question_and_submitting(kb: KnowledgeBase) -> None:
    at = run_page()
    at.text_input[0].input("czy grupa nieformalna moze dostac dotacje")
    next(b for b in at.button if b.label == tr("search.submit", "pl")).click().run()
    assert kb.faq["grant-dla-grupy-nieformalnej"].question.pl in texts(at)


# -- the idea widget ------------------------------------------------------------------------------


def _idea_script() -> None:
    import streamlit as st

    from ui.common import get_kb
    from ui.idea import idea_widget

    choice = idea_widget(get_kb(), st.query_params.get("lang", "pl"))
    st.session_state["returned"] = choice.profile_values() if choice is not None else None


def idea_app(lang: str = "pl") -> AppTest:
    at = AppTest.from_function(_idea_script, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, key: str) -> Any:
    return next(b for b in at.button if b.label == tr(key, "pl"))


def test_idea_widget_suggests_but_sets_nothing_until_confirmed(kb: KnowledgeBase) -> None:
    at = idea_app()
    assert at.session_state["returned"] is None
    assert not at.multiselect  # nothing offered before a description
    at.text_area[0].input("Zajęcia z robotyki dla dzieciaków z naszej wsi po lekcjach")
    _button(at, "idea.suggest").click().run()
    assert not at.exception
    goals, groups = at.multiselect
    assert "culture_education" in goals.value and "children_youth" in groups.value
    assert at.session_state["returned"] is None, "suggestions alone never reach the profile"
    shown = texts(at)
    assert tr("idea.note", "pl") in shown
    assert "dzieciaków" in shown, "the user's own word explains the suggestion"
    # the person changes the suggestion, then confirms
    groups.unselect("children_youth").select("families").run()
    assert at.session_state["returned"] is None
    _button(at, "idea.confirm").click().run()
    returned = at.session_state["returned"]
    assert returned["target_groups"] == ["families"]
    assert "culture_education" in returned["goals"]
    assert at.success, "the confirmation is visible"


def test_idea_widget_with_an_empty_description() -> None:
    at = idea_app()
    _button(at, "idea.suggest").click().run()
    assert tr("idea.empty", "pl") in texts(at)
    assert not at.multiselect and at.session_state["returned"] is None


def test_idea_widget_when_nothing_is_recognised() -> None:
    at = idea_app()
    at.text_area[0].input("vvvv xqxq")
    _button(at, "idea.suggest").click().run()
    assert tr("idea.nothing", "pl") in texts(at)
    assert [m.value for m in at.multiselect] == [[], []]


# -- in a real browser ----------------------------------------------------------------------------


def test_a_document_draft_result_links_to_the_founding_plan() -> None:
    at = run_page(q="wzor statutu fundacji")
    shown = texts(at)
    assert "Statut fundacji" in shown
    labels = [getattr(p, "label", "") for p in at.get("page_link")]
    assert tr("browse.form.plan_link", "pl") in labels, labels
