"""The questionnaire → result flow in real Chromium: answer, read, share, download, translate.

Run with ``pytest tests/e2e -m browser``; needs Debian's Chromium (skips locally without it,
fails in CI).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from recommender.i18n import catalog
from recommender.loading import load_knowledge
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


def shot(pg: Any, name: str) -> Path:
    """A screenshot of the whole page (Streamlit scrolls inside its main element)."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = pg.viewport_size
    height = pg.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(height, 16000))}
    )
    pg.wait_for_timeout(800)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path


def settle(pg: Any, text: str | re.Pattern[str]) -> None:
    """Wait until the page shows ``text`` and the script run is over (on the result page: until
    its tool picker and the ranking chart are drawn)."""
    pg.get_by_text(text).first.wait_for()
    if isinstance(text, re.Pattern) and text.pattern.startswith(("^Najlepiej", "^Best fit")):
        pg.locator(".st-key-jf_tools").wait_for()
        pg.locator("ol.jf-rank li").first.wait_for()
    wait_for_app(pg)


def keyed(pg: Any, key: str) -> Any:
    """The element of the widget with this key (Streamlit marks it with a ``st-key-…`` class)."""
    return pg.locator(f".st-key-{key}")


def answer(pg: Any, lang: str, target: dict[str, Any], done: set[str]) -> None:
    """Answer the visible, unanswered questions of this step so the answers become ``target``."""
    for section in KB.questionnaire.sections:
        for q in section.questions:
            box = keyed(pg, f"jf_q_{q.id}")
            if q.id in done or box.count() == 0:
                continue
            done.add(q.id)
            if q.kind == "number":
                value = target.get(q.field or "")
                if value is None:
                    keyed(pg, f"jf_q_{q.id}_unknown").get_by_text(
                        re.compile("Nie wiem|I don't know")
                    ).click()
                else:
                    field = box.locator("input")
                    field.fill(str(value))
                    field.press("Enter")
            elif q.kind == "single":
                option = next(
                    (
                        o
                        for o in q.options
                        if o.sets and all(target.get(k) == v for k, v in o.sets.items())
                    ),
                    next(o for o in q.options if o.unknown),
                )
                box.get_by_text(option.label.get(lang), exact=True).click()
            else:
                field = q.field or ""
                if field not in target:
                    chosen = [o for o in q.options if o.unknown]
                elif target[field] == []:
                    chosen = [o for o in q.options if o.sets is not None and not o.unknown]
                else:
                    chosen = [o for o in q.options if o.value in target[field]]
                for option in chosen:
                    box.get_by_role("button", name=option.label.get(lang), exact=True).click()
                    wait_for_app(pg)
            wait_for_app(pg)


TOOL_LABELS = {  # the picker's labels, up to their counts
    tool: re.escape(PL[key].split("(")[0].strip())
    for tool, key in (
        ("how", "result2.tool.how"),
        ("steps", "result2.tool.steps"),
        ("ruled_out", "result.tool.ruled_out"),
        ("share", "result.tool.share"),
    )
}
SCORING_WORDS = ("pkt", "points", "waga", "weight", "wariant", "siła argumentu", "100%")


def open_tool(pg: Any, tool: str) -> Any:
    """Open a panel of the result page's tool picker (built once it is open); its box."""
    keyed(pg, "jf_tools").get_by_role("button", name=re.compile(TOOL_LABELS[tool])).click()
    wait_for_app(pg)
    box = keyed(pg, f"jf_tool_{tool}")
    box.wait_for()
    return box


def result_summary(pg: Any) -> tuple[str, list[str]]:
    """The headline and the ranking list as the user reads them."""
    main = pg.locator("[data-testid=stMain]")
    top = main.locator(".jf-sum h1").first.inner_text()
    ranking = main.locator("ol.jf-rank")
    ranking.locator("li").first.wait_for()
    items = ranking.first.locator("li").all_inner_texts()
    # "1. Spółdzielnia socjalna": the place and the full name (the bar has no text)
    return top, [re.sub(r"^\d+\.\s*", "", " ".join(x.split())) for x in items]


