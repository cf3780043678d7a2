"""The trainer's private console: create a room, watch it live, control it, export, close."""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import urlsplit

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.rooms import (
    AccessDenied,
    InvalidIdentifier,
    Room,
    RoomsError,
    StorageUnavailable,
)
from recommender.rooms.ids import check_room_id, check_token

from ..result import md
from .assets import JOIN_CODE_CSS, READABLE_CSS
from .charts import render_rounds, render_stats, render_tables
from .common import (
    CONFIRM_CLOSE_KEY,
    REFRESH_S,
    SHOW_LINK_KEY,
    TRAINER_KEY,
    Tr,
    client_key,
    error_text,
    fmt_date,
    get_store,
    inject_css,
    load_persona,
    persona_picker,
)
from .controls import ON_DELETE, render_controls, status_line
from .exports import render_exports
from .qr import (
    app_base_url,
    is_local_address,
    join_link,
    projector_link,
    qr_png,
    trainer_link,
)

# -- trainer: access and the room panel -----------------------------------------------------------


def trainer_from_url() -> tuple[str, str] | None | bool:
    """``(room_id, token)`` from ``?room=&token=`` if both are well-formed; ``None`` if absent;
    ``False`` if present but malformed (the caller shows "access denied")."""
    qp = st.query_params
    room, token = qp.get("room"), qp.get("token")
    if room is None and token is None:
        return None
    try:
        return check_room_id(room), check_token(token, "trainer token")
    except InvalidIdentifier:
        return False


def set_trainer_url(room_id: str, token: str) -> None:
    """Keep the trainer's link in the address bar, so that a reload keeps the dashboard."""
    if st.query_params.get("room") != room_id:
        st.query_params["room"] = room_id
    if st.query_params.get("token") != token:
        st.query_params["token"] = token


def clear_trainer_url() -> None:
    for name in ("room", "token"):
        if name in st.query_params:
            del st.query_params[name]


# == page renderers ================================================================================


def _fetch_trainer_room(room_id: str, token: str) -> tuple[Room | None, RoomsError | None]:
    try:
        return get_store().room_for_trainer(room_id, token), None
    except RoomsError as exc:
        return None, exc


def _create_room_form(tr: Tr) -> None:
    st.header(tr("ws.create.title"))
    with st.form("jf_ws_create", border=True):
        title = st.text_input(tr("ws.create.name"), max_chars=120, help=tr("ws.create.name_help"))
        days = st.number_input(
            tr("ws.create.retention"),
            min_value=1,
            max_value=365,
            value=30,
            step=1,
            help=tr("ws.create.retention_help"),
        )
        room_lang = st.selectbox(
            tr("ws.create.lang"),
            ("pl", "en"),
            format_func=lambda code: {"pl": "Polski", "en": "English"}[code],
            help=tr("ws.create.lang_help"),
        )
        submitted = st.form_submit_button(
            tr("ws.create.button"), type="primary", icon=":material/add:"
        )
    st.page_link("views/prywatnosc.py", label=tr("ws.create.privacy"), icon=":material/shield:")
    if not submitted:
        return
    try:
        room, _code, token = get_store().create_room(
            retention_days=int(days),
            title=title or None,
            lang=room_lang if room_lang in ("pl", "en") else "pl",
            client_key=client_key(),
        )
    except RoomsError as exc:
        st.error(error_text(exc, tr), icon=":material/error:")
        return
    st.session_state[TRAINER_KEY] = (room.id, token)
    st.session_state[SHOW_LINK_KEY] = True
    set_trainer_url(room.id, token)
    st.rerun()


def _forget_trainer_room() -> None:
    st.session_state.pop(TRAINER_KEY, None)
    st.session_state.pop(SHOW_LINK_KEY, None)
    st.session_state.pop(CONFIRM_CLOSE_KEY, None)
    clear_trainer_url()


def _join_panel(room: Room, lang: str, tr: Tr) -> None:
    base = app_base_url()
    link = join_link(base, room.join_code)
    st.header(tr("ws.join.title"))
    left, right = st.columns([3, 2], gap="large", vertical_alignment="center")
    with left:
        st.caption(tr("ws.join.code"))
        inject_css(JOIN_CODE_CSS)
        with st.container(key="jf-join-code"):
            st.markdown(f"{room.join_code[:3]} {room.join_code[3:]}")
        st.markdown(tr("ws.join.how", link=f"`{link}`"))
        if base is not None and is_local_address(base):
            st.caption(tr("ws.join.local_url", host=f"`{urlsplit(base).hostname}`"))
    with right:
        # A markdown image, unlike st.image, carries alternative text for screen readers.
        data = base64.b64encode(qr_png(link)).decode("ascii")
        st.markdown(f"![{md(tr('ws.join.qr_alt'))}](data:image/png;base64,{data})")
        st.caption(tr("ws.join.qr_caption"))
    projector = projector_link(base, room.join_code)
    with st.container(border=True):
        st.markdown(f"**{tr('ws.proj.title')}**")
        st.markdown(tr("ws.proj.how"))
        st.link_button(tr("ws.proj.open"), projector, icon=":material/cast:", type="primary")
        st.code(projector, language=None, wrap_lines=True)


