"""Workshop rooms in real Chromium: a trainer on a laptop, a participant on a phone.

The trainer creates a room in the console, the projector view shows the code and later the
revealed result, three phones (390×844) join at two tables, answer and see the group result;
a second round, the XLSX and CSV exports; the questionnaire walkthrough on a projector-sized
screen. Screenshots go to ``test-artifacts/``.
The helpers here are reused by ``tests/test_reliability.py``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from recommender.i18n import catalog
from recommender.loading import load_knowledge
from tests.e2e.conftest import ARTIFACTS, wait_for_app

pytestmark = pytest.mark.browser

KB = load_knowledge()
PL = catalog("pl")
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}


# -- helpers (also used by tests/test_reliability.py) ----------------------------------------------


def shot(pg: Any, name: str, full: bool = True) -> Path:
    """A screenshot; ``full``: the whole page (Streamlit scrolls inside its main element)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if not full:
        pg.screenshot(path=str(path))
        return path
    size = pg.viewport_size
    height = pg.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    pg.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(height, 12000))}
    )
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path


def settle(pg: Any, text: str | re.Pattern[str], timeout: float = 20_000) -> None:
    """Wait until the page shows ``text`` and the script run is over."""
    pg.get_by_text(text).first.wait_for(timeout=timeout)
    wait_for_app(pg)


def keyed(pg: Any, key: str) -> Any:
    return pg.locator(f".st-key-{key}")


def choose(pg: Any, key: str, label: str, shown: str) -> None:
    """Pick ``label`` in the select box ``key``; done when the server shows ``shown``.

    The list shows only a few options at a time, so the label is typed to filter it. A click
    on an option that is still moving is sometimes lost: then start again from a closed list.
    """
    field = keyed(pg, key).get_by_role("combobox")
    for _ in range(4):
        pg.keyboard.press("Escape")
        pg.locator("h1").first.click()
        field.click()
        field.fill("")
        field.fill(label)
        option = pg.get_by_role("option", name=label)
        try:
            option.wait_for(timeout=5_000)
            pg.wait_for_timeout(300)
            option.click(timeout=5_000)
            pg.get_by_text(shown).first.wait_for(timeout=8_000)
        except Exception:  # noqa: BLE001 - try again from a closed list
            continue
        wait_for_app(pg)
        return
    raise AssertionError(f"could not choose {label!r} in {key}")


def metric(pg: Any, label: str) -> str:
    box = pg.locator("[data-testid=stMetric]").filter(has_text=label)
    return str(box.locator("[data-testid=stMetricValue]").inner_text()).strip()


def open_app(pg: Any, url: str) -> None:
    """Open the start page first: Streamlit routes deep links by the menu only after it ran once."""
    pg.goto(url + "/")
    settle(pg, PL["nav.start"])


def trainer_creates_room(pg: Any, url: str, title: str = "Warsztat testowy") -> str:
    """Create a room on the trainer page; returns the join code shown."""
    open_app(pg, url)
    pg.goto(url + "/warsztat")
    settle(pg, PL["ws.create.title"])
    pg.get_by_role("textbox", name=PL["ws.create.name"]).fill(title)
    pg.get_by_role("button", name=PL["ws.create.button"]).click()
    settle(pg, PL["ws.link.title"])
    code = keyed(pg, "jf-join-code").inner_text().replace(" ", "").strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{6}", code), code
    return code


def participant_joins(pg: Any, url: str, code: str, typed: bool = True) -> None:
    """Open the join page (by typing the code, or by the QR link) and join."""
    if typed:
        open_app(pg, url)
        pg.goto(url + "/pokoj")
        settle(pg, PL["room.intro"])
        pg.get_by_role("textbox", name=PL["room.code_label"]).fill(
            code.lower()[:3] + "-" + code.lower()[3:]
        )
    else:
        pg.goto(url + "/pokoj?code=" + code)
        settle(pg, PL["room.intro"])
    pg.get_by_role("button", name=PL["room.join"]).click()
    settle(pg, PL["room.in_room_title"].split(":")[0])


