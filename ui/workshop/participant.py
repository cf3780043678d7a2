"""The participant's view on a phone: join by code, answer anonymously, send, see the result."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.rooms import (
    AccessDenied,
    InvalidIdentifier,
    InvalidSubmission,
    Joined,
    RateLimited,
    RoomClosed,
    RoomFull,
    RoomsError,
    RoomStore,
    StorageUnavailable,
    SubmissionSummary,
    UnknownJoinCode,
)
from recommender.rooms.ids import check_join_code

from ..result import md
from .assets import READABLE_CSS
from .common import (
    ATTEMPT_KEY,
    JOIN_ERROR_KEY,
    JOIN_INPUT_KEY,
    JOINED_KEY,
    NONCE_KEY,
    PENDING_CODE_KEY,
    PENDING_KEY,
    RESULT_BUTTON_KEYS,
    RETRY_S,
    SENT_KEY,
    STAGE_KEY,
    STATUS_KEY,
    Tr,
    client_key,
    error_text,
    get_store,
    inject_css,
)
from .roomstate import render_room_state

# -- participant: joining and the submission queue ------------------------------------------------


def take_code_from_url() -> None:
    """Move ``?code=`` into the code field and out of the address (before ``sync_with_url``)."""
    if "code" not in st.query_params:
        return
    raw = st.query_params.get("code") or ""
    del st.query_params["code"]
    try:
        st.session_state[JOIN_INPUT_KEY] = check_join_code(raw)
    except InvalidIdentifier:
        st.session_state[JOIN_INPUT_KEY] = ""
        st.session_state["jf_room_url_notice"] = True


def joined() -> Joined | None:
    value = st.session_state.get(JOINED_KEY)
    return value if isinstance(value, Joined) else None


def pending_code() -> str | None:
    value = st.session_state.get(PENDING_CODE_KEY)
    return value if isinstance(value, str) else None


def leave_room() -> None:
    for key in (JOINED_KEY, PENDING_CODE_KEY, PENDING_KEY, SENT_KEY, STATUS_KEY, STAGE_KEY):
        st.session_state.pop(key, None)


def start_in_room(j: Joined | None, code: str | None) -> None:
    """A fresh, anonymous start: answers given before joining are not carried into the room."""
    from ..state import reset_answers

    leave_room()
    if j is not None:
        st.session_state[JOINED_KEY] = j
    if code is not None:
        st.session_state[PENDING_CODE_KEY] = code
    st.session_state[STAGE_KEY] = "answer"
    reset_answers()


def try_join(
    store_getter: Callable[[], RoomStore], code: str
) -> tuple[Joined | None, RoomsError | None]:
    try:
        return store_getter().join(code, client_key()), None
    except RoomsError as exc:
        return None, exc


@dataclass(frozen=True)
class Pending:
    """One answer waiting to be acknowledged by the room; retries reuse ``key``."""

    key: str
    profile: dict[str, Any]
    summary: dict[str, Any]
    profile_key: str


def new_submission_key() -> str:
    """Unique per session and attempt: ``<session nonce>-<attempt number>``."""
    nonce = st.session_state.get(NONCE_KEY)
    if not isinstance(nonce, str):
        nonce = secrets.token_urlsafe(12)
        st.session_state[NONCE_KEY] = nonce
    attempt = int(st.session_state.get(ATTEMPT_KEY, 0)) + 1
    st.session_state[ATTEMPT_KEY] = attempt
    return f"{nonce}-{attempt}"


def queue_submission(profile: Mapping[str, Any], profile_key: str, rec: Any, lang: str) -> None:
    """Queue the current result unless this exact profile was already sent or queued."""
    pending = st.session_state.get(PENDING_KEY)
    if st.session_state.get(SENT_KEY) == profile_key:
        return
    if isinstance(pending, Pending) and pending.profile_key == profile_key:
        return
    summary = SubmissionSummary.from_result(
        rec.to_dict(lang), priorities={w.criterion: w.value for w in rec.weights}
    )
    st.session_state[PENDING_KEY] = Pending(
        key=new_submission_key(),
        profile=dict(profile),
        summary=summary.to_json(),
        profile_key=profile_key,
    )


def flush_pending(store_getter: Callable[[], RoomStore]) -> str | None:
    """Try to join (if the join is waiting) and send the queued answer. Returns the status.

    ``sent`` / ``pending`` (database unavailable: kept for the next try) / ``closed`` / ``gone``
    (the room is no longer there) / ``invalid`` / ``None`` (nothing to do).
    """
    pending = st.session_state.get(PENDING_KEY)
    j = joined()
    code = pending_code()
    if not isinstance(pending, Pending) and not (j is None and code):
        return st.session_state.get(STATUS_KEY)
    status: str | None
    try:
        store = store_getter()
        if j is None and code:
            j = store.join(code, client_key())
            st.session_state[JOINED_KEY] = j
            st.session_state.pop(PENDING_CODE_KEY, None)
        if isinstance(pending, Pending) and j is not None:
            store.submit(
                j.room_id, j.participant_token, pending.key, pending.profile, pending.summary
            )
            st.session_state[SENT_KEY] = pending.profile_key
            st.session_state.pop(PENDING_KEY, None)
            status = "sent"
        else:
            status = st.session_state.get(STATUS_KEY)
    except StorageUnavailable:
        status = "pending"
    except RoomClosed:
        st.session_state.pop(PENDING_KEY, None)
        status = "closed"
    except (AccessDenied, UnknownJoinCode, RoomFull):
        st.session_state.pop(PENDING_KEY, None)
        st.session_state.pop(PENDING_CODE_KEY, None)
        status = "gone"
    except RateLimited:
        status = "pending"
    except (InvalidSubmission, InvalidIdentifier):
        st.session_state.pop(PENDING_KEY, None)
        status = "invalid"
    st.session_state[STATUS_KEY] = status
    return status


def status_notice(status: str | None, tr: Tr) -> None:
    if status == "sent":
        st.success(tr("room.sent"), icon=":material/check_circle:")
    elif status == "pending":
        st.warning(tr("room.pending", seconds=RETRY_S), icon=":material/cloud_off:")
    elif status == "closed":
        st.info(tr("room.closed_after"), icon=":material/lock:")
    elif status == "gone":
        st.info(tr("room.gone"), icon=":material/info:")
    elif status == "invalid":
        st.warning(tr("room.err.invalid_submission"), icon=":material/warning:")


def room_translator(tr: Tr) -> Tr:
    """The catalog, with the questionnaire's "kept only in this tab" line told the room's way."""
    overrides = {"flow.q.answered": "room.answered"}

    def translate(key: str, **values: Any) -> str:
        return tr(overrides.get(key, key), **values)

    return translate


# -- participant page -----------------------------------------------------------------------------


def _on_join() -> None:
    """Join in the button's callback, so the page that follows is drawn in one script run."""
    st.session_state.pop(JOIN_ERROR_KEY, None)
    try:
        code = check_join_code(st.session_state.get(JOIN_INPUT_KEY) or "")
    except InvalidIdentifier as exc:
        st.session_state[JOIN_ERROR_KEY] = exc
        return
    j, err = try_join(get_store, code)
    if j is not None:
        start_in_room(j, None)
    elif isinstance(err, StorageUnavailable):
        start_in_room(None, code)  # answer now; join and send when the database is back
    else:
        st.session_state[JOIN_ERROR_KEY] = err


