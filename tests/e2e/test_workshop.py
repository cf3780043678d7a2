"""Workshop rooms in real Chromium: a trainer on a laptop, a participant on a phone.

The trainer creates a room, a participant joins with the code on a 390×844 screen, answers,
submits and sees the result; the trainer's dashboard updates by itself, the CSV downloads, and
the presentation view runs on a projector-sized screen. Screenshots go to ``test-artifacts/``.
The helpers here are reused by ``tests/test_reliability.py``.
"""

from __future__ import annotations

import csv
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


def test_room_trainer_and_phone_participant(app_server, browser, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1366, "height": 900})
    code = trainer_creates_room(page, app_server.url)
    assert "room=" in page.url and "token=" in page.url
    link = page.locator("[data-testid=stCode] code").first.inner_text().replace("\n", "")
    assert link.startswith(app_server.url + "/warsztat?room=")
    qr = keyed(page, "jf-join-code").locator(
        "xpath=ancestor::*[@data-testid='stHorizontalBlock'][1]"
    )
    assert qr.locator("img").count() == 1
    qr.screenshot(path=str(ARTIFACTS / "workshop-trainer-join-qr.png"))
    assert serious_axe_violations(page) == []

    phone_ctx = browser.new_context(
        viewport=PHONE, locale="pl-PL", is_mobile=True, has_touch=True, device_scale_factor=2
    )
    phone = phone_ctx.new_page()
    phone.set_default_timeout(20_000)
    phone.on("request", lambda r: requests.append(r.url))
    participant_joins(phone, app_server.url, code)
    shot(phone, "workshop-phone-joined", full=False)
    line = participant_answers_and_submits(phone)
    form = top_form_of(line)
    phone.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    shot(phone, "workshop-phone-result", full=False)
    overflow = phone.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return Math.max(m.scrollWidth - m.clientWidth,"
        " document.documentElement.scrollWidth - 390); }"
    )
    assert overflow <= 1, f"the room page is {overflow}px wider than the phone"
    assert serious_axe_violations(phone) == []
    # the participant sees nothing of the room's overview
    assert phone.get_by_text(PL["ws.live.title"]).count() == 0

    # the trainer's dashboard updates by itself (no reload): 1 joined, 1 finished, the top form
    url_before = page.url
    wait_for_metric(page, PL["ws.live.joined"], "1")
    wait_for_metric(page, PL["ws.live.finished"], "1")
    page.get_by_text(PL["ws.top.line"].format(form=form, count=1)).first.wait_for(timeout=10_000)
    assert page.url == url_before
    shot(page, "workshop-trainer-dashboard")

    with page.expect_download() as info:
        keyed(page, "jf_ws_export").get_by_role("button").click()
    data = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == 1 and rows[0]["participant"] == "1" and rows[0]["founders"] == "4"
    assert KB.form_name(rows[0]["top_form"], "pl") == form
    assert "token" not in data.lower()
    (ARTIFACTS / "workshop-export.csv").write_text(data, encoding="utf-8")

    # closing: a new participant can no longer join
    keyed(page, "jf_ws_close").get_by_role("button").click()
    keyed(page, "jf_ws_close_yes").get_by_role("button").click()
    settle(page, PL["ws.closed"])
    late = phone_ctx.new_page()
    late.goto(app_server.url + "/pokoj?code=" + code)
    settle(late, PL["room.intro"])
    late.get_by_role("button", name=PL["room.join"]).click()
    settle(late, PL["room.err.unknown_code"])
    phone_ctx.close()

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