def participant_answers_and_submits(pg: Any) -> str:
    """Answer three questions, ask for the result; returns the best-fit line the phone shows."""
    keyed(pg, "jf_q_intent").get_by_text("Chcę założyć coś nowego", exact=False).click()
    wait_for_app(pg)
    keyed(pg, "jf_next").get_by_role("button").click()
    settle(pg, "Co chcecie osiągnąć?")
    goals = keyed(pg, "jf_q_goals")
    goals.get_by_role("button", name="Przyroda i środowisko").click()
    wait_for_app(pg)
    keyed(pg, "jf_next").get_by_role("button").click()
    settle(pg, "Ile osób (razem z Tobą)")
    field = keyed(pg, "jf_q_founders").locator("input")
    field.fill("4")
    field.press("Enter")
    wait_for_app(pg)
    keyed(pg, "jf_result_now").get_by_role("button").click()
    settle(pg, PL["room.sent"])
    top = pg.locator("[data-testid=stMain]").get_by_text(re.compile(r"^Najlepiej pasuje:")).first
    return str(top.inner_text())


def top_form_of(line: str) -> str:
    """The form name in "Najlepiej pasuje: X" (the result's first heading)."""
    m = re.match(r"^Najlepiej pasuje:\s*(.+?)\s*$", line.strip())
    assert m, line
    return m.group(1)


def wait_for_metric(pg: Any, label: str, value: str, timeout_s: float = 20) -> None:
    """The dashboard refreshes itself: wait (no reload) until the metric shows ``value``."""
    deadline = pg.evaluate("() => Date.now()") + timeout_s * 1000
    while True:
        try:
            if metric(pg, label) == value:
                return
        except Exception:  # noqa: BLE001 - the fragment may be re-rendering this instant
            pass
        if pg.evaluate("() => Date.now()") > deadline:
            raise AssertionError(f"{label} did not become {value}: {metric(pg, label)!r}")
        pg.wait_for_timeout(300)


def serious_axe_violations(pg: Any) -> list[str]:
    """Serious or critical WCAG violations in the page's main area (axe-core, run locally)."""
    from axe_playwright_python.sync_playwright import Axe

    wait_for_app(pg)
    pg.wait_for_timeout(1500)  # elements of the previous run fade out before they are removed
    results = Axe().run(pg, context={"include": [["[data-testid=stMain]"]]})
    found = results.response.get("violations", [])
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in found
        if v.get("impact") in ("serious", "critical")
    ]


# -- the tests ------------------------------------------------------------------------------------


def quick_answer(pg: Any, intent: str) -> None:
    """One answer, then the result at once (a phone that does not linger)."""
    keyed(pg, "jf_q_intent").get_by_text(intent, exact=False).click()
    wait_for_app(pg)
    keyed(pg, "jf_result_now").get_by_role("button").click()
    settle(pg, PL["room.sent"])


def pick_table(pg: Any, label: str) -> None:
    keyed(pg, "jf_room_table").get_by_text(label, exact=True).click()
    wait_for_app(pg)


def download(pg: Any, key: str) -> tuple[str, bytes]:
    """Click a download button; (file name, bytes). Streamlit makes the file on the click; a
    download the browser cancels (the page redrawing that instant) is tried again."""
    for attempt in range(3):
        try:
            with pg.expect_download() as info:
                keyed(pg, key).get_by_role("button").click()
            return info.value.suggested_filename, Path(info.value.path()).read_bytes()
        except Exception:  # noqa: BLE001 - "canceled": try again
            if attempt == 2:
                raise
            wait_for_app(pg)
    raise AssertionError("unreachable")


def control(pg: Any, action: str) -> None:
    keyed(pg, f"jf_ws_do_{action}").get_by_role("button").click()
    wait_for_app(pg)


