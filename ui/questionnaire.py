"""The questionnaire's widgets: each question bound to the answers in :mod:`ui.state`, the
priority sliders, and the step-by-step questionnaire with its buttons. State lives in
:mod:`ui.state`; this module only draws it and writes changes back through it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from recommender.models import Question
from recommender.profile import FIELDS, PRIORITY_MAX, PRIORITY_MIN, Profile

from .state import (
    INT_MAX,
    STEP_KEY,
    UNKNOWN_KEY,
    _option,
    _st,
    apply_multi,
    apply_single,
    current_profile,
    current_step,
    get_profile_dict,
    get_unknown,
    question_visible,
    reset_answers,
    resolve_multi,
    selected_multi,
    selected_single,
    set_profile_dict,
)

# -- widgets bound to the answers ----------------------------------------------------------------


def _widget_key(question: Question) -> str:
    return f"jf_q_{question.id}"


def _on_single(kb: Any, question: Question) -> None:
    st = _st()
    choice = st.session_state.get(_widget_key(question))
    unknown = get_unknown()
    option = _option(question, choice)
    if option is not None and option.unknown:
        unknown.add(question.id)
    else:
        unknown.discard(question.id)
    st.session_state[UNKNOWN_KEY] = unknown
    set_profile_dict(kb, apply_single(question, choice, get_profile_dict()))


def _on_multi(kb: Any, question: Question) -> None:
    st = _st()
    key = _widget_key(question)
    unknown = get_unknown()
    previous = selected_multi(question, get_profile_dict(), question.id in unknown)
    selection = resolve_multi(question, previous, list(st.session_state.get(key) or []))
    if any(_option(question, s) is not None and _option(question, s).unknown for s in selection):  # type: ignore[union-attr]
        unknown.add(question.id)
    else:
        unknown.discard(question.id)
    st.session_state[UNKNOWN_KEY] = unknown
    set_profile_dict(kb, apply_multi(question, selection, get_profile_dict()))


def _on_number(kb: Any, question: Question) -> None:
    st = _st()
    field = question.field or ""
    value = st.session_state.get(_widget_key(question))
    data = get_profile_dict()
    if value is None:
        data.pop(field, None)
    else:
        data[field] = max(0, int(value))
    unknown = get_unknown()
    unknown.discard(question.id)
    st.session_state[UNKNOWN_KEY] = unknown
    set_profile_dict(kb, data)


def _on_number_unknown(kb: Any, question: Question) -> None:
    st = _st()
    unknown = get_unknown()
    data = get_profile_dict()
    if st.session_state.get(_widget_key(question) + "_unknown"):
        unknown.add(question.id)
        data.pop(question.field or "", None)
    else:
        unknown.discard(question.id)
    st.session_state[UNKNOWN_KEY] = unknown
    set_profile_dict(kb, data)


def render_question(kb: Any, question: Question, lang: str, t: Callable[..., str]) -> None:
    """One question as a labelled widget bound to the answers, with a "why we ask" expander."""
    st = _st()
    data = get_profile_dict()
    unknown = question.id in get_unknown()
    key = _widget_key(question)
    label = question.text.get(lang)
    labels = {o.id: o.label.get(lang) for o in question.options}
    if question.kind == "single":
        st.session_state[key] = selected_single(question, data, unknown)
        st.radio(
            label,
            [o.id for o in question.options],
            index=None,
            key=key,
            format_func=lambda oid: labels.get(oid, oid),
            on_change=_on_single,
            args=(kb, question),
        )
    elif question.kind == "multi":
        st.session_state[key] = selected_multi(question, data, unknown)
        st.pills(
            label,
            [o.id for o in question.options],
            selection_mode="multi",
            key=key,
            format_func=lambda oid: labels.get(oid, oid),
            on_change=_on_multi,
            args=(kb, question),
        )
    else:
        field = question.field or ""
        value = data.get(field)
        low = question.min if question.min is not None else 0
        bound = getattr(FIELDS.get(field), "max", None) or INT_MAX  # recommender.profile
        high = question.max if question.max is not None else bound
        if question.field == "founders_at_risk" and data.get("founders") is not None:
            high = min(high, int(data["founders"]))
        if value is not None:
            high = max(high, int(value))
        st.session_state[key] = value
        st.session_state[key + "_unknown"] = unknown and value is None
        cols = st.columns([3, 1], vertical_alignment="bottom")
        with cols[0]:
            st.number_input(
                label,
                min_value=low,
                max_value=high,
                step=question.step or 1,
                value=None,
                key=key,
                disabled=unknown and value is None,
                placeholder=t("flow.number_placeholder"),
                on_change=_on_number,
                args=(kb, question),
            )
        with cols[1]:
            st.checkbox(
                t("flow.dont_know"),
                key=key + "_unknown",
                on_change=_on_number_unknown,
                args=(kb, question),
                help=t("flow.dont_know_help"),
            )
    with st.expander(t("flow.why_we_ask"), icon=":material/help:"):
        st.markdown(question.help.get(lang))


# -- priorities -------------------------------------------------------------------------------


def _on_priority(kb: Any, criterion: str, implied: int) -> None:
    st = _st()
    value = st.session_state.get(f"jf_prio_{criterion}")
    data = get_profile_dict()
    priorities = dict(data.get("priorities") or {})
    if value is None or int(value) == implied:
        priorities.pop(criterion, None)
    else:
        priorities[criterion] = int(value)
    if priorities:
        data["priorities"] = priorities
    else:
        data.pop("priorities", None)
    set_profile_dict(kb, data)


def priority_sliders(
    kb: Any, profile: Profile, implied: Mapping[str, int], lang: str, t: Callable[..., str]
) -> None:
    """One 0–4 slider per criterion; the default is the weight the answers imply.

    Only values that differ from the implied weight are stored (and put in the URL).
    """
    st = _st()
    columns = st.columns(3)
    per_column = -(-len(kb.criteria) // 3)
    for index, (cid, crit) in enumerate(kb.criteria.items()):
        key = f"jf_prio_{cid}"
        implied_value = implied.get(cid, crit.default)
        st.session_state[key] = int(profile.priorities.get(cid, implied_value))
        with columns[index // per_column]:
            st.slider(
                crit.label.get(lang),
                min_value=PRIORITY_MIN,
                max_value=PRIORITY_MAX,
                step=1,
                key=key,
                help=crit.description.get(lang),
                on_change=_on_priority,
                args=(kb, cid, implied_value),
            )


def _set_step(index: int) -> None:
    _st().session_state[STEP_KEY] = index


# Streamlit records every change of the query string as a new browser-history entry, so the
# browser's Back used to undo the last answer. This keeps one entry per questionnaire step: a
# change that leaves ``step`` as it is replaces the current entry instead of adding one. A
# constant script (no data from the page in it), installed once per browser tab.
HISTORY_SCRIPT = (
    "<script>(function(){if(window.__jfHistory)return;window.__jfHistory=true;"
    "var push=history.pushState.bind(history);"
    "history.pushState=function(s,t,u){try{var n=new URL(u,location.href),c=new URL(location.href);"
    "if(n.pathname===c.pathname&&n.searchParams.get('step')===c.searchParams.get('step'))"
    "{return history.replaceState(s,t,u);}}catch(e){}return push(s,t,u);};})();</script>"
)
# After "Dalej" or "Wstecz" the new step starts at its title, not where the last one was left.
SCROLL_SCRIPT = (
    "<script>/*step {step}*/(function(){{var m=document.querySelector('[data-testid=stMain]');"
    "if(m)m.scrollTo(0,0);window.scrollTo(0,0);}})();</script>"
)


def render_questionnaire(kb: Any, lang: str, t: Callable[..., str]) -> bool:
    """The questionnaire, one section per step. Returns True when the user asks for the result."""
    st = _st()
    sections = kb.questionnaire.sections
    total = len(sections)
    step = current_step(total)
    section = sections[step]
    st.progress((step + 1) / total, text=t("flow.q.progress", step=step + 1, total=total))
    st.header(section.title.get(lang))
    if section.intro is not None:
        st.markdown(section.intro.get(lang))
    st.caption(t("flow.q.dont_know_hint"))
    profile = current_profile(kb)
    shown = 0
    for question in section.questions:
        if not question_visible(question.id, kb.question_conditions, profile):
            continue
        shown += 1
        with st.container(border=True):
            render_question(kb, question, lang, t)
    if shown == 0:
        st.info(t("flow.q.nothing_here"))
    last = step == total - 1
    cols = st.columns(3 if not last else 2)
    with cols[0]:
        st.button(
            t("flow.q.back"),
            key="jf_back",
            disabled=step == 0,
            on_click=_set_step,
            args=(step - 1,),
            icon=":material/arrow_back:",
            width="stretch",
        )
    if not last:
        with cols[1]:
            st.button(
                t("flow.q.next"),
                key="jf_next",
                type="primary",
                on_click=_set_step,
                args=(step + 1,),
                icon=":material/arrow_forward:",
                width="stretch",
            )
    with cols[-1]:
        # one "see the result" button on every step: the main action on the last one
        wants_result = st.button(
            t("flow.q.finish"),
            key="jf_result_now",
            type="primary" if last else "secondary",
            icon=":material/insights:",
            width="stretch",
        )
    answered = len([k for k in get_profile_dict() if k != "priorities"])
    st.caption(t("flow.q.answered", count=answered))
    if answered:
        st.button(
            t("flow.q.reset"),
            key="jf_reset",
            on_click=reset_answers,
            type="tertiary",
            icon=":material/restart_alt:",
        )
    st.html(HISTORY_SCRIPT + SCROLL_SCRIPT.format(step=step), unsafe_allow_javascript=True)
    return bool(wants_result)
