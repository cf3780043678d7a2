"""The browsing pages in real Chromium: compare three forms, only differences, the CSV download,
the phone layout, a form page with its checklist and pathway links, local contacts.

Run with ``pytest tests/e2e -m browser``; needs Debian's Chromium (skips locally without it,
fails in CI).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from recommender.i18n import t
from recommender.loading import load_knowledge
from tests.e2e.conftest import ARTIFACTS, wait_for_app
from ui import browse

pytestmark = pytest.mark.browser

KB = load_knowledge()
PHONE = {"width": 390, "height": 844}


def shot(pg: Any, name: str) -> Path:
    """A screenshot of the whole page (Streamlit scrolls inside its main element)."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = pg.viewport_size
    height = pg.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(height, 12000))}
    )
    pg.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path))
    pg.set_viewport_size(size)
    return path


@pytest.fixture(scope="module")
def base(app_server: Any, browser: Any) -> str:
    """The app's address, after one visit to its root (the app is warm for the tests below)."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(app_server.url + "/")
    pg.get_by_text("English", exact=True).wait_for()  # the language switch: app.py has run
    wait_for_app(pg)
    ctx.close()
    return str(app_server.url)


def params(pg: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(pg.url).query)


def wait_table(pg: Any, columns: int) -> None:
    """Wait until the comparison table has ``columns`` header cells (the table is drawn late)."""
    pg.wait_for_function(
        "n => document.querySelectorAll('.st-key-compare-table thead th').length === n", arg=columns
    )


def header_cells(pg: Any) -> list[str]:
    return [c.strip() for c in pg.locator(".st-key-compare-table table thead th").all_inner_texts()]


def body_rows(pg: Any) -> int:
    return int(pg.locator(".st-key-compare-table table tbody tr").count())


def test_compare_three_forms_toggle_and_download(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/porownaj")
    wait_for_app(pg)
    names = [KB.form_name(f, "pl") for f in ("fundacja", "stowarzyszenie", "kgw")]
    wait_table(pg, 3)
    assert header_cells(pg) == [t("browse.compare.attribute", "pl"), *names[:2]]

    # add a third form through the multiselect, as a user would
    box = pg.get_by_role("combobox").first
    box.click()
    box.fill(names[2])
    pg.keyboard.press("Enter")
    pg.keyboard.press("Escape")
    wait_for_app(pg)
    wait_table(pg, 4)
    assert header_cells(pg) == [t("browse.compare.attribute", "pl"), *names]
    assert params(pg)["forms"] == ["fundacja,stowarzyszenie,kgw"]
    full = browse.compare(KB, ["fundacja", "stowarzyszenie", "kgw"], "pl")
    assert body_rows(pg) == len(full.rows)
    # every footnote source is listed with a working link and its date
    for sid in full.footnotes:
        src = KB.sources[sid]
        link = pg.locator(f"ol a[href='{browse.md_url(src.url)}']").first
        assert link.get_attribute("target") == "_blank"
    shot(pg, "browse-compare-three-desktop")

    # only differences
    pg.get_by_text(t("browse.compare.only_diff", "pl"), exact=True).click()
    wait_for_app(pg)
    diff = browse.compare(KB, ["fundacja", "stowarzyszenie", "kgw"], "pl", only_differences=True)
    pg.wait_for_function(
        "n => document.querySelectorAll('.st-key-compare-table tbody tr').length === n",
        arg=len(diff.rows),
    )
    assert body_rows(pg) == len(full.rows) - diff.hidden
    pg.get_by_text(t("browse.compare.hidden", "pl", count=diff.hidden)).wait_for()
    shot(pg, "browse-compare-only-differences")

    # the CSV download holds what the table shows, and is safe to open in a spreadsheet
    with pg.expect_download() as info:
        pg.get_by_role("button", name=t("browse.compare.download", "pl")).click()
    download = info.value
    assert download.suggested_filename == "porownanie-fundacja-stowarzyszenie-kgw.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [t("browse.compare.attribute", "pl"), *names]
    labels = [r[0] for r in rows[1 : 1 + len(diff.rows)]]
    assert labels == [r.label for r in diff.rows]
    pros = next(r for r in rows if r and r[0] == t("browse.compare.row.pros", "pl"))
    assert KB.forms["kgw"].pros[0].text.pl.lstrip("=+-@") in pros[3]
    for r in rows:
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    for sid in diff.footnotes:
        assert KB.sources[sid].url in text


def test_compare_on_a_phone_shows_one_card_per_form(browser: Any, base: str) -> None:
    ctx = browser.new_context(viewport=PHONE, locale="pl-PL")
    pg = ctx.new_page()
    try:
        pg.goto(f"{base}/porownaj?forms=kis,cis,zaz")
        wait_for_app(pg)
        # the cards arrive one by one as the script runs: wait for the last of the three
        pg.locator(".st-key-compare-cards h2").nth(2).wait_for()
        pg.locator(".st-key-compare-table").wait_for(state="hidden")
        cards = pg.locator(".st-key-compare-cards h2").all_inner_texts()
        assert [c.strip() for c in cards] == [KB.form_name(f, "pl") for f in ("kis", "cis", "zaz")]
        overflow = pg.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m.scrollWidth - m.clientWidth; }"
        )
        assert overflow <= 1, "the page scrolls sideways on a phone"
        shot(pg, "browse-compare-phone")
    finally:
        ctx.close()


def test_tampered_compare_url_shows_a_notice(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/porownaj?forms=kis,%3Cb%3Ebold%3C/b%3E,nope")
    wait_for_app(pg)
    alert = pg.locator("[data-testid=stAlert]").first
    alert.wait_for()
    assert "<b>bold</b>" in alert.inner_text() and "nope" in alert.inner_text()
    assert alert.locator("b, strong").count() == 0
    wait_table(pg, 3)
    assert header_cells(pg)[1] == KB.form_name("kis", "pl")
    assert params(pg)["forms"][0].startswith("kis,")
    shot(pg, "browse-compare-tampered-url")


def test_form_page_checklist_and_pathway(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/porownaj")
    wait_for_app(pg)
    name = KB.form_name("fundacja", "pl")
    pg.locator("[data-testid=stPageLink] a", has_text=name).first.click()
    wait_for_app(pg)
    pg.wait_for_url(re.compile(r"/formy\?form=fundacja"))
    form = KB.forms["fundacja"]
    pg.get_by_role("heading", name=form.name.pl, exact=True).wait_for()
    pg.get_by_text(form.summary.pl.split(".")[0]).first.wait_for()
    shot(pg, "browse-form-fundacja-facts")

    pg.get_by_role("tab", name=t("browse.form.tab.steps", "pl")).click()
    first = pg.locator(f".st-key-step-fundacja-{form.steps[0].id} input[type=checkbox]")
    first.check(force=True)
    wait_for_app(pg)
    assert first.is_checked()
    shot(pg, "browse-form-fundacja-steps")

    pg.get_by_role("tab", name=t("browse.form.tab.paths", "pl")).click()
    target = form.pathways[0].to
    link = pg.locator("[data-testid=stPageLink] a", has_text=KB.form_name(target, "pl")).first
    link.click()
    wait_for_app(pg)
    pg.wait_for_url(re.compile(rf"form={re.escape(target)}"))
    pg.get_by_role("heading", name=KB.form_name(target, "pl"), exact=True).wait_for()
    shot(pg, f"browse-form-{target}-after-pathway")


def test_form_page_in_english_on_a_phone(browser: Any, base: str) -> None:
    ctx = browser.new_context(viewport=PHONE, locale="en-GB")
    pg = ctx.new_page()
    try:
        pg.goto(f"{base}/formy?form=stowarzyszenie-zwykle&lang=en")
        wait_for_app(pg)
        form = KB.forms["stowarzyszenie-zwykle"]
        pg.get_by_role("heading", name=form.name.en, exact=True).wait_for()
        for fact in form.facts.values():
            if fact.uncertainty is not None:
                pg.get_by_text(fact.uncertainty.en[:60]).first.wait_for()
                break
        shot(pg, "browse-form-phone-en")
    finally:
        ctx.close()


def test_local_page_links_open_the_cited_pages(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/lokalnie")
    wait_for_app(pg)
    first = browse.ordered_contacts(KB)[0]
    heading = pg.locator("[data-testid=stMain] h2").first
    assert heading.inner_text().strip() == first.name.pl
    external = pg.locator("[data-testid=stMain] a[href^='http']:not([href*='127.0.0.1'])")
    # the page is drawn element by element: wait for every contact's link (a loaded machine
    # can still be drawing the last cards when the first heading appears)
    pg.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n",
        arg=["[data-testid=stMain] a[href^='http']:not([href*='127.0.0.1'])", len(KB.contacts)],
        timeout=60_000,
    )
    assert external.count() >= len(KB.contacts)
    for i in range(external.count()):
        assert external.nth(i).get_attribute("target") == "_blank"
    shot(pg, "browse-local")


def test_glossary_search_in_the_browser(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/slowniczek")
    wait_for_app(pg)
    entry = next(iter(KB.glossary.values()))
    word = max(entry.term.pl.split(), key=len)
    box = pg.get_by_label(t("browse.glossary.search", "pl"))
    box.fill(browse.fold(word))
    box.press("Enter")
    wait_for_app(pg)
    expected = browse.glossary_matches(KB, word, "pl")
    pg.get_by_text(
        t("browse.glossary.count", "pl", count=len(expected), total=len(KB.glossary))
    ).wait_for()
    assert pg.locator("[data-testid=stMain] h3").count() == len(expected)
    shot(pg, "browse-glossary-search")


def test_three_forms_fit_in_about_three_screens_with_the_full_text_on_demand(
    browser: Any, base: str
) -> None:
    """Short values in the cells: three forms take about three screen heights at 1366×900;
    the full text and the sources are one click away."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="pl-PL")
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    try:
        pg.goto(f"{base}/porownaj?forms=fundacja,stowarzyszenie,spoldzielnia-socjalna")
        pg.locator(".st-key-compare-table table tbody tr").first.wait_for()
        wait_for_app(pg)
        height = pg.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        assert height <= 3.5 * 900, height
        # a foundation's membership: "nie dotyczy", not "brak danych"
        row = pg.locator(".st-key-compare-table tbody tr").filter(has_text="Członkostwo")
        assert "nie dotyczy" in row.inner_text()
        pg.locator(".st-key-compare-full").get_by_text(t("browse2.full", "pl")).click()
        wait_for_app(pg)
        full = pg.locator(".st-key-compare-full table").inner_text()
        assert KB.forms["fundacja"].cons[0].text.pl[:40] in " ".join(full.split())
    finally:
        ctx.close()


def test_compare_labels_follow_the_language_switch(page: Any, base: str) -> None:
    pg = page
    pg.goto(f"{base}/porownaj?forms=fundacja,kgw")
    pg.locator(".st-key-compare-table table tbody tr").first.wait_for()
    wait_for_app(pg)
    pg.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    pg.get_by_text(t("browse.compare.only_diff", "en"), exact=True).wait_for()
    wait_for_app(pg)
    picker = pg.locator("[data-testid=stMultiSelect]").inner_text()
    assert KB.form_name("fundacja", "en") in picker and KB.form_name("kgw", "en") in picker
    assert KB.form_name("kgw", "pl") not in picker
