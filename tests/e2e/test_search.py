"""The search page in headless Chromium: answers, keyboard, accessibility, no outside requests."""

from __future__ import annotations

from typing import Any

import pytest

from recommender.i18n import t as tr
from recommender.loading import load_knowledge
from tests.e2e.conftest import ARTIFACTS, wait_for_app


def serious_axe_violations(pg: Any) -> list[str]:
    """Serious or critical WCAG violations among the answers (axe-core, run locally)."""
    from axe_playwright_python.sync_playwright import Axe

    pg.wait_for_timeout(1000)
    found = Axe().run(pg, context={"include": [["[data-testid=stMain]"]]}).response["violations"]
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}): "
        + "; ".join(
            f"{n['html'][:120]} {n.get('failureSummary', '')[:200]}" for n in v["nodes"][:3]
        )
        for v in found
        if v.get("impact") in ("serious", "critical")
    ]


def full_shot(pg: Any, name: str) -> None:
    """The whole page (Streamlit scrolls inside its main element, so grow the viewport first)."""
    size = pg.viewport_size
    height = pg.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(height, 12000))}
    )
    pg.wait_for_timeout(600)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    pg.set_viewport_size(size)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_search_page_in_the_browser(app_server, browser, viewport: tuple[int, int]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, locale="pl-PL")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    external: list[str] = []
    pg.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(app_server.url) else None,
    )
    try:
        pg.goto(f"{app_server.url}/szukaj?q=czy+fundacja+moze+zarabiac")
        pg.get_by_text(tr("search.disclaimer", "pl")).first.wait_for(timeout=90_000)
        wait_for_app(pg)
        assert pg.get_by_text("Czy fundacja może zarabiać?").count() >= 2  # example and answer
        assert pg.get_by_role("textbox", name=tr("search.input", "pl")).count() == 1
        assert pg.get_by_text(tr("app.footer", "pl", date="", version="")[:40]).count() >= 1
        full_shot(pg, f"search-results-{width}")
        assert serious_axe_violations(pg) == []
        # keyboard only: type a new question and press Enter
        box = pg.get_by_role("textbox", name=tr("search.input", "pl"))
        box.fill("co to jest KISS")
        box.press("Enter")
        pg.get_by_text("Czym jest KISS i jak do niego dołączyć?").first.wait_for()
        wait_for_app(pg)
        pg.get_by_text("Czym jest KISS i jak do niego dołączyć?").first.scroll_into_view_if_needed()
        full_shot(pg, f"search-kiss-{width}")
        assert "q=co+to+jest+KISS" in pg.url or "q=co%20to%20jest%20KISS" in pg.url
        # a long answer opens with its short one; the full answer is one click deeper
        entry = load_knowledge().faq["zgoda-na-piknik"]
        assert entry.short is not None
        pg.goto(f"{app_server.url}/szukaj?q=czy+na+piknik+trzeba+zgody+gminy")
        pg.get_by_text(entry.short.pl[:60]).first.wait_for(timeout=90_000)
        wait_for_app(pg)
        full = pg.get_by_text(entry.answer.pl[:60]).first
        assert not full.is_visible()
        pg.get_by_text(tr("search.full_answer", "pl")).first.click()
        full.wait_for(state="visible")
        full_shot(pg, f"search-short-{width}")
        assert serious_axe_violations(pg) == []
        assert external == [], f"requests left the server: {external}"
    finally:
        context.close()


FIVE_QUESTIONS = [
    ("co to jest KRS", {"KRS (Krajowy Rejestr Sądowy)"}),
    ("jak dostać 1,5 procent", {"Jak organizacja może otrzymywać 1,5% podatku?"}),
    (
        "potrzebujemy pieniędzy na festyn dla dzieci",
        {
            "Czy grupa nieformalna może dostać dotację?",
            "Działaj Lokalnie – mikrogranty",
            "Mazowsze Lokalnie – mikrodotacje",
            "Mały grant z gminy (tryb art. 19a)",
            "Regranting",
            "Skąd stowarzyszenie zwykłe może mieć pieniądze?",
        },
    ),
    ("czy fundacja moze zarabiac", {"Czy fundacja może zarabiać?"}),
    ("co to jest KISS", {"Czym jest KISS i jak do niego dołączyć?"}),
]


def answer_titles(pg: Any) -> list[str]:
    """The titles of the answers on the page, in order (each answer is a bordered box whose
    first line is its bold title)."""
    return pg.evaluate(
        """() => [...document.querySelectorAll(
              '[data-testid=stMain] [data-testid=stLayoutWrapper] > [data-testid=stVerticalBlock]')]
            .map(box => box.querySelector(':scope > [data-testid=stElementContainer] strong'))
            .filter(Boolean)
            .map(s => s.textContent.trim())"""
    )


@pytest.mark.browser
def test_five_everyday_questions_are_answered_in_the_top_three(app_server, browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    try:
        for question, answers in FIVE_QUESTIONS:
            pg.goto(f"{app_server.url}/szukaj?q={question.replace(' ', '+')}")
            pg.get_by_text(tr("search.disclaimer", "pl")).first.wait_for(timeout=90_000)
            wait_for_app(pg)
            top = answer_titles(pg)[:3]
            assert set(top) & answers, f"{question!r}: top three were {top}"
    finally:
        context.close()
