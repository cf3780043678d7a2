"""Ankieta: the questionnaire, one section per step; answers live in session state and the URL."""

from __future__ import annotations

import streamlit as st

from ui.common import get_kb, lang, t
from ui.result import render_notices
from ui.state import nav_params, render_questionnaire, sync_with_url

kb = get_kb()
notices = sync_with_url(kb)
st.title(t("flow.q.title"))
render_notices(notices, t)
if render_questionnaire(kb, lang(), t):
    st.switch_page("pages/wynik.py", query_params=nav_params(lang()))
