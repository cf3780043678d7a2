"""The questionnaire on a projector without a room: one question per screen, the result any time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.models import Question
from recommender.profile import FIELDS

from ..result import md
from .assets import CLICKER_JS, PRESENTATION_CSS, READABLE_CSS
from .common import PRES_STEP_KEY, PRES_VIEW_KEY, Tr, inject_css, load_persona, persona_picker

# -- presentation: one question per screen --------------------------------------------------------


def flat_questions(kb: KnowledgeBase, profile: Any) -> list[tuple[str, Question]]:
    """(section title id, question) for every question visible with these answers, in order."""
    from ..state import question_visible

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


# -- presentation page ----------------------------------------------------------------------------


def _pres_set(step: int | None = None, view: str | None = None) -> None:
    if step is not None:
        st.session_state[PRES_STEP_KEY] = step
    if view is not None:
        st.session_state[PRES_VIEW_KEY] = view


def _pres_restart() -> None:
    from ..state import reset_answers

    reset_answers()
    _pres_set(0, "questions")


def _pres_questions(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from ..state import current_profile, get_profile_dict, render_question

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
    from ..result import fmt_points, sources_md

    for c in items:
        st.markdown(f"**{fmt_points(c.points, lang)}** {md(c.text.get(lang))}")
        meta = [sources_md(kb, c.sources, lang, tr)]
        if c.uncertainty is not None:
            meta.append(tr("flow.uncertainty", text=md(c.uncertainty.get(lang))))
        st.caption("  \n".join(m for m in meta if m))


def _pres_result(kb: KnowledgeBase, lang: str, tr: Tr) -> None:
    from ..result import fmt_score, get_recommendation, robustness_words
    from ..state import current_profile, nav_params

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
    from ..state import sync_with_url

    inject_css(READABLE_CSS)
    inject_css(PRESENTATION_CSS)
    notices = sync_with_url(kb)
    with st.container(key="jf-pres"):
        _presentation_body(kb, lang, tr, notices)


def _presentation_body(kb: KnowledgeBase, lang: str, tr: Tr, notices: Any) -> None:
    from ..result import render_notices

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