def first_viewport(pg: Any) -> dict[str, Any]:
    """What the first screen shows without scrolling: the main heading, whether the whole plan
    button is inside the viewport, and the text of everything that starts above the fold."""
    return dict(
        pg.evaluate(
            """() => {
              const h = window.innerHeight;
              const main = document.querySelector('[data-testid=stMain]');
              main.scrollTop = 0; window.scrollTo(0, 0);
              const btn = document.querySelector('.jf-plan-btn');
              const r = btn ? btn.getBoundingClientRect() : null;
              const texts = [];
              for (const el of main.querySelectorAll('h1,h2,h3,p,li,span,a,button,label')) {
                const b = el.getBoundingClientRect();
                if (b.height > 0 && b.top < h && b.bottom > 0) texts.push(el.innerText);
              }
              const h1 = document.querySelector('.jf-sum h1');
              const t = h1 ? h1.getBoundingClientRect() : null;
              return {heading: h1 ? h1.innerText : '',
                      heading_visible: !!t && t.top >= 0 && t.bottom <= h,
                      button: btn ? btn.innerText : '',
                      button_visible: !!r && r.top >= 0 && r.bottom <= h,
                      href: btn ? btn.getAttribute('href') : '',
                      text: texts.join(' | ')};
            }"""
        )
    )