def _join_form(tr: Tr) -> None:
    with st.form("jf_room_join", border=True):
        st.text_input(
            tr("room.code_label"),
            key=JOIN_INPUT_KEY,
            max_chars=24,
            help=tr("room.code_help"),
            autocomplete="off",
        )
        st.form_submit_button(
            tr("room.join"), type="primary", icon=":material/login:", on_click=_on_join
        )
    err = st.session_state.pop(JOIN_ERROR_KEY, None)
    if isinstance(err, RoomsError):
        st.error(error_text(err, tr), icon=":material/error:")


def _submission_status(tr: Tr) -> None:
    status = flush_pending(get_store)
    status_notice(status, tr)
    if status == "pending":
        st.button(tr("room.retry_now"), key="jf_room_retry", icon=":material/refresh:")


@st.fragment(run_every=RETRY_S)
def _submission_status_retrying(tr: Tr) -> None:
    _submission_status(tr)


def _status_area(tr: Tr) -> None:
    """Retried by itself only while something waits for the database; otherwise drawn once."""
    if isinstance(st.session_state.get(PENDING_KEY), Pending) or (
        joined() is None and pending_code()
    ):
        _submission_status_retrying(tr)
    else:
        _submission_status(tr)


def _set_stage(stage: str) -> None:
    st.session_state[STAGE_KEY] = stage


def render_participant_page(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    """Join with a code, answer anonymously, submit (retried until acknowledged), see the result."""
    from ..result import get_recommendation, goto_requested, render_notices, render_result
    from ..state import current_profile, render_questionnaire, sync_with_url

    inject_css(READABLE_CSS)
    take_code_from_url()
    notices = sync_with_url(kb)
    outside = joined() is None and pending_code() is None
    st.title(tr("room.title") if outside else tr("room.title_in"))
    if st.session_state.pop("jf_room_url_notice", False):
        st.warning(tr("room.err.code_format"), icon=":material/link_off:")

    if outside:
        st.markdown(tr("room.intro"))
        _join_form(tr)
        st.caption(tr("room.solo"))
        st.page_link("views/ankieta.py", label=tr("nav.questionnaire"), icon=":material/checklist:")
        return

    j = joined()
    if j is not None and j.title:
        st.markdown(tr("room.in_room_title", title=md(j.title)))
    else:
        st.markdown(tr("room.in_room"))
    st.caption(tr("room.privacy_note"))
    render_room_state(kb, lang, tr)
    st.page_link("views/prywatnosc.py", label=tr("room.privacy_link"), icon=":material/shield:")
    if goto_requested():
        st.session_state[STAGE_KEY] = "answer"
    stage = st.session_state.get(STAGE_KEY, "answer")
    if stage == "answer" and any(st.session_state.get(k) for k in RESULT_BUTTON_KEYS):
        # The questionnaire's "see the result" was clicked: draw the result in this same run
        # (render_questionnaire's return value below is the fallback, at the cost of a rerun).
        stage = st.session_state[STAGE_KEY] = "result"

    if stage == "result":
        profile = current_profile(kb)
        rec = get_recommendation(kb, profile)
        queue_submission(profile.to_dict(), profile.key(), rec, lang)
        _status_area(tr)
        st.button(
            tr("room.edit"),
            key="jf_room_edit",
            on_click=_set_stage,
            args=("answer",),
            icon=":material/edit:",
        )
        st.header(tr("flow.result.title"))
        render_notices(notices, tr)
        render_result(kb, profile, lang, tr)
    else:
        if joined() is None:
            st.warning(tr("room.pending_join"), icon=":material/cloud_off:")
        _status_area(tr)
        render_notices(notices, tr)
        if render_questionnaire(kb, lang, room_translator(tr)):
            st.session_state[STAGE_KEY] = "result"
            st.rerun()
    st.divider()
    st.button(
        tr("room.leave"),
        key="jf_room_leave",
        on_click=leave_room,
        help=tr("room.leave_help"),
        type="tertiary",
        icon=":material/logout:",
    )