def test_workshop_console_projector_and_three_phones(app_server, browser, page):
    """One session as a trainer runs it: console on the laptop, projector on the wall, three
    phones at two tables, results hidden then revealed, a second round, the exports."""
    import openpyxl

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1366, "height": 900})
    code = trainer_creates_room(page, app_server.url)
    assert "room=" in page.url and "token=" in page.url
    token = re.search(r"token=([^&]+)", page.url).group(1)  # type: ignore[union-attr]
    # the trainer's own link, shown once (the projector's link is another code block)
    trainer_code = page.locator("[data-testid=stCode] code").filter(has_text="token=").first
    link = trainer_code.inner_text().replace("\n", "")
    assert link.startswith(app_server.url + "/warsztat?room=")
    qr = keyed(page, "jf-join-code").locator(
        "xpath=ancestor::*[@data-testid='stHorizontalBlock'][1]"
    )
    assert qr.locator("img").count() == 1
    assert serious_axe_violations(page) == []
    page.get_by_text(PL["ws.ctl.tables_title"]).click()
    keyed(page, "jf_ws_tables").locator("input").fill("A, B")
    control(page, "tables")
    settle(page, PL["ws.ctl.tables_now"].format(tables="A, B"))

    # the projector: its own window, bound to the room by the public code only
    projector_url = page.get_by_role("link", name=PL["ws.proj.open"]).get_attribute("href")
    assert projector_url == f"{app_server.url}/prezentacja?room={code}"
    wall_ctx = browser.new_context(viewport=PROJECTOR, locale="pl-PL")
    wall = wall_ctx.new_page()
    wall.set_default_timeout(20_000)
    wall.on("request", lambda r: requests.append(r.url))
    open_app(wall, app_server.url)
    wall.goto(projector_url)
    settle(wall, PL["proj.hidden"])
    assert keyed(wall, "jf-proj-code").inner_text().replace(" ", "").strip() == code
    assert wall.locator("[data-testid=stSidebar]").is_hidden()
    assert token not in wall.content()

    phone_ctx = browser.new_context(
        viewport=PHONE, locale="pl-PL", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    phones = [phone_ctx.new_page() for _ in range(3)]
    for phone in phones:
        phone.set_default_timeout(20_000)
        phone.on("request", lambda r: requests.append(r.url))
    participant_joins(phones[0], app_server.url, code)
    pick_table(phones[0], "A")
    form = top_form_of(participant_answers_and_submits(phones[0]))
    phones[0].evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    shot(phones[0], "workshop-phone-result", full=False)
    overflow = phones[0].evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return Math.max(m.scrollWidth - m.clientWidth,"
        " document.documentElement.scrollWidth - 390); }"
    )
    assert overflow <= 1, f"the room page is {overflow}px wider than the phone"
    assert serious_axe_violations(phones[0]) == []
    assert phones[0].get_by_text(PL["ws.live.title"]).count() == 0
    for phone in phones[1:]:
        participant_joins(phone, app_server.url, code, typed=False)
        pick_table(phone, "B")
        quick_answer(phone, "Chcę dołączyć")

    # the console updates by itself; the projector counts but shows no result yet
    url_before = page.url
    wait_for_metric(page, PL["ws.live.joined"], "3")
    wait_for_metric(page, PL["ws.live.finished"], "3")
    page.locator(".jf-gbars .jf-gname", has_text=form).first.wait_for()
    settle(page, PL["ws.tables.compare"])
    assert page.url == url_before
    wait_for_metric(wall, PL["proj.answered"], "3")
    assert wall.get_by_text(PL["ws.top.title"]).count() == 0
    shot(wall, "workshop-wall-join", full=False)

    # reveal: the wall (stepped with the clicker's PageDown) and the phones show the result
    control(page, "reveal")
    wall.locator("h1").first.click()
    for _ in range(20):  # the wall picks the reveal up on its next refresh
        wall.keyboard.press("PageDown")
        wall.wait_for_timeout(700)
        if wall.get_by_text(PL["ws.top.title"]).count():
            break
    settle(wall, PL["ws.top.title"])
    bar = wall.locator(".jf-gbars li").first
    assert re.search(r"\d+ · \d+%", bar.inner_text())
    assert wall.get_by_text(re.compile(r"· 0%")).count() == 0
    size = wall.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.jf-gbig li')).fontSize)"
    )
    assert size >= 24, size
    shot(wall, "workshop-wall-result", full=False)
    settle(phones[1], PL["room.group.title"], timeout=30_000)
    assert token not in wall.content()

    # hide again, then a second round: one phone changes its answer
    control(page, "hide")
    settle(wall, PL["proj.hidden"], timeout=30_000)
    control(page, "round")
    settle(page, PL["ws.ctl.round_now"].format(number=2))
    keyed(phones[1], "jf_room_edit").get_by_role("button").click()
    wait_for_app(phones[1])
    quick_answer(phones[1], "Chcę założyć coś nowego")
    settle(page, PL["ws.rounds.title"], timeout=30_000)
    shot(page, "workshop-trainer-dashboard")

    name, data = download(page, "jf_ws_export_xlsx")
    assert name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Runda 1", "Runda 2"]
    first = book["Runda 1"]
    header = [c.value for c in first[1]]
    assert header[:4] == ["Uczestnik", "Grupa", "Runda", "Stolik"]
    assert "Forma na 1. miejscu" in header and "Forma na 1. miejscu (id)" in header
    rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in first.iter_rows(2)]
    assert len(rows) == 3 and {r["Stolik"] for r in rows} == {"A", "B"}
    assert form in {r["Forma na 1. miejscu"] for r in rows}
    assert len(list(book["Runda 2"].iter_rows(2))) == 1
    _, raw = download(page, "jf_ws_export")
    text = raw.decode("utf-8")
    assert "token" not in text.lower() and token not in text

    # closing: a new participant can no longer join
    page.get_by_text(PL["ws.ctl.more"]).click()
    keyed(page, "jf_ws_close").get_by_role("button").click()
    keyed(page, "jf_ws_close_yes").get_by_role("button").click()
    settle(page, PL["ws.closed"])
    late = phone_ctx.new_page()
    late.goto(app_server.url + "/pokoj?code=" + code)
    settle(late, PL["room.intro"])
    late.get_by_role("button", name=PL["room.join"]).click()
    settle(late, PL["room.err.unknown_code"])
    phone_ctx.close()
    wall_ctx.close()

    outside = [
        u
        for u in requests
        if not u.startswith(app_server.url) and not u.startswith(("data:", "blob:"))
    ]
    assert outside == [], outside  # no fonts, scripts, images or analytics from elsewhere


