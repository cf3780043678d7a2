"""Ankieta: the questionnaire, one section per step; answers live in session state and the URL.

The first step also offers "opisz swój pomysł": a description in the person's own words that
*suggests* goals and target groups; they enter the answers only when the person confirms them.
"""

from __future__ import annotations

import streamlit as st

from ui.common import get_kb, lang, t
from ui.idea import idea_widget
from ui.questionnaire import render_questionnaire
from ui.result import render_notices
from ui.state import (
    current_step,
    get_profile_dict,
    nav_params,
    set_profile_dict,
    sync_with_url,
)

kb = get_kb()
notices = sync_with_url(kb)
st.title(t("flow.q.title"))
render_notices(notices, t, kb=kb, lang=lang())
if current_step(len(kb.questionnaire.sections)) == 0:
    with st.expander(t("flow.q.idea_expander"), icon=":material/lightbulb:"):
        choice = idea_widget(kb, lang(), key="ankieta_idea")
        if choice is not None:
            set_profile_dict(kb, {**get_profile_dict(), **choice.profile_values()})
            st.success(t("flow.q.idea_applied"))
if render_questionnaire(kb, lang(), t):
    st.switch_page("views/wynik.py", query_params=nav_params(lang()))
