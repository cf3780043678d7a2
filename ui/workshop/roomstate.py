"""What a participant's phone shows of the room itself: the table picker, the countdown, and
the group's result once the trainer reveals it. Refreshed every few seconds; if the database
does not answer, it simply shows nothing (the participant's own flow never depends on it)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.rooms import Joined, RoomClosed, RoomsError

from .charts import render_top_forms
from .common import JOINED_KEY, Tr, get_store
from .stats import countdown, group_result

REFRESH_S = 5
TABLE_KEY = "jf_room_table"


def _choose_table(j: Joined) -> None:
    label = st.session_state.get(TABLE_KEY)
    try:
        get_store().choose_table(j.room_id, j.participant_token, label or None)
    except RoomsError:
        st.session_state.pop(TABLE_KEY, None)  # shown again from the database next time


@st.fragment(run_every=REFRESH_S)
def render_room_state(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    j = st.session_state.get(JOINED_KEY)
    if not isinstance(j, Joined):
        return
    try:
        store = get_store()
        room, table = store.participant_view(j.room_id, j.participant_token)
        stats = store.room_stats(room) if room.revealed else None
    except (RoomClosed, RoomsError):
        return
    if room.tables:
        options = ["", *room.tables]
        if st.session_state.get(TABLE_KEY) not in options:
            st.session_state[TABLE_KEY] = table if table in room.tables else ""
        st.radio(
            tr("room.table.label"),
            options,
            key=TABLE_KEY,
            horizontal=True,
            format_func=lambda o: o or tr("room.table.none"),
            help=tr("room.table.help"),
            on_change=_choose_table,
            args=(j,),
        )
    clock = countdown(room.seconds_left(dt.datetime.now(dt.UTC)))
    if clock is not None:
        if clock == "0:00":
            st.info(tr("room.group.time_up"), icon=":material/timer_off:")
        else:
            st.info(tr("room.group.timer", time=clock), icon=":material/timer:")
    if stats is not None:
        with st.container(border=True):
            title = tr("room.group.title")
            st.markdown(f"**{title}** · {tr('room.group.round', number=room.current_round)}")
            render_top_forms(group_result(kb, stats, lang), tr)
