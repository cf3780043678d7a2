"""Workshop rooms in the UI: the shared store, notices, the trainer's dashboard, the participant's
submission queue, example situations and the presentation view's pieces.

Pages stay thin and call these. The storage itself is :mod:`recommender.rooms` (no Streamlit
there); this module turns its exceptions into notices and never lets one escape as a traceback.

Identifiers from the URL (``?code=`` on the join page, ``?room=&token=`` on the trainer page) are
read once, checked by the store, and kept in session state. The join code is removed from the
address at once, so the answers' own URL state (``ui.state``) never sees a foreign parameter.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import secrets
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.models import Persona, Question
from recommender.profile import FIELDS
from recommender.rooms import (
    AccessDenied,
    InvalidIdentifier,
    InvalidSubmission,
    Joined,
    RateLimited,
    Room,
    RoomClosed,
    RoomFull,
    RoomsError,
    RoomStats,
    RoomStore,
    StorageUnavailable,
    SubmissionSummary,
    UnknownJoinCode,
    to_csv,
    url_from_env,
)
from recommender.rooms.ids import check_join_code, check_room_id, check_token

from .result import md
from .state import (
    STEP_KEY,
    UNKNOWN_KEY,
    question_fields,
    set_profile_dict,
)

Tr = Callable[..., str]

REFRESH_S = 3  # the trainer dashboard refreshes itself this often
RETRY_S = 10  # a participant's unsent answers are retried this often (and on every click)
PUBLIC_URL_ENV = "JAKAFORMA_PUBLIC_URL"  # e.g. https://jakaforma.example.org (behind a proxy)

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


# -- links ----------------------------------------------------------------------------------------


def app_base_url() -> str | None:
    """The app's address without a page (``https://host/base``), or ``None`` when unknown.

    ``JAKAFORMA_PUBLIC_URL`` wins (a trainer on ``localhost`` must not put ``localhost`` in the QR
    code); else the address the trainer's browser uses.
    """
    public = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if public.startswith(("http://", "https://")):
        return public
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - not available in every runtime (AppTest)
        url = None
    if not url:
        return None
    url = url.rstrip("/")
    head, _, last = url.rpartition("/")
    if last in ("warsztat", "pokoj", "prezentacja") and "://" in head:
        return head
    return url


def page_link_url(base: str | None, page: str, params: Mapping[str, str]) -> str:
    query = "?" + urlencode(params) if params else ""
    return f"{base}/{page}{query}" if base else f"{page}{query}"


def join_link(base: str | None, code: str) -> str:
    return page_link_url(base, "pokoj", {"code": code})


def trainer_link(base: str | None, room_id: str, token: str) -> str:
    return page_link_url(base, "warsztat", {"room": room_id, "token": token})


def is_local_address(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1", "0.0.0.0") or host.endswith(".local")


def qr_png(link: str, scale: int = 8) -> bytes:
    """A QR code of ``link`` as PNG bytes, made locally with segno (no outside service)."""
    import segno

    buf = io.BytesIO()
    segno.make(link, error="m").save(
        buf, kind="png", scale=scale, border=2, dark="#000000", light="#ffffff"
    )
    return buf.getvalue()


# -- constant CSS (never any knowledge or user text in it) ----------------------------------------

JOIN_CODE_CSS = """
<style>
.st-key-jf-join-code p { font-size: clamp(2.6rem, 7vw, 5.5rem); font-weight: 800;
  white-space: nowrap; letter-spacing: .08em; line-height: 1.1; margin: 0; color: #000;
  font-family: monospace; }
</style>
"""


# Streamlit draws captions at 60 % opacity (#828180 on white, 3.9:1, below WCAG AA's 4.5:1);
# full opacity with #595959 gives 7:1.
READABLE_CSS = """
<style>
[data-testid="stMain"] [data-testid="stCaptionContainer"] { color: #595959; opacity: 1; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { color: #595959; }
</style>
"""


PRESENTATION_CSS = """
<style>
#root .st-key-jf-pres { max-width: 1150px; }
#root .st-key-jf-pres p, #root .st-key-jf-pres li, #root .st-key-jf-pres label {
  font-size: 1.55rem; line-height: 1.45; color: #000; }
#root .st-key-jf-pres-question [data-testid="stWidgetLabel"] p {
  font-size: 2.1rem; font-weight: 700; }
