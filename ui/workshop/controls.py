"""The console's controls: show or hide the result, countdown, rounds, tables, close and
reopen, a new group in the same room, delete.

Every control acts on the :class:`Room` the console drew (with its row version). Steps that
must not happen twice (next round, new group) are conditional on that version: if another tab
changed the room first, the store refuses with :class:`StaleState` and the console says so and
shows the fresh state. Setting an absolute state (reveal, hide, close) simply applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from recommender.rooms import InvalidControl, Room, RoomsError, StaleState
from recommender.rooms.ids import check_tables

from .common import Tr, error_text, get_store
from .stats import countdown

NOTICE_KEY = "jf_ws_notice"  # (kind, message key) shown after a control's rerun
CONFIRM_KEY = "jf_ws_confirm"  # which destructive control waits for confirmation
CONFIRM_CLOSE_KEY = "jf_ws_confirm_close"
TIMER_INPUT_KEY = "jf_ws_timer_min"
TABLES_INPUT_KEY = "jf_ws_tables"
ON_DELETE: list[Callable[[], None]] = []  # set by the console: forget the deleted room


def _act(action: str, room: Room) -> None:
    """Run one control (a button callback); the outcome becomes a notice on the next run."""
    store = get_store()
    st.session_state.pop(CONFIRM_KEY, None)
    try:
        if action == "reveal":
            store.set_revealed(room, True)
        elif action == "hide":
            store.set_revealed(room, False)
        elif action == "timer":
            minutes = st.session_state.get(TIMER_INPUT_KEY) or 5
            store.start_timer(room, int(round(float(minutes) * 60)))
        elif action == "timer_stop":
            store.stop_timer(room)
        elif action == "round":
            store.next_round(room, expected_version=room.version)
        elif action == "group":
            store.new_group(room, expected_version=room.version)
        elif action == "tables":
            raw = str(st.session_state.get(TABLES_INPUT_KEY) or "")
            labels = check_tables([part for part in raw.replace(";", ",").split(",")])
            store.set_tables(room, labels)
        elif action == "reopen":
            store.reopen_room(room)
        elif action == "delete":
            store.delete_room(room)
            for forget in ON_DELETE:
                forget()
            st.session_state[NOTICE_KEY] = ("success", "ws.ctl.deleted")
            return
        st.session_state[NOTICE_KEY] = ("success", f"ws.ctl.done.{action}")
    except StaleState:
        st.session_state[NOTICE_KEY] = ("warning", "ws.ctl.stale")
    except InvalidControl:
        st.session_state[NOTICE_KEY] = ("error", f"ws.ctl.invalid.{action}")
    except RoomsError as exc:
        st.session_state[NOTICE_KEY] = ("exc", exc)


def show_notice(tr: Tr) -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if not isinstance(notice, tuple) or len(notice) != 2:
        return
    kind, what = notice
    if kind == "exc" and isinstance(what, RoomsError):
        st.error(error_text(what, tr), icon=":material/error:")
    elif kind == "warning":
        st.warning(tr(what), icon=":material/sync_problem:")
    elif kind == "error":
        st.error(tr(what), icon=":material/error:")
    elif kind == "success":
        st.toast(tr(what))


def _button(label: str, action: str, room: Room, **kw: Any) -> None:
    st.button(label, key=f"jf_ws_do_{action}", on_click=_act, args=(action, room), **kw)


def _confirm(label: str, action: str, room: Room, tr: Tr, warning: str) -> None:
    if st.session_state.get(CONFIRM_KEY) != action:
        st.button(
            label,
            key=f"jf_ws_ask_{action}",
            on_click=lambda: st.session_state.__setitem__(CONFIRM_KEY, action),
        )
        return
    st.warning(tr(warning))
    yes, no = st.columns(2)
    with yes:
        _button(tr("ws.close.yes"), action, room, type="primary")
    no.button(
        tr("ws.close.no"),
        key=f"jf_ws_no_{action}",
        on_click=lambda: st.session_state.pop(CONFIRM_KEY, None),
    )


def status_line(room: Room, tr: Tr) -> str:
    parts = [tr("ws.ctl.round_now", number=room.current_round)]
    if room.group_no > 1:
        parts.append(tr("ws.ctl.group_now", number=room.group_no))
    parts.append(tr("ws.ctl.shown") if room.revealed else tr("ws.ctl.hidden"))
    clock = countdown(room.seconds_left(dt.datetime.now(dt.UTC)))
    if clock is not None:
        parts.append(tr("ws.ctl.timer_left", time=clock))
    if room.tables:
        parts.append(tr("ws.ctl.tables_now", tables=", ".join(room.tables)))
    if room.closed:
        parts.append(tr("ws.ctl.closed_now"))
    return " · ".join(parts)


def render_controls(room: Room, tr: Tr) -> None:
    """The control panel of the console (never on the projector)."""
    st.header(tr("ws.ctl.title"))
    show_notice(tr)
    st.markdown(f"**{status_line(room, tr)}**")
    cols = st.columns(3)
    with cols[0]:
        if room.revealed:
            _button(tr("ws.ctl.hide"), "hide", room, icon=":material/visibility_off:")
        else:
            _button(
                tr("ws.ctl.reveal"), "reveal", room, type="primary", icon=":material/visibility:"
            )
        st.caption(tr("ws.ctl.reveal_help"))
    with cols[1]:
        st.number_input(
            tr("ws.ctl.timer_minutes"),
            min_value=0.5,
            max_value=180.0,
            value=5.0,
            step=0.5,
            key=TIMER_INPUT_KEY,
        )
        _button(tr("ws.ctl.timer_start"), "timer", room, icon=":material/timer:")
        if room.timer_ends_at is not None:
            _button(tr("ws.ctl.timer_stop"), "timer_stop", room, icon=":material/timer_off:")
    with cols[2]:
        _button(
            tr("ws.ctl.next_round", number=room.current_round + 1),
            "round",
            room,
            icon=":material/replay:",
        )
        st.caption(tr("ws.ctl.round_help"))
    with st.expander(tr("ws.ctl.tables_title"), icon=":material/table_restaurant:"):
        st.text_input(
            tr("ws.ctl.tables_label"),
            value=", ".join(room.tables),
            key=TABLES_INPUT_KEY,
            max_chars=200,
            help=tr("ws.ctl.tables_help"),
        )
        _button(tr("ws.ctl.tables_save"), "tables", room)
    with st.expander(tr("ws.ctl.more"), icon=":material/settings:"):
        if room.closed:
            _button(tr("ws.ctl.reopen"), "reopen", room, icon=":material/lock_open:")
        else:
            _close(room, tr)
        st.caption(tr("ws.ctl.group_help"))
        _confirm(tr("ws.ctl.new_group"), "group", room, tr, "ws.ctl.group_confirm")
        _confirm(tr("ws.ctl.delete"), "delete", room, tr, "ws.ctl.delete_confirm")


def _close(room: Room, tr: Tr) -> None:
    if not st.session_state.get(CONFIRM_CLOSE_KEY):
        if st.button(tr("ws.close.button"), key="jf_ws_close", icon=":material/lock:"):
            st.session_state[CONFIRM_CLOSE_KEY] = True
            st.rerun()
        return
    st.warning(tr("ws.close.confirm"))
    yes, no = st.columns(2)
    if yes.button(tr("ws.close.yes"), key="jf_ws_close_yes", type="primary"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        try:
            get_store().close_room(room)
        except RoomsError as exc:
            st.error(error_text(exc, tr))
            return
        st.toast(tr("ws.close.done"))
        st.rerun()
    if no.button(tr("ws.close.no"), key="jf_ws_close_no"):
        st.session_state.pop(CONFIRM_CLOSE_KEY, None)
        st.rerun()