def _trainer_link_once(room_id: str, token: str, tr: Tr) -> None:
    if not st.session_state.get(SHOW_LINK_KEY):
        return
    with st.container(border=True):
        st.header(tr("ws.link.title"))
        st.warning(tr("ws.link.warning"), icon=":material/key:")
        st.code(trainer_link(app_base_url(), room_id, token), language=None, wrap_lines=True)
        st.button(
            tr("ws.link.done"),
            key="jf_ws_link_done",
            on_click=lambda: st.session_state.pop(SHOW_LINK_KEY, None),
            icon=":material/visibility_off:",
        )


@st.fragment(run_every=REFRESH_S)
def _live_overview(kb: KnowledgeBase, lang: str, tr: Tr, room_id: str, token: str) -> None:
    st.header(tr("ws.live.title"))
    try:
        store = get_store()
        room = store.room_for_trainer(room_id, token)
        stats = store.room_stats(room)
    except StorageUnavailable:
        st.error(tr("ws.live.storage", seconds=REFRESH_S), icon=":material/cloud_off:")
        return
    except RoomsError:
        st.error(tr("ws.live.denied"), icon=":material/block:")
        return
    now = dt.datetime.now().astimezone().strftime("%H:%M:%S")
    st.caption(tr("ws.live.caption", seconds=REFRESH_S, time=now))
    st.markdown(f"**{status_line(room, tr)}**")
    if room.closed:
        st.info(tr("ws.closed"), icon=":material/lock:")
    render_stats(kb, stats, lang, tr)
    try:
        render_tables(kb, store, room, lang, tr)
        render_rounds(kb, store, room, lang, tr)
    except RoomsError:
        st.error(tr("ws.live.storage", seconds=REFRESH_S), icon=":material/cloud_off:")


def _personas_panel(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from ..state import nav_params

    if not kb.personas:
        return
    with st.expander(tr("ws.personas.title"), icon=":material/theater_comedy:"):
        st.caption(tr("ws.personas.intro"))
        persona = persona_picker(kb, lang, tr, key="jf_ws_persona", show_fit=True)
        if persona is None:
            return
        cols = st.columns(2)
        if cols[0].button(
            tr("persona.load_questionnaire"), key="jf_ws_persona_q", icon=":material/checklist:"
        ):
            load_persona(kb, persona)
            st.switch_page("views/ankieta.py", query_params=nav_params(lang))
        if cols[1].button(
            tr("persona.load_result"), key="jf_ws_persona_r", icon=":material/insights:"
        ):
            load_persona(kb, persona)
            st.switch_page("views/wynik.py", query_params=nav_params(lang))


def render_trainer_page(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    """The trainer's page: create a room, or the dashboard of the room in the link/session."""
    inject_css(READABLE_CSS)
    st.title(tr("ws.title"))
    st.markdown(tr("ws.intro"))
    from_url = trainer_from_url()
    access: tuple[str, str] | None
    if from_url is False:
        st.error(tr("ws.denied"), icon=":material/block:")
        _forget_trainer_room()
        access = None
    elif isinstance(from_url, tuple):
        access = from_url
        if st.session_state.get(TRAINER_KEY) != access:
            st.session_state.pop(SHOW_LINK_KEY, None)
        st.session_state[TRAINER_KEY] = access
    else:
        stored = st.session_state.get(TRAINER_KEY)
        access = stored if isinstance(stored, tuple) and len(stored) == 2 else None

    if access is None:
        _create_room_form(tr)
    else:
        room_id, token = access
        room, err = _fetch_trainer_room(room_id, token)
        if isinstance(err, AccessDenied | InvalidIdentifier):
            _forget_trainer_room()
            st.error(tr("ws.denied"), icon=":material/block:")
            _create_room_form(tr)
        else:
            set_trainer_url(room_id, token)
            _trainer_link_once(room_id, token, tr)
            if room is not None:
                if room.title:
                    st.markdown(tr("ws.room_name", title=md(room.title)))
                if not room.closed:
                    _join_panel(room, lang, tr)
                st.caption(
                    tr("ws.expires", date=fmt_date(room.expires_at, lang), days=room.retention_days)
                )
            if room is not None:
                render_controls(room, tr)
            _live_overview(kb, lang, tr, room_id, token)
            if room is not None:
                render_exports(kb, room, tr)
            st.button(
                tr("ws.other_room"),
                key="jf_ws_other",
                on_click=_forget_trainer_room,
                help=tr("ws.other_room_help"),
                type="tertiary",
                icon=":material/add_circle:",
            )
    st.divider()
    _personas_panel(kb, lang, tr)
    st.page_link(
        "views/prezentacja.py", label=tr("ws.presentation_link"), icon=":material/slideshow:"
    )
    st.page_link("views/przewodnik.py", label=tr("nav.guide"), icon=":material/menu_book:")


ON_DELETE[:] = [_forget_trainer_room]
