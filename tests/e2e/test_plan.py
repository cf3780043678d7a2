"""Result → plan in real Chromium: the plan button opens the plan of the best fit with the same
answers; the plan, its duties calendar and a document draft download and open with their
libraries (python-docx, icalendar); the page fits a phone.

Run with ``pytest tests/e2e/test_plan.py``; needs Debian's Chromium (skips locally without it,
fails in CI).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
from icalendar import Calendar

from recommender.i18n import catalog
from recommender.loading import load_knowledge
from recommender.plan import build_plan
from recommender.profile import parse_profile
from tests.conftest import SCENARIOS_DIR
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from ui.state import encode_profile, share_query

pytestmark = pytest.mark.browser

KB = load_knowledge()
PL = catalog("pl")
CATERING = parse_profile(
    json.loads((SCENARIOS_DIR / "catering.json").read_text())["profile"]
).to_dict()


def download(pg: Any, label: str) -> bytes:
    with pg.expect_download() as info:
        pg.locator("[data-testid=stMain]").get_by_role("button", name=label).first.click()
    return Path(info.value.path()).read_bytes()


def docx_text(data: bytes) -> str:
    import io

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_result_to_plan_then_docx_and_ics(app_server, page):
    page.goto(app_server.url + "/wynik" + share_query(CATERING, "pl"))
    page.get_by_text(re.compile("^Najlepiej pasuje")).first.wait_for()
    wait_for_app(page)
    page.locator("a.jf-plan-btn").first.click()

    name = KB.forms["spoldzielnia-socjalna"].name.pl
    title = PL["plan.page.title"].format(form=name)
    page.get_by_role("heading", name=title).wait_for()
    wait_for_app(page)
    query = parse_qs(urlsplit(page.url).query)
    assert query.pop("form") == ["spoldzielnia-socjalna"]
    assert query == {k: [v] for k, v in encode_profile(CATERING).items()}  # the same answers
    main = page.locator("[data-testid=stMain]")
    plan = build_plan(KB, CATERING, "spoldzielnia-socjalna", "pl")
    text = main.inner_text()
    for step in plan.steps:
        assert step.title[:40] in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan-desktop.png"), full_page=True)

    data = download(page, PL["plan.page.download.docx"])
    body = docx_text(data)
    assert name in body and plan.steps[0].title in body
    (ARTIFACTS / "plan.docx").write_bytes(data)

    ics = Calendar.from_ical(download(page, PL["plan.page.download.ics"]))
    events = {str(e.get("summary")) for e in ics.walk("VEVENT")}
    assert {d.title for d in plan.duties if d.first_due is not None} <= events
    assert events


def test_plan_draft_download_holds_the_goals(app_server, page):
    profile = {"founders": 4, "goals": ["environment"], "economic_activity": False}
    page.goto(app_server.url + "/plan?form=stowarzyszenie-zwykle&" + share_query(profile, "pl")[1:])
    title = PL["plan.page.title"].format(form=KB.forms["stowarzyszenie-zwykle"].name.pl)
    page.get_by_role("heading", name=title).wait_for()
    wait_for_app(page)
    body = docx_text(download(page, "DOCX"))  # the first draft: the rules (regulamin)
    goal = KB.vocabulary[("goals", "environment")].label.pl
    assert goal.lower()[:12] in body.lower()
    assert "[" in body  # placeholders left for the user, never invented data


def test_plan_on_a_phone(app_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(app_server.url + "/plan?form=fundacja&founders=1")
    pg.get_by_role("heading", name=re.compile("^Twój plan")).wait_for()
    wait_for_app(pg)
    overflow = pg.evaluate(
        "() => document.querySelector('[data-testid=stMain]').scrollWidth"
        " - document.querySelector('[data-testid=stMain]').clientWidth"
    )
    assert overflow <= 1
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "plan-phone.png"), full_page=True)
    context.close()
