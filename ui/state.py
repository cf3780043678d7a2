"""The user's answers and priorities: in session state and mirrored in the URL (the widgets that
draw them are in :mod:`ui.questionnaire`).

Three layers, from pure to Streamlit-bound:

1. **The URL codec** (:func:`encode_profile`, :func:`decode_params`) — pure and total: whatever
   arrives in the query string, it returns a *valid* profile plus a list of :class:`Notice` for
   every value it had to drop. It never raises. A copied link reopens the same answers because a
   valid profile survives ``decode_params(encode_profile(p))`` unchanged.
2. **Answer logic** (:func:`apply_single`, :func:`apply_multi`, :func:`visible_questions`, ...) —
   pure functions turning questionnaire choices into profile values via the options' ``sets``
   and ``value``.
3. **Session glue** (:func:`sync_with_url`, :func:`set_profile_dict`, :func:`current_step`) —
   the only part that touches ``st.session_state`` and ``st.query_params``.

Query parameters look like ``?founders=5&goals=community,environment&prio.cost=3&lang=en``:
booleans are ``true``/``false``, lists are comma-separated (``none`` is an empty list, repeats
count for institutional partners), priorities are ``prio.<criterion>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recommender.conditions import evaluate
from recommender.models import Option, Question
from recommender.profile import (
    FIELDS,
    PRIORITY_MAX,
    PRIORITY_MIN,
    Profile,
    ProfileError,
    bound_problem,
    parse_profile,
)

# -- 1. the URL codec -------------------------------------------------------------------------

PRIORITY_PREFIX = "prio."
EMPTY_LIST = "none"  # no list field accepts "none" as a value, so it cannot collide
STEP_PARAM = "step"  # the questionnaire's step (1-based) on /ankieta: Back, Forward and reload
SHORT_PARAM = "r"  # a short link's code (see recommender.rooms.shortlinks)
# app-level parameters that are not part of the profile
RESERVED_PARAMS = frozenset({"lang", STEP_PARAM, SHORT_PARAM})
INT_MAX = 10**12  # longest number read from a URL; each field's bound is FieldSpec.max
_INT_RE = re.compile(r"^[0-9]{1,13}$")
_TRUE = {"true", "1", "yes", "tak"}
_FALSE = {"false", "0", "no", "nie"}
_SAFE_CHARS = re.compile(r"[^A-Za-z0-9_.,:+\-]")
MAX_NOTICES = 12


@dataclass(frozen=True)
class Notice:
    """A value from the URL that was dropped (the field is treated as unknown).

    ``code`` is one of ``unknown_param``, ``bad_value``, ``out_of_range``, ``inconsistent``,
    ``too_many``; ``param`` and ``value`` are sanitised (safe to show inside inline code).
    """

    code: str
    param: str
    value: str = ""


@dataclass(frozen=True)
class Decoded:
    profile: dict[str, Any]  # a valid profile as contract JSON (parse_profile accepts it)
    notices: tuple[Notice, ...]


def clean_for_display(text: str, limit: int = 40) -> str:
    """A short, harmless rendering of untrusted text (letters, digits and ``_.,:+-`` only)."""
    cleaned = _SAFE_CHARS.sub("?", str(text))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def encode_profile(profile: Mapping[str, Any]) -> dict[str, str]:
    """Contract JSON of a valid profile → query parameters (stable order, canonical values).

    >>> encode_profile({"founders": 5, "goals": ["community", "environment"]})
    {'founders': '5', 'goals': 'community,environment'}
    >>> encode_profile({"priorities": {"cost": 3}})
    {'prio.cost': '3'}
    """
    out: dict[str, str] = {}
    for name, spec in FIELDS.items():
        if name not in profile or profile[name] is None:
            continue
        value = profile[name]
        if spec.kind == "bool":
            out[name] = "true" if value else "false"
        elif spec.kind == "int":
            out[name] = str(int(value))
        elif spec.kind == "enum":
            out[name] = str(value)
        else:
            out[name] = ",".join(str(v) for v in value) if value else EMPTY_LIST
    for crit, weight in sorted((profile.get("priorities") or {}).items()):
        out[f"{PRIORITY_PREFIX}{crit}"] = str(int(weight))
    return out


def _values(raw: str | Sequence[str]) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    return [str(v) for v in raw]


def _decode_scalar(kind: str, spec_values: Collection[str], text: str) -> tuple[Any, str | None]:
    """(value, None) or (None, notice code)."""
    text = text.strip()
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True, None
        if low in _FALSE:
            return False, None
        return None, "bad_value"
    if kind == "int":
        if text.startswith("-") and _INT_RE.match(text[1:] or "x"):
            return None, "out_of_range"
        if not _INT_RE.match(text):
            return None, "out_of_range" if text.isascii() and text.isdigit() else "bad_value"
        number = int(text)
        if number > INT_MAX:
            return None, "out_of_range"
        return number, None
    if text in spec_values:
        return text, None
    return None, "bad_value"


def _decode_list(
    name: str, spec_values: Collection[str], texts: list[str]
) -> tuple[Any, str | None]:
    items: list[str] = []
    for text in texts:
        text = text.strip()
        if text == EMPTY_LIST:
            continue
        items.extend(part.strip() for part in text.split(",") if part.strip())
    if len(items) > 50:
        return None, "out_of_range"
    if any(item not in spec_values for item in items):
        return None, "bad_value"
    if name == "institutional_partners":
        return sorted(items), None  # repeats count ("two NGOs")
    return sorted(set(items)), None


def decode_params(
    params: Mapping[str, str | Sequence[str]],
    criteria: Collection[str],
    ignore: Collection[str] = RESERVED_PARAMS,
) -> Decoded:
    """Query parameters → a valid profile and the notices of what was dropped. Never raises.

    Anything not understood (unknown parameter, unknown enum value, a negative, huge or garbled
    number, an unknown criterion, a priority outside 0–4, founders at risk exceeding founders)
    leaves that field unknown and adds a :class:`Notice`.

    >>> d = decode_params({"founders": "5", "goals": "community,golf", "x": "1"}, ["cost"])
    >>> d.profile, [n.code for n in d.notices]
    ({'founders': 5}, ['bad_value', 'unknown_param'])
    """
    notices: list[Notice] = []
    data: dict[str, Any] = {}
    priorities: dict[str, int] = {}
    try:
        items = list(params.items())
    except Exception:  # noqa: BLE001 - a broken mapping is treated as no parameters at all
        return Decoded({}, (Notice("bad_value", "?"),))
    for key, raw in items:
        key = str(key)
        if key in ignore:
            continue
        try:
            texts = _values(raw)
        except Exception:  # noqa: BLE001 - defensive: an unreadable value is dropped
            notices.append(Notice("bad_value", clean_for_display(key)))
            continue
        shown = clean_for_display(",".join(texts))
        if key.startswith(PRIORITY_PREFIX):
            crit = key[len(PRIORITY_PREFIX) :]
            if crit not in criteria:
                notices.append(Notice("unknown_param", clean_for_display(key), shown))
                continue
            distinct = {t.strip() for t in texts}
            if len(distinct) != 1:
                notices.append(Notice("bad_value", clean_for_display(key), shown))
                continue
            text = distinct.pop()
            if not (text.isascii() and text.isdigit()) or len(text) > 3:
                notices.append(Notice("bad_value", clean_for_display(key), shown))
                continue
            if not PRIORITY_MIN <= int(text) <= PRIORITY_MAX:
                notices.append(Notice("out_of_range", clean_for_display(key), shown))
                continue
            priorities[crit] = int(text)
            continue
        spec = FIELDS.get(key)
        if spec is None:
            notices.append(Notice("unknown_param", clean_for_display(key), shown))
            continue
        if all(t.strip() == "" for t in texts):
            continue  # an empty parameter is simply "unknown"
        if spec.kind == "enum_list":
            value, problem = _decode_list(key, spec.values, texts)
        else:
            distinct = {t.strip() for t in texts}
            if len(distinct) != 1:
                value, problem = None, "bad_value"
            else:
                value, problem = _decode_scalar(spec.kind, spec.values, distinct.pop())
                if problem is None and spec.kind == "int" and bound_problem(spec, value):
                    problem = "out_of_range"  # the documented bound (recommender.profile)
        if problem is not None:
            notices.append(Notice(problem, key, shown))
            continue
        data[key] = value
    founders, at_risk = data.get("founders"), data.get("founders_at_risk")
    if founders is not None and at_risk is not None and at_risk > founders:
        notices.append(Notice("inconsistent", "founders_at_risk", str(at_risk)))
        del data["founders_at_risk"]
    if priorities:
        data["priorities"] = priorities
    profile, more = normalise_profile(data, criteria)
    notices.extend(more)
    if len(notices) > MAX_NOTICES:
        extra = len(notices) - MAX_NOTICES
        notices = [*notices[:MAX_NOTICES], Notice("too_many", str(extra))]
    return Decoded(profile, tuple(notices))


def normalise_profile(
    data: Mapping[str, Any], criteria: Collection[str] | None
) -> tuple[dict[str, Any], list[Notice]]:
    """The profile ``data`` validated and canonical (sorted lists), dropping whatever fails.

    A last line of defence: what the codec and the questionnaire produce is already valid.
    """
    notices: list[Notice] = []
    current: dict[str, Any] = dict(data)
    if "priorities" in current and not isinstance(current["priorities"], dict):
        current.pop("priorities")
    crit_map = {c: None for c in criteria} if criteria is not None else None
    for _ in range(len(current) + len(current.get("priorities") or {}) + 2):
        try:
            return parse_profile(current, crit_map).to_dict(), notices
        except ProfileError as exc:
            field = exc.field
            if field.startswith("priorities."):
                crit = field[len("priorities.") :]
                prios = dict(current.get("priorities") or {})
                prios.pop(crit, None)
                current["priorities"] = prios
                if not prios:
                    current.pop("priorities", None)
                shown = PRIORITY_PREFIX + crit
            else:
                shown = field.split("[")[0]
                if shown not in current:
                    break
                current.pop(shown)
            notices.append(Notice("bad_value", clean_for_display(shown)))
    return {}, notices


def params_signature(
    params: Mapping[str, str | Sequence[str]], ignore: Collection[str] = RESERVED_PARAMS
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A comparable form of the profile part of the query string."""
    return tuple(sorted((str(k), tuple(_values(v))) for k, v in params.items() if k not in ignore))