#root .st-key-jf-pres-question [role="radiogroup"] p,
#root .st-key-jf-pres-question button p { font-size: 1.7rem; }
#root .st-key-jf-pres h1 { font-size: 2.6rem; color: #000; }
#root .st-key-jf-pres h2 { font-size: 2.2rem; color: #000; }
#root .st-key-jf-pres h3 { font-size: 1.9rem; color: #000; }
#root .st-key-jf-pres [data-testid="stCaptionContainer"] { opacity: 1; }
#root .st-key-jf-pres [data-testid="stCaptionContainer"] p { font-size: 1.2rem; color: #1b1f24; }
#root .st-key-jf-pres button p { font-size: 1.45rem; }
#root .st-key-jf-pres button[kind="primary"] p { color: #fff; }
#root .st-key-jf-pres button { min-height: 3.2rem; }
#root .st-key-jf-pres input { font-size: 1.5rem; }
#root .st-key-jf-pres button:focus-visible, #root .st-key-jf-pres input:focus-visible,
#root .st-key-jf-pres [role="radio"]:focus-visible { outline: 4px solid #000; outline-offset: 3px; }
</style>
"""


# Presentation clickers send PageDown / PageUp. Streamlit has no key bindings, so this constant
# script (no data in it, nothing loaded from elsewhere) presses the presentation's own "Next" /
# "Back" buttons. It ignores keys typed into fields and does nothing where those buttons are
# absent, so it is harmless after leaving the page.
CLICKER_JS = """
<script>
(function () {
  if (document.__jfClicker) { return; }
  document.__jfClicker = true;
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var key = event.key === "PageDown" ? "jf_pres_next"
      : event.key === "PageUp" ? "jf_pres_back" : null;
    if (!key) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  });
})();
</script>
"""


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


def fmt_date(value: dt.datetime, lang: str) -> str:
    local = value.astimezone()
    return local.strftime("%d.%m.%Y") if lang == "pl" else local.strftime("%Y-%m-%d")


# -- trainer: pure helpers for the overview -------------------------------------------------------


def rule_summary(template: str) -> str:
    """A blocker message without the clause that quotes one person's answers.

    Rule messages say e.g. "... at least 7 founders; you have {founders}." The overview counts
    many people, so it keeps the general part.

    >>> rule_summary("An association needs at least 7 founders; you have {founders}.")
    'An association needs at least 7 founders.'
    >>> rule_summary("No placeholders here.")
    'No placeholders here.'
    """
    start = template.find("{")
    if start < 0:
        return template
    head = template[:start]
    cut = max(head.rfind(". "), head.rfind("; "), head.rfind("? "), head.rfind("! "))
    if cut <= 0:
        return template.replace("{", "").replace("}", "")
    text = head[:cut].rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


@dataclass(frozen=True)
class AnswerRow:
    label: str
    count: int


@dataclass(frozen=True)
class QuestionSummary:
    question: str
    rows: tuple[AnswerRow, ...]  # choice questions: one row per option
    unknown: int
    numbers: tuple[int, ...] = ()  # number questions: every answer given (expanded)
    number: bool = False


def _value_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def question_summary(q: Question, stats: RoomStats, lang: str) -> QuestionSummary | None:
    """How the room answered one question (labels from the questionnaire)."""
    fields = question_fields(q)
    if not fields or fields[0] not in stats.answers:
        return None
    main = fields[0]
    counts = stats.answers[main]
    if q.kind == "number":
        numbers: list[int] = []
        for value, n in counts.values.items():
            numbers.extend([int(value)] * n)
        return QuestionSummary(
            q.text.get(lang), (), counts.unknown, tuple(sorted(numbers)), number=True
        )
    rows: list[AnswerRow] = []
    for option in q.options:
        if option.unknown:
            continue
        if q.kind == "multi":
            if option.value is None:
                continue  # "none of these" sets the whole list: not countable from the tallies
            rows.append(
                AnswerRow(option.label.get(lang), counts.values.get(_value_key(option.value), 0))
            )
        elif option.sets:
            field, value = next(iter(option.sets.items()))
            tally = stats.answers.get(field)
            n = tally.values.get(_value_key(value), 0) if tally is not None else 0
            rows.append(AnswerRow(option.label.get(lang), n))
    return QuestionSummary(q.text.get(lang), tuple(rows), counts.unknown)


def number_line(summary: QuestionSummary, tr: Tr) -> str:
    if not summary.numbers:
        return tr("ws.answers.no_numbers")
    median = statistics.median(summary.numbers)
    shown = f"{median:g}" if isinstance(median, float) else str(median)
    return tr(
        "ws.answers.number",
        median=shown,
        low=summary.numbers[0],
        high=summary.numbers[-1],
        count=len(summary.numbers),
    )


def ruled_out_lines(
    kb: KnowledgeBase, stats: RoomStats, lang: str
) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(form name, how many had it ruled out, [(rule message, count), ...]) by frequency."""
    out = []
    for entry in stats.ruled_out:
        form = kb.forms.get(entry.form)
        if form is None:
            continue
        rules = {r.id: r for r in form.rules}
        lines = []
        for rule_id, n in entry.rules.items():
            rule = rules.get(rule_id)
            text = rule_summary(rule.message.get(lang)) if rule is not None else rule_id
            lines.append((text, n))
        out.append((form.name.get(lang), entry.count, lines))
    return out