def test_join_link_from_the_qr_code_and_wrong_trainer_link(app_server, browser, page):
    code = trainer_creates_room(page, app_server.url, title="QR")
    phone_ctx = browser.new_context(viewport=PHONE, locale="pl-PL", is_mobile=True, has_touch=True)
    phone = phone_ctx.new_page()
    phone.set_default_timeout(20_000)
    open_app(phone, app_server.url)
    phone.goto(app_server.url + "/pokoj?code=" + code)
    settle(phone, PL["room.intro"])
    assert "code=" not in phone.url  # taken into the field, out of the address
    expect(phone.get_by_role("textbox", name=PL["room.code_label"])).to_have_value(code)
    phone.get_by_role("button", name=PL["room.join"]).click()
    settle(phone, PL["room.in_room_title"].format(title="QR"))
    phone_ctx.close()

    page.goto(app_server.url + "/warsztat?room=0123456789abcdef&token=" + "A" * 43)
    settle(page, PL["ws.denied"])
    assert page.locator("[data-testid=stException]").count() == 0


def test_presentation_on_a_projector(app_server, browser):
    context = browser.new_context(viewport=PROJECTOR, locale="pl-PL")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    open_app(pg, app_server.url)
    pg.goto(app_server.url + "/prezentacja")
    total = re.compile(r"^Pytanie 1 z \d+$")
    settle(pg, total)
    # large type: the question label is much bigger than Streamlit's default 14-16 px
    size = pg.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector("
        "'.st-key-jf-pres-question [data-testid=stWidgetLabel] p')).fontSize)"
    )
    assert size >= 24, size
    shot(pg, "workshop-projector-question", full=False)

    # keyboard only: Tab to "Dalej", then Enter or Space (what a clicker sending them does)
    nxt = keyed(pg, "jf_pres_next").get_by_role("button")
    nxt.focus()
    pg.keyboard.press("Enter")
    settle(pg, re.compile(r"^Pytanie 2 z \d+$"))
    keyed(pg, "jf_pres_next").get_by_role("button").focus()
    pg.keyboard.press(" ")
    settle(pg, re.compile(r"^Pytanie 3 z \d+$"))
    pg.keyboard.press("Enter")  # "Dalej" keeps the focus: the next Enter moves on again
    settle(pg, re.compile(r"^Pytanie 4 z \d+$"))
    # a clicker's PageDown / PageUp (wherever the focus is, except in a field)
    pg.locator("h1").first.click()
    pg.keyboard.press("PageDown")
    settle(pg, re.compile(r"^Pytanie 5 z \d+$"))
    pg.keyboard.press("PageUp")
    settle(pg, re.compile(r"^Pytanie 4 z \d+$"))

    # an example situation, then the result at once
    pg.get_by_text(PL["pres.example"]).click()
    kgw = KB.personas["kgw-cieciszew"]
    choose(pg, "jf_pres_persona", kgw.name.pl, shown=kgw.story.pl[:60])
    keyed(pg, "jf_pres_persona_load").get_by_role("button").click()
    settle(pg, PL["pres.example_loaded"].format(name=KB.personas["kgw-cieciszew"].name.pl))
    keyed(pg, "jf_pres_result").get_by_role("button").click()
    settle(pg, PL["pres.result.top"].format(form=KB.form_name("kgw", "pl")))
    assert pg.get_by_text(PL["flow.sources_label"]).count() > 0  # every reason with its source
    shot(pg, "workshop-projector-result", full=False)
    assert serious_axe_violations(pg) == []
    context.close()


def test_privacy_page(app_server, page):
    open_app(page, app_server.url)
    page.goto(app_server.url + "/prywatnosc")
    settle(page, PL["privacy.room.title"])
    assert page.locator("[data-testid=stMain] table").count() == 1
    shot(page, "workshop-privacy")