# -- 2. answer logic --------------------------------------------------------------------------


def question_fields(question: Question) -> tuple[str, ...]:
    """The profile fields a question writes (its ``field`` and whatever its options set)."""
    out: list[str] = []
    if question.field:
        out.append(question.field)
    for option in question.options:
        for key in option.sets or {}:
            if key not in out:
                out.append(key)
    return tuple(out)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return sorted(a) == sorted(b)
    return type(a) is type(b) and a == b


def selected_single(
    question: Question, profile: Mapping[str, Any], unknown: bool = False
) -> str | None:
    """The option of a single-choice question that matches the profile (``None``: no answer)."""
    for option in question.options:
        if option.unknown or not option.sets:
            continue
        if all(k in profile and _same(profile[k], v) for k, v in option.sets.items()):
            return option.id
    if unknown and not any(f in profile for f in question_fields(question)):
        return next((o.id for o in question.options if o.unknown), None)
    return None


def apply_single(
    question: Question, option_id: str | None, profile: Mapping[str, Any]
) -> dict[str, Any]:
    """The profile after choosing ``option_id`` (``None`` or "nie wiem": its fields are unknown)."""
    out = {k: v for k, v in profile.items() if k not in question_fields(question)}
    option = _option(question, option_id)
    if option is not None and not option.unknown:
        for key, value in (option.sets or {}).items():
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _option(question: Question, option_id: str | None) -> Option | None:
    return next((o for o in question.options if o.id == option_id), None)