# -- trainer: rendering ---------------------------------------------------------------------------


def _top_forms_chart(kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr) -> None:
    import altair as alt
    import pandas as pd

    rows = [
        {tr("ws.chart.form"): kb.form_name(f, lang), tr("ws.chart.people"): n}
        for f, n in stats.top_forms.items()
        if n > 0
    ]
    if not rows:
        return
    df = pd.DataFrame(rows)
    form_col, people_col = tr("ws.chart.form"), tr("ws.chart.people")
    chart = (
        alt.Chart(df, description=tr("ws.top.chart"))
        .mark_bar(color="#1f5f8b")
        .encode(
            y=alt.Y(
                f"{form_col}:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelLimit=260, labelFontSize=15, labelColor="#1b1f24"),
            ),
            x=alt.X(
                f"{people_col}:Q",
                title=people_col,
                axis=alt.Axis(
                    tickMinStep=1, format="d", labelColor="#1b1f24", titleColor="#1b1f24"
                ),
            ),
            tooltip=[form_col, people_col],
        )
        .properties(height=max(90, 42 * len(rows)))
    )
    st.altair_chart(chart, width="stretch")


def render_stats(kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr) -> None:
    """The room's overview: counts, first forms, answers, priorities, what rules forms out."""
    cols = st.columns(2)
    cols[0].metric(tr("ws.live.joined"), stats.joined)
    cols[1].metric(tr("ws.live.finished"), stats.finished)
    if stats.counted == 0:
        st.info(tr("ws.empty"), icon=":material/hourglass_empty:")
        return

    st.subheader(tr("ws.top.title"))
    lines = [
        "- " + tr("ws.top.line", form=md(kb.form_name(f, lang)), count=n)
        for f, n in stats.top_forms.items()
        if n > 0
    ]
    if stats.without_top_form:
        lines.append("- " + tr("ws.top.no_form", count=stats.without_top_form))
    if lines:
        left, right = st.columns([3, 2], gap="large")
        with left:
            _top_forms_chart(kb, stats, lang, tr)
        with right:
            st.markdown("\n".join(lines))
    else:
        st.caption(tr("ws.top.none"))

    st.subheader(tr("ws.ruled.title"))
    ruled = ruled_out_lines(kb, stats, lang)
    if not ruled:
        st.caption(tr("ws.ruled.none"))
    for name, count, rules in ruled:
        st.markdown(tr("ws.ruled.form", form=md(name), count=count, total=stats.counted))
        st.markdown(
            "\n".join("- " + tr("ws.ruled.rule", text=md(text), count=n) for text, n in rules)
        )

    st.subheader(tr("ws.prio.title"))
    st.caption(tr("ws.prio.intro"))
    prios = sorted(stats.average_priorities.items(), key=lambda kv: (-kv[1], kv[0]))
    table = [f"| {tr('ws.prio.col')} | {tr('ws.prio.avg')} |", "|---|---:|"]
    for cid, avg in prios:
        crit = kb.criteria.get(cid)
        label = crit.label.get(lang) if crit is not None else cid
        shown = f"{avg:.1f}".replace(".", ",") if lang == "pl" else f"{avg:.1f}"
        table.append(f"| {md(label)} | {shown} |")
    if prios:
        st.markdown("\n".join(table))

    st.subheader(tr("ws.answers.title"))
    for section in kb.questionnaire.sections:
        with st.expander(section.title.get(lang)):
            for q in section.questions:
                summary = question_summary(q, stats, lang)
                if summary is None:
                    continue
                st.markdown(f"**{md(summary.question)}**")
                if summary.number:
                    st.markdown(md(number_line(summary, tr)))
                else:
                    rows = [
                        f"| {tr('ws.answers.col_answer')} | {tr('ws.answers.col_people')} |",
                        "|---|---:|",
                    ]
                    rows += [f"| {md(r.label)} | {r.count} |" for r in summary.rows]
                    st.markdown("\n".join(rows))
                st.caption(f"{tr('ws.answers.unknown')}: {summary.unknown}")


