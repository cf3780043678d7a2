"""Accessibility of every page: axe-core finds no serious or critical violation, on a desktop and
on a phone; the page declares its real language; no request leaves the server.

The pages come from the registry ``ui.navigation.PAGES`` at test time, so a page added later is
checked as soon as its script exists. Run with ``pytest tests/e2e -m browser``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import ROOT
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from ui.navigation import PAGES, PageSpec

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
AXE = Axe()


def existing_pages() -> list[PageSpec]:
    return [spec for spec in PAGES if (ROOT / spec.script).exists()]


@pytest.fixture(scope="module")
def base(app_server: Any, browser: Any) -> str:
    """The app's address after one visit to its root (see ``tests/e2e/test_browse.py``: until
    ``st.navigation`` has run once, Streamlit serves deep links without the app's frame)."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(app_server.url + "/")
    pg.get_by_text("English", exact=True).wait_for()
    wait_for_app(pg)
    ctx.close()
    return str(app_server.url)


def open_page(
    browser: Any, base: str, spec: PageSpec, viewport: dict[str, int], query: str = ""
) -> tuple[Any, Any, list[str]]:
    """A fresh context on one page, recording every request that leaves the server."""
    ctx = browser.new_context(viewport=viewport, locale="pl-PL")
    pg = ctx.new_page()
    outside: list[str] = []

    def record(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            outside.append(request.url)

    pg.on("request", record)
    pg.goto(f"{base}/{spec.url_path}{query}")
    wait_for_app(pg)
    pg.locator(
        "[data-testid=stMain] h1, [data-testid=stMain] [data-testid=stAlert]"
    ).first.wait_for()
    wait_for_app(pg)
    pg.wait_for_timeout(500)
    return ctx, pg, outside


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("spec", existing_pages(), ids=lambda s: s.url_path)
def test_no_serious_axe_violations(browser: Any, base: str, spec: PageSpec, viewport: str) -> None:
    ctx, pg, _ = open_page(browser, base, spec, VIEWPORTS[viewport])
    try:
        results = AXE.run(pg).response
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"a11y-{spec.url_path}-{viewport}.png"))
    finally:
        ctx.close()
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING]
    others = [v for v in results["violations"] if v.get("impact") not in BLOCKING]
    if others:  # reported, not failed: moderate and minor findings
        print(f"\n{spec.url_path} ({viewport}), non-blocking:\n{describe(others)}")
    assert not blocking, f"{spec.url_path} ({viewport}):\n{describe(blocking)}"


@pytest.mark.parametrize("spec", existing_pages(), ids=lambda s: s.url_path)
def test_no_request_leaves_the_server(browser: Any, base: str, spec: PageSpec) -> None:
    ctx, pg, outside = open_page(browser, base, spec, VIEWPORTS["desktop"])
    try:
        pg.wait_for_timeout(1000)
    finally:
        ctx.close()
    assert outside == [], f"{spec.url_path} requested: {json.dumps(outside, indent=1)}"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_page_declares_its_language(browser: Any, base: str, lang: str) -> None:
    spec = next((s for s in existing_pages() if s.default), existing_pages()[0])
    ctx, pg, _ = open_page(browser, base, spec, VIEWPORTS["desktop"], query=f"?lang={lang}")
    try:
        pg.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    finally:
        ctx.close()


def test_keyboard_reaches_the_compare_controls(browser: Any, base: str) -> None:
    """The compare page can be used without a mouse: tabbing reaches the form picker, the
    "only differences" switch and the CSV download, each with an accessible name."""
    spec = next((s for s in existing_pages() if s.url_path == "porownaj"), None)
    if spec is None:
        pytest.skip("no compare page in this checkout")
    ctx, pg, _ = open_page(browser, base, spec, VIEWPORTS["desktop"])
    try:
        pg.locator("[data-testid=stMain] h1").click()
        seen: list[str] = []
        for _ in range(60):
            pg.keyboard.press("Tab")
            name = pg.evaluate(
                "() => { const e = document.activeElement; if (!e) return '';"
                " const l = e.getAttribute('aria-label')"
                " || (e.labels && e.labels[0] && e.labels[0].innerText)"
                " || e.innerText || ''; return e.tagName + ':' + l.trim().slice(0, 60); }"
            )
            seen.append(name)
        joined = "\n".join(seen)
        assert "INPUT:" in joined  # the multiselect's text box and the switch
        assert any(s.startswith("BUTTON:") and "CSV" in s for s in seen), joined
    finally:
        ctx.close()