def selected_multi(
    question: Question, profile: Mapping[str, Any], unknown: bool = False
) -> list[str]:
    """Option ids of a multiple-choice question that match the profile, in the question's order."""
    field = question.field or ""
    if field not in profile:
        if unknown:
            return [o.id for o in question.options if o.unknown]
        return []
    current = profile[field]
    chosen: list[str] = []
    for option in question.options:
        if option.unknown:
            continue
        if option.sets is not None:
            if all(k in profile and _same(profile[k], v) for k, v in option.sets.items()):
                chosen.append(option.id)
        elif option.value in current:
            chosen.append(option.id)
    return chosen


def _exclusive(option: Option) -> bool:
    """ "Nie wiem" and options that set the whole field (e.g. "no partners") stand alone."""
    return option.unknown or option.sets is not None


def resolve_multi(
    question: Question, previous: Sequence[str], selection: Sequence[str]
) -> list[str]:
    """The selection after a click: picking an exclusive option clears the others and vice versa."""
    known = [o.id for o in question.options]
    selection = [s for s in known if s in set(selection)]
    added = [s for s in selection if s not in previous]
    options = {o.id: o for o in question.options}
    for oid in added:
        if _exclusive(options[oid]):
            return [oid]
    if added:
        return [s for s in selection if not _exclusive(options[s])]
    return selection