def export_csv(store: RoomStore, room: Room) -> str:
    """The room's results as formula-injection-safe CSV (one row per participant)."""
    return to_csv(store.export_rows(room))


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
    from .state import reset_answers

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


# -- presentation: one question per screen --------------------------------------------------------


def flat_questions(kb: KnowledgeBase, profile: Any) -> list[tuple[str, Question]]:
    """(section title id, question) for every question visible with these answers, in order."""
    from .state import question_visible

    out = []
    for section in kb.questionnaire.sections:
        for q in section.questions:
            if question_visible(q.id, kb.question_conditions, profile):
                out.append((section.id, q))
    return out


def clamp_step(raw: Any, total: int) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or total <= 0:
        return 0
    return min(max(raw, 0), total - 1)


def answered_count(profile_dict: Mapping[str, Any]) -> int:
    return len([k for k in profile_dict if k in FIELDS])


def top_items(items: Sequence[Any], n: int) -> list[Any]:
    """The ``n`` contributions with the largest effect (by absolute points)."""
    return sorted(items, key=lambda c: -abs(c.points))[:n]


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
        submitted = st.form_submit_button(
            tr("ws.create.button"), type="primary", icon=":material/add:"
        )
    st.page_link("views/prywatnosc.py", label=tr("ws.create.privacy"), icon=":material/shield:")
    if not submitted:
        return
    try:
        room, _code, token = get_store().create_room(retention_days=int(days), title=title or None)
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
    if room.closed:
        st.info(tr("ws.closed"), icon=":material/lock:")
    render_stats(kb, stats, lang, tr)


def _export_and_close(room: Room, tr: Tr) -> None:
    def csv_data() -> str:
        try:
            return export_csv(get_store(), room)
        except RoomsError as exc:
            return to_csv([{"error": error_text(exc, tr)}])

    cols = st.columns(2)
    with cols[0]:
        st.download_button(
            tr("ws.export.button"),
            data=csv_data,
            file_name=f"jaka-forma-pokoj-{room.join_code}.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key="jf_ws_export",
            help=tr("ws.export.help"),
        )
    with cols[1]:
        if room.closed:
            return
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


