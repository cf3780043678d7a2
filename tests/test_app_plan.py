"""The "Twój plan" page in Streamlit's AppTest: answers from the URL, blockers first for a
ruled-out form, placeholders for missing answers, downloads, bad parameters; and the link to it
from every form page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from recommender.i18n import t as tr
from recommender.loading import load_knowledge
from recommender.plan import build_plan
from recommender.profile import FORM_IDS
from tests.apptest import element_texts
from tests.conftest import ROOT

KB = load_knowledge()


def run_plan(lang: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("views/plan.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain(text: str) -> str:
    return text.replace("\\", "")


def texts(at: AppTest) -> str:
    return "\n".join(element_texts(at, clean=plain))


def downloads(at: AppTest) -> list[str]:
    return [str(b.proto.label) for b in at.get("download_button")]


def test_plan_page_for_a_form_and_answers_from_the_url():
    at = run_plan(form="stowarzyszenie-zwykle", founders="4", goals="community")
    body = texts(at)
    assert tr("plan.page.title", "pl", form="Stowarzyszenie zwykłe") in body
    plan = build_plan(KB, {"founders": 4, "goals": ["community"]}, "stowarzyszenie-zwykle")
    for step in plan.steps:
        assert plain(step.title) in body
    assert "ul. Chyliczkowska 14, Piaseczno" in body  # the office's sourced address
    assert "Integracja sąsiedzka" in body  # the goal from the answers, in words
    assert tr("plan.placeholder.name", "pl") in body  # never a guessed name
    labels = downloads(at)
    assert tr("plan.page.download.md", "pl") in labels
    assert tr("plan.page.download.ics", "pl") in labels
    assert tr("plan.page.download.docx", "pl") in labels
    assert "DOCX" in labels  # a draft of the regulamin, rendered by the drafts library
    for duty in plan.duties:
        assert plain(duty.title) in body


def test_ruled_out_form_leads_with_blockers():
    at = run_plan(form="stowarzyszenie", founders="3")
    assert at.error and at.error[0].value == tr("plan.blockers", "pl")
    body = texts(at)
    assert "7" in body and tr("plan.blockers.lift", "pl") in body


def test_unknown_form_falls_back_to_the_best_fit_and_says_so():
    at = run_plan(form="<script>", founders="3")
    assert any("<script>" in w.value for w in at.warning)
    assert not any("<script>" in m.value for m in at.markdown)


def test_bad_answers_give_notices_not_errors():
    at = run_plan(form="fundacja", founders="-5", goals="golf")
    assert at.warning  # the dropped answers are named
    assert tr("plan.page.title", "pl", form="Fundacja") in texts(at)


@pytest.mark.parametrize("form", FORM_IDS)
def test_every_form_in_english(form):
    at = run_plan("en", form=form)
    name = KB.forms[form].name.en
    assert tr("plan.page.title", "en", form=name) in texts(at)
    assert tr("plan.page.download.ics", "en") in downloads(at)


def test_founding_date_from_the_url_is_validated():
    at = run_plan(form="fundacja", founding="2099-01-01")
    assert any("2099-01-01" in w.value for w in at.warning)
    ok = run_plan(form="fundacja", founding=(dt.date.today() + dt.timedelta(days=30)).isoformat())
    assert not any("2099" in w.value for w in ok.warning)


def test_every_form_page_links_to_its_plan():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["form"] = "kgw"
    at.switch_page("views/formy.py")
    at.run()
    assert not at.exception
    links = [pl for pl in at.get("page_link") if "plan" in str(pl.proto.page)]
    assert len(links) == 1
    assert links[0].proto.label == tr("browse.form.plan_link", "pl")
    assert "form=kgw" in str(links[0].proto.query_string) or "kgw" in str(links[0].proto)