def apply_multi(
    question: Question, selection: Sequence[str], profile: Mapping[str, Any]
) -> dict[str, Any]:
    """The profile after choosing ``selection`` (option ids) in a multiple-choice question.

    Repeats already in the profile (``ngo, ngo``: two NGOs) are kept for values still chosen.
    An empty selection or "nie wiem" makes the field unknown.
    """
    field = question.field or ""
    previous = list(profile.get(field) or [])
    out = {k: v for k, v in profile.items() if k not in question_fields(question)}
    options = {o.id: o for o in question.options}
    chosen = [options[s] for s in selection if s in options]
    if not chosen or any(o.unknown for o in chosen):
        return out
    for option in chosen:
        if option.sets is not None:
            for key, value in option.sets.items():
                out[key] = list(value) if isinstance(value, tuple) else value
            return out
    values: list[Any] = []
    for option in chosen:
        values.extend([option.value] * max(1, previous.count(option.value)))
    out[field] = values
    return out


def question_visible(question_id: str, conditions: Mapping[str, Any], profile: Profile) -> bool:
    """Shown unless its ``show_when`` is definitely false (unknown still shows the question)."""
    return evaluate(conditions.get(question_id), profile) is not False


def drop_hidden(
    sections: Iterable[Any],
    conditions: Mapping[str, Any],
    data: Mapping[str, Any],
    criteria: Collection[str] | None = None,
) -> dict[str, Any]:
    """Drop answers to questions hidden now (e.g. founders at risk when there are 0 founders)."""
    current, _ = normalise_profile(data, criteria)
    profile = parse_profile(current, {c: None for c in criteria} if criteria is not None else None)
    visible_fields: set[str] = set()
    hidden_fields: set[str] = set()
    for section in sections:
        for q in section.questions:
            fields = question_fields(q)
            (
                visible_fields if question_visible(q.id, conditions, profile) else hidden_fields
            ).update(fields)
    return {k: v for k, v in current.items() if k not in hidden_fields - visible_fields}


# -- 3. session glue --------------------------------------------------------------------------

PROFILE_KEY = "jf_profile"  # contract JSON of the answers, including "priorities"
UNKNOWN_KEY = "jf_unknown"  # ids of questions answered "nie wiem" (not in the URL: same meaning)
SYNCED_KEY = "jf_synced"  # (the stored answers object, signature of the query string) last synced
PARSED_KEY = "jf_parsed"  # (the stored answers object, knowledge version, its parsed Profile)
NOTICES_KEY = "jf_notices"  # notices of the last URL read, shown until the answers change
STEP_KEY = "jf_step"  # the questionnaire step


def _st() -> Any:
    import streamlit as st

    return st


def get_profile_dict() -> dict[str, Any]:
    st = _st()
    value = st.session_state.get(PROFILE_KEY)
    return dict(value) if isinstance(value, dict) else {}


def get_unknown() -> set[str]:
    st = _st()
    value = st.session_state.get(UNKNOWN_KEY)
    return set(value) if isinstance(value, set) else set()


def set_profile_dict(kb: Any, data: Mapping[str, Any], clear_notices: bool = True) -> list[Notice]:
    """Store new answers (validated; hidden questions dropped) and mirror them in the URL."""
    st = _st()
    cleaned = drop_hidden(kb.questionnaire.sections, kb.question_conditions, data, kb.criteria)
    profile, notices = normalise_profile(cleaned, kb.criteria)
    st.session_state[PROFILE_KEY] = profile
    if clear_notices:
        st.session_state[NOTICES_KEY] = []
    _write_url(profile)
    return notices