def _personas_panel(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from .state import nav_params

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
    if from_url is False:
        st.error(tr("ws.denied"), icon=":material/block:")
        _forget_trainer_room()
        access = None
    elif from_url is not None:
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
            _live_overview(kb, lang, tr, room_id, token)
            if room is not None:
                _export_and_close(room, tr)
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
    from .result import get_recommendation, goto_requested, render_notices, render_result
    from .state import current_profile, render_questionnaire, sync_with_url

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


# -- presentation page ----------------------------------------------------------------------------


def _pres_set(step: int | None = None, view: str | None = None) -> None:
    if step is not None:
        st.session_state[PRES_STEP_KEY] = step
    if view is not None:
        st.session_state[PRES_VIEW_KEY] = view


def _pres_restart() -> None:
    from .state import reset_answers

    reset_answers()
    _pres_set(0, "questions")


def _pres_questions(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from .state import current_profile, get_profile_dict, render_question

    profile = current_profile(kb)
    questions = flat_questions(kb, profile)
    total = len(questions)
    step = clamp_step(st.session_state.get(PRES_STEP_KEY, 0), total)
    st.session_state[PRES_STEP_KEY] = step
    with st.container(key="jf-pres-question"):
        st.progress((step + 1) / total, text=tr("pres.progress", step=step + 1, total=total))
        section_id, question = questions[step]
        section = next(s for s in kb.questionnaire.sections if s.id == section_id)
        st.caption(section.title.get(lang))
        render_question(kb, question, lang, tr)
        if step == total - 1:
            st.caption(tr("pres.last"))
    cols = st.columns(3)
    cols[0].button(
        tr("pres.back"),
        key="jf_pres_back",
        disabled=step == 0,
        on_click=_pres_set,
        args=(step - 1,),
        icon=":material/arrow_back:",
        width="stretch",
    )
    cols[1].button(
        tr("pres.next"),
        key="jf_pres_next",
        type="primary",
        disabled=step >= total - 1,
        on_click=_pres_set,
        args=(step + 1,),
        icon=":material/arrow_forward:",
        width="stretch",
    )
    cols[2].button(
        tr("pres.result"),
        key="jf_pres_result",
        on_click=_pres_set,
        kwargs={"view": "result"},
        icon=":material/insights:",
        width="stretch",
    )
    st.caption(tr("pres.answered", count=answered_count(get_profile_dict())))


def _pres_reasons(kb: KnowledgeBase, items: Sequence[Any], lang: str, tr: Tr) -> None:
    from .result import fmt_points, sources_md

    for c in items:
        st.markdown(f"**{fmt_points(c.points, lang)}** {md(c.text.get(lang))}")
        meta = [sources_md(kb, c.sources, lang, tr)]
        if c.uncertainty is not None:
            meta.append(tr("flow.uncertainty", text=md(c.uncertainty.get(lang))))
        st.caption("  \n".join(m for m in meta if m))


def _pres_result(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from .result import fmt_score, get_recommendation, robustness_words
    from .state import current_profile, nav_params

    profile = current_profile(kb)
    rec = get_recommendation(kb, profile)
    st.header(tr("pres.result.title"))
    if not rec.eligible:
        st.error(tr("pres.result.none"))
    else:
        st.subheader(tr("pres.result.top", form=md(kb.form_name(rec.eligible[0].form, lang))))
        words = robustness_words(rec, kb, lang, tr)
        if words:
            st.markdown(words)
        for place, r in enumerate(rec.eligible[:3], 1):
            with st.container(border=True):
                st.markdown(
                    "### "
                    + tr(
                        "pres.result.place",
                        place=place,
                        form=md(kb.form_name(r.form, lang)),
                        score=fmt_score(r.score, lang),
                    )
                )
                reasons = top_items([*r.pros, *r.cons], 3)
                if reasons:
                    _pres_reasons(kb, reasons, lang, tr)
    ruled = [r for r in rec.ranking if not r.eligible]
    if ruled:
        st.markdown(tr("pres.result.ruled", count=len(ruled)))
    cols = st.columns(2)
    cols[0].button(
        tr("pres.questions"),
        key="jf_pres_questions",
        on_click=_pres_set,
        kwargs={"view": "questions"},
        icon=":material/arrow_back:",
        width="stretch",
    )
    with cols[1]:
        st.page_link(
            "views/wynik.py",
            label=tr("pres.result.full"),
            icon=":material/insights:",
            query_params=nav_params(lang),
        )
    st.caption(tr("flow.disclaimer", date=kb.last_checked.isoformat(), version=kb.version))


def render_presentation_page(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    """Large type, one question per screen, the result at any time, example situations."""
    from .state import sync_with_url

    inject_css(READABLE_CSS)
    inject_css(PRESENTATION_CSS)
    notices = sync_with_url(kb)
    with st.container(key="jf-pres"):
        _presentation_body(kb, lang, tr, notices)


def _presentation_body(kb: KnowledgeBase, lang: str, tr: Tr, notices: Any) -> None:
    from .result import render_notices

    st.title(tr("pres.title"))
    st.caption(tr("pres.intro"))
    render_notices(notices, tr)
    loaded = st.session_state.pop("jf_pres_loaded", None)
    if loaded in kb.personas:
        st.success(tr("pres.example_loaded", name=md(kb.personas[loaded].name.get(lang))))
    if st.session_state.get(PRES_VIEW_KEY) == "result":
        _pres_result(kb, lang, tr)
    else:
        _pres_questions(kb, lang, tr)
    st.button(
        tr("pres.restart"),
        key="jf_pres_restart",
        on_click=_pres_restart,
        type="tertiary",
        icon=":material/restart_alt:",
    )
    if kb.personas:
        with st.expander(tr("pres.example"), icon=":material/theater_comedy:"):
            persona = persona_picker(kb, lang, tr, key="jf_pres_persona")
            if persona is not None and st.button(
                tr("pres.example_load"), key="jf_pres_persona_load", icon=":material/play_arrow:"
            ):
                load_persona(kb, persona)
                _pres_set(0, "questions")
                st.session_state["jf_pres_loaded"] = persona.id
                st.rerun()
    st.caption(tr("pres.keys"))
    st.html(CLICKER_JS, unsafe_allow_javascript=True)  # a constant: see CLICKER_JS


# -- privacy page ---------------------------------------------------------------------------------


def render_privacy_page(tr: Tr) -> None:
    inject_css(READABLE_CSS)
    st.title(tr("privacy.title"))
    st.markdown(tr("privacy.lead"))
    for part in ("short", "solo"):
        st.header(tr(f"privacy.{part}.title"))
        st.markdown(tr(f"privacy.{part}.body"))
    st.header(tr("privacy.room.title"))
    st.markdown(tr("privacy.room.table"))
    st.markdown(tr("privacy.room.session"))
    for part in ("never", "who", "howlong", "server"):
        st.header(tr(f"privacy.{part}.title"))
        st.markdown(tr(f"privacy.{part}.body"))
    st.caption(tr("privacy.details"))