def test_questionnaire_result_shared_link_pdf_and_english(app_server, browser, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(app_server.url + "/")
    settle(page, "Od czego chcesz zacząć?")
    page.locator("[data-testid=stMain]").get_by_role(
        "link", name=re.compile("Odpowiedz na pytania")
    ).click()
    total = len(KB.questionnaire.sections)
    done: set[str] = set()
    for index in range(total):
        settle(page, f"Krok {index + 1} z {total}")
        answer(page, "pl", CATERING, done)
        answer(page, "pl", CATERING, done)  # a question shown only after an earlier answer
        if index == 0:
            shot(page, "flow-ankieta-step1")
        button = "Dalej" if index < total - 1 else "Zobacz wynik"
        keyed(page, "jf_next" if index < total - 1 else "jf_result_now").get_by_role(
            "button", name=button
        ).click()
        wait_for_app(page)

    settle(page, re.compile("^Najlepiej pasuje"))
    top, ranking = result_summary(page)
    assert "Spółdzielnia socjalna" in top
    assert ranking and ranking[0].startswith("Spółdzielnia socjalna")
    shot(page, "flow-wynik-desktop")

    # the address bar holds exactly the answers given; the shown share link is the same result
    assert parse_qs(urlsplit(page.url).query) == {
        k: [v] for k, v in encode_profile(CATERING).items()
    }
    share = open_tool(page, "share")
    link = share.locator("[data-testid=stCode] code").first.inner_text().replace("\n", "")
    assert link.startswith(app_server.url + "/wynik?")
    fresh = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    other = fresh.new_page()
    other.goto(link)
    settle(other, re.compile("^Najlepiej pasuje"))
    assert result_summary(other) == (top, ranking)  # same top form, same scores
    assert other.locator("[data-testid=stAlert]").filter(has_text="adresu").count() == 0
    fresh.close()

    # the one-page PDF with correct Polish letters
    with page.expect_download() as info:
        keyed(page, "jf_pdf").get_by_role("button").click()
    data = Path(info.value.path()).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Spółdzielnia socjalna" in text and "To nie jest porada prawna" in text
    (ARTIFACTS / "flow-handout.pdf").write_bytes(data)

    # English on request
    page.locator("[data-testid=stSidebar]").get_by_text("English").click()
    settle(page, re.compile("^Best fit"))
    top_en, _ = result_summary(page)
    assert "Social cooperative" in top_en or KB.form_name("spoldzielnia-socjalna", "en") in top_en
    assert "lang=en" in page.url
    # the frame follows: the menu (built once per session and language) and <html lang>
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Questionnaire", exact=True).wait_for()
    assert sidebar.get_by_text("Ankieta", exact=True).count() == 0
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert "This is not legal advice" in page.locator("[data-testid=stMain]").inner_text()
    shot(page, "flow-wynik-english")

    outside = [
        u
        for u in requests
        if not u.startswith(app_server.url) and not u.startswith(("data:", "blob:"))
    ]
    assert outside == [], outside  # no fonts, scripts or analytics from elsewhere


def test_result_on_a_phone(app_server, browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="pl-PL",
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(app_server.url + "/wynik" + share_query(CATERING, "pl"))
    settle(pg, re.compile("^Najlepiej pasuje"))
    top, ranking = result_summary(pg)
    assert "Spółdzielnia socjalna" in top and ranking
    overflow = pg.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return Math.max(m.scrollWidth - m.clientWidth,"
        " document.documentElement.scrollWidth - 390); }"
    )
    assert overflow <= 1, f"page is {overflow}px wider than the phone"
    shot(pg, "flow-wynik-phone")
    pg.goto(app_server.url + "/ankieta")
    settle(pg, "Krok 1 z")
    shot(pg, "flow-ankieta-phone")
    context.close()


def test_result_sections_open_and_switch_in_the_browser(app_server, page):
    """The picker of the leading forms and every panel of the tool picker work in a real
    browser (their content is built on demand), and the opened page has no WCAG AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(app_server.url + "/")
    settle(page, "Od czego chcesz zacząć?")
    page.goto(app_server.url + "/wynik" + share_query(CATERING, "pl"))
    settle(page, re.compile("^Najlepiej pasuje"))
    main = page.locator("[data-testid=stMain]")
    open_tool(page, "how")
    picker = keyed(page, "jf_top_tab_pl").get_by_role("radio")
    assert picker.count() == 3
    assert picker.nth(0).get_attribute("aria-checked") == "true"
    second = picker.nth(1).inner_text()
    picker.nth(1).click()
    wait_for_app(page)
    main.get_by_role("heading", name=re.compile("^" + re.escape(second))).wait_for()
    assert main.get_by_role("heading", name=re.compile("^1\\. ")).count() == 0
    assert picker.nth(1).get_attribute("aria-checked") == "true"

    for tool in ("steps", "ruled_out", "share"):
        open_tool(page, tool)
    keyed(page, "jf_md").wait_for()
    assert keyed(page, "jf_tool_how").get_by_role("slider").count() == len(KB.criteria)
    top = KB.forms["spoldzielnia-socjalna"]
    steps = keyed(page, "jf_tool_steps").get_by_role("checkbox")
    assert steps.count() == len(top.steps)
    keyed(page, "jf_tool_steps").get_by_text(top.steps[0].text.pl, exact=True).click()
    wait_for_app(page)  # ticking reruns only the checklist; it stays open and ticked
    assert steps.first.is_checked() and steps.count() == len(top.steps)
    ruled = keyed(page, "jf_tool_ruled_out").inner_text()
    assert KB.form_name("stowarzyszenie", "pl") in ruled and "Co by to zmieniło" in ruled

    # a what-if reruns only its own part; the ranking above stays as it was
    before = result_summary(page)
    keyed(page, "jf_tool_how").get_by_text("3 osoby więcej do założenia").click()
    wait_for_app(page)
    keyed(page, "jf_tool_how").get_by_text(re.compile("Pierwsze miejsce")).wait_for()
    assert result_summary(page) == before
    shot(page, "flow-wynik-all-open")

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
        for v in result.response["violations"]
    ]
    assert violations == []


def test_tampered_link_in_the_browser(app_server, page):
    page.goto(
        app_server.url + "/wynik?founders=-1&goals=golf&prio.cost=99&x=%3Cimg%20src%3Dx%3E"
        "&intent=found&employment=none&governance=democratic"
    )
    settle(page, re.compile("^Najlepiej pasuje"))
    alert = page.locator("[data-testid=stAlert]").filter(has_text="adresu")
    assert alert.count() == 1
    body = alert.inner_text()
    # the notice names the questions, not the parameters
    for name in ("liczba osób zakładających", "cele", "priorytet „Niskie koszty”"):
        assert name in body
    for param in ("founders", "goals", "prio.cost"):
        assert param not in body
    assert page.locator("[data-testid=stMain] img[src='x']").count() == 0
    assert "founders" not in page.url and "x=" not in page.url.split("?")[-1]


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("/", "Od czego chcesz zacząć?"),
        ("/ankieta", "Krok 1 z"),
        ("/wynik?" + share_query(CATERING, "pl")[1:], "^Najlepiej"),
    ],
    ids=["start", "ankieta", "wynik"],
)
def test_pages_have_no_wcag_aa_violations(app_server, page, path, marker):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(app_server.url + path)
    settle(page, re.compile(marker) if marker.startswith("^") else marker)
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    violations = [
        (v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]
    ]
    assert violations == []


def test_shared_link_opened_first_on_a_fresh_server_has_the_frame(browser, tmp_path):
    """A shared link is often the first request a restarted server sees: it must get app.py's
    frame (menu, language switch, footer). Page scripts live in views/, not pages/, because
    Streamlit treats a pages/ folder as the legacy multipage layout until st.navigation has run."""
    from tests.e2e.conftest import AppServer

    server = AppServer(tmp_path)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
        pg = context.new_page()
        pg.goto(server.url + "/wynik" + share_query(CATERING, "pl"))
        settle(pg, re.compile("^Najlepiej pasuje"))
        pg.wait_for_timeout(1000)
        sidebar = pg.locator("[data-testid=stSidebar]").inner_text()
        context.close()
        assert "Język" in sidebar and "English" in sidebar and "Ankieta" in sidebar
    finally:
        server.stop()


@pytest.mark.parametrize(
    "viewport",
    [{"width": 390, "height": 844}, {"width": 1366, "height": 900}],
    ids=["phone", "desktop"],
)
def test_first_viewport_names_the_best_fit_and_the_plan_without_scoring_words(
    app_server, browser, viewport
):
    """Without scrolling: the best fit's full name and the button to the whole plan, and no
    points, weights or samples (those are in "how we counted")."""
    context = browser.new_context(viewport=viewport, locale="pl-PL")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(app_server.url + "/wynik" + share_query(CATERING, "pl"))
    settle(pg, re.compile("^Najlepiej pasuje"))
    seen = first_viewport(pg)
    name = KB.forms["spoldzielnia-socjalna"].name.pl
    assert seen["heading"] == f"Najlepiej pasuje: {name}" and seen["heading_visible"]
    assert seen["button_visible"], seen
    assert seen["href"].startswith("plan?form=spoldzielnia-socjalna&")
    assert parse_qs(seen["href"].split("?", 1)[1])["founders"] == [str(CATERING["founders"])]
    for word in SCORING_WORDS:
        assert word not in seen["text"], word
    shot(pg, f"result-first-screen-{viewport['width']}")
    context.close()


def test_no_answers_make_no_claim(app_server, page):
    page.goto(app_server.url + "/wynik")
    settle(page, "Za mało odpowiedzi")
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Najlepiej pasuje" not in main and "nie zmieni" not in main
    assert page.locator(".jf-plan-btn").count() == 0
    buttons = page.locator("[class*='st-key-jf_decisive_'] button")
    assert buttons.count() == 3
    buttons.first.click()
    settle(page, "Krok ")
    assert "/ankieta" in page.url


def test_browser_back_forward_and_reload_move_between_questionnaire_steps(app_server, page):
    """Back and Forward move between steps (not answers); a reload keeps the step and the
    answers; after "Dalej" the new step starts at its title."""
    sections = KB.questionnaire.sections
    page.goto(app_server.url + "/ankieta?founders=3")
    settle(page, "Krok 1 z")
    for step in (2, 3):
        keyed(page, "jf_next").get_by_role("button").click()
        settle(page, f"Krok {step} z")
    assert parse_qs(urlsplit(page.url).query)["step"] == ["3"]
    title = page.get_by_role("heading", name=sections[2].title.pl)
    box = title.bounding_box()
    assert box is not None and 0 <= box["y"] < 844  # the step starts at its title
    page.go_back()
    settle(page, "Krok 2 z")
    page.get_by_role("heading", name=sections[1].title.pl).wait_for()
    page.go_forward()
    settle(page, "Krok 3 z")
    page.reload()
    settle(page, "Krok 3 z")
    page.get_by_role("heading", name=sections[2].title.pl).wait_for()
    assert parse_qs(urlsplit(page.url).query)["founders"] == ["3"]