def current_profile(kb: Any) -> Profile:
    """The validated profile of this session (never raises: invalid parts were dropped on entry).

    Parsed once per stored answers object (it is replaced whenever an answer changes)."""
    st = _st()
    stored = st.session_state.get(PROFILE_KEY)
    cached = st.session_state.get(PARSED_KEY)
    if cached is not None and cached[0] is stored and cached[1] == kb.version:
        return cached[2]  # type: ignore[no-any-return]
    data, _ = normalise_profile(get_profile_dict(), kb.criteria)
    profile = parse_profile(data, {c: None for c in kb.criteria})
    st.session_state[PARSED_KEY] = (stored, kb.version, profile)
    return profile


def _url_params() -> dict[str, list[str]]:
    st = _st()
    qp = st.query_params
    return {k: list(qp.get_all(k)) for k in qp if k not in RESERVED_PARAMS}


def _write_url(profile: Mapping[str, Any], current: dict[str, list[str]] | None = None) -> None:
    """Make the query string say ``profile`` (``current``: the query string, if just read)."""
    st = _st()
    wanted = encode_profile(profile)
    if current is None:
        current = _url_params()
    for key in current:
        if key not in wanted:
            del st.query_params[key]
    for key, value in wanted.items():
        if current.get(key) != [value]:
            st.query_params[key] = value
    signature = params_signature({k: [v] for k, v in wanted.items()})
    st.session_state[SYNCED_KEY] = (st.session_state.get(PROFILE_KEY), signature)


def sync_with_url(kb: Any) -> list[Notice]:
    """Call at the top of every page that uses the answers.

    A query string we did not write ourselves (a shared link, a fresh session) replaces the
    answers; otherwise the answers of this session are written into the URL, so the address
    bar is always a link to the current result. Returns the notices to show.
    """
    st = _st()
    state = st.session_state
    synced = state.get(SYNCED_KEY)
    # the usual rerun: the URL still says what we wrote for these very answers (the stored dict
    # is replaced, never changed in place, whenever an answer changes). One cheap read (the last
    # value of each parameter) is enough: within a session the URL changes only by our own
    # writes, page switches and the browser's back/forward, never into repeated parameters.
    if (
        synced is not None
        and PROFILE_KEY in state
        and synced[0] is state[PROFILE_KEY]
        and params_signature(st.query_params.to_dict()) == synced[1]
    ):
        return list(state.get(NOTICES_KEY) or [])
    params = _url_params()
    signature = params_signature(params)
    if (
        params
        and synced is not None
        and signature != synced[1]
        and PROFILE_KEY in state
        and STEP_PARAM in st.query_params
    ):
        # the browser's Back or Forward between questionnaire steps: an older address of this
        # same session. The step moves (see render_questionnaire); the answers given since stay.
        _write_url(get_profile_dict(), params)
        return list(state.get(NOTICES_KEY) or [])
    if params and (synced is None or signature != synced[1]):
        decoded = decode_params(params, kb.criteria)
        data = drop_hidden(
            kb.questionnaire.sections, kb.question_conditions, decoded.profile, kb.criteria
        )
        st.session_state[PROFILE_KEY] = data
        st.session_state[UNKNOWN_KEY] = set()
        st.session_state[NOTICES_KEY] = list(decoded.notices)
        _write_url(data)
    elif PROFILE_KEY in st.session_state:
        _write_url(get_profile_dict(), params)
    else:
        st.session_state[PROFILE_KEY] = {}
        st.session_state[SYNCED_KEY] = (st.session_state[PROFILE_KEY], params_signature({}))
    notices = st.session_state.get(NOTICES_KEY) or []
    return list(notices)


def reset_answers() -> None:
    st = _st()
    st.session_state[PROFILE_KEY] = {}
    st.session_state[UNKNOWN_KEY] = set()
    st.session_state[NOTICES_KEY] = []
    st.session_state[STEP_KEY] = 0
    _write_url({})


