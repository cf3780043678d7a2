"""The projector view: public, bound to a room by its join code (``/prezentacja?room=CODE``).

It shows what the whole room may see and nothing else: the big join code with its QR code,
how many joined and answered, the countdown, and — only once the trainer reveals it in the
console — the group's result, one screen at a time (a clicker or the arrow keys step through
them). It never holds the trainer's token: it has no way to get it, and the tests check that
the token appears nowhere in the page. No sidebar, large type; the room's own language.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import streamlit as st

from recommender.i18n import t as translate
from recommender.loading import KnowledgeBase
from recommender.rooms import InvalidIdentifier, Room, RoomsError, StorageUnavailable
from recommender.rooms.ids import check_join_code

from ..result import md
from .assets import PROJECTOR_CSS, PROJECTOR_JS, READABLE_CSS
from .charts import (
    render_priorities,
    render_reasons,
    render_rounds,
    render_tables,
    render_top_forms,
)
from .common import Tr, get_store, inject_css
from .qr import app_base_url, join_link, qr_png
from .stats import countdown, group_result

REFRESH_S = 2  # the projector follows the console this quickly
SCREEN_KEY = "jf_proj_screen"
SCREENS = ("join", "top", "why", "priorities", "tables", "rounds")


def projector_code() -> str | None | bool:
    """The join code from ``?room=`` (``None``: absent; ``False``: malformed)."""
    raw = st.query_params.get("room")
    if raw is None:
        return None
    try:
        return check_join_code(raw)
    except InvalidIdentifier:
        return False


def _step(delta: int) -> None:
    st.session_state[SCREEN_KEY] = int(st.session_state.get(SCREEN_KEY, 0)) + delta


def available_screens(room: Room) -> list[str]:
    """The join screen always; the result's screens only while the result is revealed."""
    if not room.revealed:
        return ["join"]
    screens = ["join", "top", "why", "priorities"]
    if room.tables:
        screens.append("tables")
    if room.current_round > 1:
        screens.append("rounds")
    return screens


def _join_screen(room: Room, tr: Tr, joined: int, answered: int) -> None:
    link = join_link(app_base_url(), room.join_code)
    left, right = st.columns([3, 2], gap="large", vertical_alignment="center")
    with left:
        st.markdown(f"## {md(tr('proj.join.how'))}")
        with st.container(key="jf-proj-code"):
            st.markdown(f"{room.join_code[:3]} {room.join_code[3:]}")
        st.markdown(tr("proj.join.link", link=f"`{link}`"))
        cols = st.columns(2)
        cols[0].metric(tr("ws.live.joined"), joined)
        cols[1].metric(tr("proj.answered"), answered)
    with right:
        data = base64.b64encode(qr_png(link, scale=10)).decode("ascii")
        st.markdown(f"![{md(tr('ws.join.qr_alt'))}](data:image/png;base64,{data})")
    if not room.revealed:
        st.caption(tr("proj.hidden"))


@st.fragment(run_every=REFRESH_S)
def _live(kb: KnowledgeBase, code: str, app_lang: str) -> None:
    try:
        store = get_store()
        room = store.room_by_code(code)
        stats = store.room_stats(room)
    except StorageUnavailable:
        st.error(
            translate("ws.live.storage", app_lang, seconds=REFRESH_S), icon=":material/cloud_off:"
        )
        return
    except RoomsError:
        st.error(translate("proj.unknown", app_lang), icon=":material/block:")
        return
    lang = room.lang

    def tr(key: str, **values: Any) -> str:
        return translate(key, lang, **values)

    head = room.title or tr("proj.title")
    state = [tr("proj.round", number=room.current_round)]
    if room.closed:
        state.append(tr("proj.closed"))
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.markdown(f"# {md(head)}")
    left.caption(" · ".join(state))
    clock = countdown(room.seconds_left(dt.datetime.now(dt.UTC)))
    if clock is not None:
        with right.container(key="jf-proj-timer"):
            st.markdown(clock if clock != "0:00" else tr("proj.time_up"))

    screens = available_screens(room)
    index = int(st.session_state.get(SCREEN_KEY, 0)) % len(screens)
    st.session_state[SCREEN_KEY] = index
    screen = screens[index]
    if screen == "join":
        _join_screen(room, tr, stats.joined, stats.finished)
    else:
        result = group_result(kb, stats, lang)
        st.caption(tr("proj.counted", count=stats.counted, joined=stats.joined))
        if screen == "top":
            render_top_forms(result, tr, big=True)
        elif screen == "why":
            render_reasons(result, tr, big=True)
        elif screen == "priorities":
            render_priorities(result, lang, tr)
        elif screen == "tables":
            render_tables(kb, store, room, lang, tr, big=True)
        elif screen == "rounds":
            render_rounds(kb, store, room, lang, tr)
    cols = st.columns([1, 1, 4])
    cols[0].button(
        tr("pres.back"), key="jf_proj_back", on_click=_step, args=(-1,), disabled=len(screens) < 2
    )
    cols[1].button(
        tr("pres.next"), key="jf_proj_next", on_click=_step, args=(1,), disabled=len(screens) < 2
    )
    cols[2].caption(tr("proj.keys", step=index + 1, total=len(screens)))


def render_projector_page(kb: KnowledgeBase, lang: str, tr: Tr, code: str | None | bool) -> None:
    inject_css(READABLE_CSS)
    inject_css(PROJECTOR_CSS)
    with st.container(key="jf-proj"):
        if not code:
            st.title(tr("proj.title"))
            st.error(tr("proj.bad_code"), icon=":material/link_off:")
            return
        _live(kb, str(code), lang)
    st.html(PROJECTOR_JS, unsafe_allow_javascript=True)  # a constant: see PROJECTOR_JS
