"""Wynik: the ranking with its reasons, priorities, what-ifs, next steps, sharing and handouts."""

from __future__ import annotations

import streamlit as st

from ui.common import get_kb, lang, t
from ui.result import goto_requested, render_notices, render_result
from ui.state import current_profile, nav_params, sync_with_url

kb = get_kb()
notices = sync_with_url(kb)
if goto_requested():
    st.switch_page("views/ankieta.py", query_params=nav_params(lang()))
title: str | None = t("flow.result.title")
if notices:  # the title, then what was wrong with the link, then the result
    st.title(title)
    render_notices(notices, t)
    title = None
render_result(kb, current_profile(kb), lang(), t, title=title)