def share_query(profile: Mapping[str, Any], lang: str) -> str:
    """The query string of a link that reopens this result (``?founders=5&...&lang=en``)."""
    from urllib.parse import urlencode

    params = encode_profile(profile)
    if lang != "pl":
        params["lang"] = lang
    return "?" + urlencode(params, safe=",") if params else ""


def notice_subject(notice: Notice, t: Callable[..., str], kb: Any = None, lang: str = "pl") -> str:
    """What a notice is about, as a person would name it: the question ("liczba osób
    zakładających"), a priority ("priorytet „Koszt”"), or the raw parameter as inline code when
    it names nothing we know."""
    param = notice.param
    if param in FIELDS:
        return "„" + t(f"field.{param}") + "”"
    if param.startswith(PRIORITY_PREFIX) and kb is not None:
        crit = kb.criteria.get(param[len(PRIORITY_PREFIX) :])
        if crit is not None:
            return t("result2.notice.priority", criterion=crit.label.get(lang))
    return f"`{param}`"


def notice_texts(
    notices: Iterable[Notice], t: Callable[..., str], kb: Any = None, lang: str = "pl"
) -> list[str]:
    """The notices as messages (markdown-safe: values are sanitised and shown as inline code)."""
    out = []
    for n in notices:
        if n.code == "too_many":
            out.append(t("flow.notice.too_many", count=n.param))
        elif n.code in ("short_unknown", "short_unavailable"):
            out.append(t(f"share2.notice.{n.code}", value=f"`{n.value}`"))
        elif n.code == "out_of_range" and n.param in FIELDS and FIELDS[n.param].max is not None:
            # the bound the value passed, in the language's number format (zł/PLN for money)
            bound = FIELDS[n.param].max or 0
            shown = f"{bound:,}".replace(",", "\u00a0" if lang == "pl" else ",")
            if n.param == "capital_pln":
                shown += " zł" if lang == "pl" else " PLN"
            out.append(
                t(
                    "result2.notice.out_of_range_max",
                    param=notice_subject(n, t, kb, lang),
                    value=f"`{n.value}`" if n.value else "–",
                    max=shown,
                )
            )
        elif n.code == "unknown_lang":
            out.append(t("result2.notice.unknown_lang", value=f"`{n.value}`"))
        else:
            out.append(
                t(
                    f"flow.notice.{n.code}",
                    param=notice_subject(n, t, kb, lang),
                    value=f"`{n.value}`" if n.value else "–",
                )
            )
    return out


def reset_priorities(kb: Any) -> None:
    data = get_profile_dict()
    data.pop("priorities", None)
    set_profile_dict(kb, data)


def nav_params(lang: str) -> dict[str, str]:
    """Query parameters for a link to another page of the flow (answers and language kept)."""
    params = encode_profile(get_profile_dict())
    st = _st()
    url_lang = st.query_params.get("lang")
    if url_lang is not None or lang != "pl":
        params["lang"] = lang
    return params


STEP_WRITTEN_KEY = "jf_step_written"  # the step this session last put into the URL


def step_from_url(total: int) -> int | None:
    """The 0-based step the URL names (``?step=3`` is the third), if valid."""
    raw = _st().query_params.get(STEP_PARAM)
    if raw is None or not str(raw).isdigit():
        return None
    step = int(str(raw)) - 1
    return step if 0 <= step < total else None


def current_step(total: int) -> int:
    """The step to show: a step the URL names and this session did not write itself (a reload,
    the browser's Back or Forward) wins; otherwise the session's own."""
    st = _st()
    state = st.session_state
    from_url = step_from_url(total)
    written = state.get(STEP_WRITTEN_KEY)
    if from_url is not None and from_url != written:
        state[STEP_KEY] = from_url
    raw = state.get(STEP_KEY, 0)
    step = raw if isinstance(raw, int) and 0 <= raw < total else 0
    state[STEP_KEY] = step
    if st.query_params.get(STEP_PARAM) != str(step + 1):
        st.query_params[STEP_PARAM] = str(step + 1)
    state[STEP_WRITTEN_KEY] = step
    return step


# Widgets moved to ui.questionnaire; these names still resolve here for older callers.
_MOVED = frozenset({"render_question", "render_questionnaire", "priority_sliders"})


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from . import questionnaire

        return getattr(questionnaire, name)
    raise AttributeError(name)
