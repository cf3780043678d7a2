"""Shared parts of the workshop screens: the store, notices, session keys, example situations."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.models import Persona
from recommender.rooms import (
    AccessDenied,
    InvalidIdentifier,
    InvalidSubmission,
    RateLimited,
    RoomClosed,
    RoomFull,
    RoomsError,
    RoomStore,
    StorageUnavailable,
    UnknownJoinCode,
    url_from_env,
)

from ..result import md
from ..state import (
    STEP_KEY,
    UNKNOWN_KEY,
    set_profile_dict,
)

Tr = Callable[..., str]

REFRESH_S = 3  # the trainer dashboard refreshes itself this often
RETRY_S = 10  # a participant's unsent answers are retried this often (and on every click)

# session state keys (all prefixed, so they never collide with other pages' keys)
TRAINER_KEY = "jf_ws_trainer"  # (room_id, trainer_token)
SHOW_LINK_KEY = "jf_ws_show_link"  # the trainer link is shown once, right after creation
CONFIRM_CLOSE_KEY = "jf_ws_confirm_close"
JOINED_KEY = "jf_room_joined"  # Joined
PENDING_CODE_KEY = "jf_room_pending_code"  # a code whose join waits for the database
JOIN_INPUT_KEY = "jf_room_code"  # the code field (filled from ?code=)
JOIN_ERROR_KEY = "jf_room_join_error"
RESULT_BUTTON_KEYS = ("jf_result_now", "jf_finish")  # ui.state's "see the result" buttons
STAGE_KEY = "jf_room_stage"  # "answer" | "result"
PENDING_KEY = "jf_room_pending"  # Pending submission not yet acknowledged
SENT_KEY = "jf_room_sent"  # profile key of the last acknowledged submission
STATUS_KEY = "jf_room_status"  # last outcome: "sent" | "pending" | "closed" | "gone" | "invalid"
NONCE_KEY = "jf_room_nonce"
ATTEMPT_KEY = "jf_room_attempt"
CLIENT_KEY = "jf_client_key"
PRES_STEP_KEY = "jf_pres_step"
PRES_VIEW_KEY = "jf_pres_view"  # "questions" | "result"


# -- the store ------------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _store(url: str) -> RoomStore:
    """One store (one connection pool) per process and database URL."""
    return RoomStore(url)


def get_store() -> RoomStore:
    """The process's store; raises :class:`StorageUnavailable` if it cannot even be configured
    (a malformed ``DATABASE_URL``). Construction never touches the database."""
    return _store(url_from_env())


def client_key() -> str:
    """The Streamlit session id (rate limiting of join attempts), or a random per-session key."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is not None and ctx.session_id:
            return str(ctx.session_id)
    except Exception:  # noqa: BLE001 - internal API: fall back to a key of our own
        pass
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = secrets.token_urlsafe(16)
    return str(st.session_state[CLIENT_KEY])


def error_text(exc: RoomsError, tr: Tr) -> str:
    """A plain notice for any error of the rooms layer (no driver detail ever reaches it)."""
    if isinstance(exc, StorageUnavailable):
        return tr("room.err.storage")
    if isinstance(exc, AccessDenied):
        return tr("room.err.denied")
    if isinstance(exc, InvalidIdentifier):
        return tr("room.err.code_format") if exc.what == "join code" else tr("room.err.invalid")
    if isinstance(exc, UnknownJoinCode):
        return tr("room.err.unknown_code")
    if isinstance(exc, RoomClosed):
        return tr("room.err.closed")
    if isinstance(exc, RoomFull):
        return tr("room.err.full", limit=exc.limit)
    if isinstance(exc, RateLimited):
        return tr("room.err.rate", seconds=exc.retry_after)
    if isinstance(exc, InvalidSubmission):
        return tr("room.err.invalid_submission")
    return tr("room.err.storage")


def inject_css(css: str) -> None:
    """Only the constants above are ever passed here."""
    st.markdown(css, unsafe_allow_html=True)


# -- example situations ---------------------------------------------------------------------------


def load_persona(kb: KnowledgeBase, persona: Persona) -> None:
    """Put a persona's answers into the session the way the questionnaire does."""
    set_profile_dict(kb, dict(persona.profile))
    st.session_state[UNKNOWN_KEY] = set()
    st.session_state[STEP_KEY] = 0


def persona_picker(
    kb: KnowledgeBase, lang: str, tr: Tr, key: str, show_fit: bool = False
) -> Persona | None:
    """A select box of the example situations with the chosen story; returns the chosen one."""
    if not kb.personas:
        return None
    ids = list(kb.personas)
    chosen = st.selectbox(
        tr("persona.label"),
        ids,
        key=key,
        format_func=lambda pid: kb.personas[pid].name.get(lang),
    )
    persona = kb.personas.get(chosen) if chosen is not None else None
    if persona is None:
        return None
    st.markdown(md(persona.story.get(lang)))
    notes = [tr("persona.fictional")]
    if show_fit:
        notes.append(
            tr(
                "persona.good_fit",
                forms=", ".join(md(kb.form_name(f, lang)) for f in persona.good_fit),
            )
        )
    st.caption("  \n".join(notes))
    return persona


def fmt_date(value: dt.datetime, lang: str) -> str:
    local = value.astimezone()
    return local.strftime("%d.%m.%Y") if lang == "pl" else local.strftime("%Y-%m-%d")
