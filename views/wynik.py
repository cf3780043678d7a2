"""Wynik: the best fit on one screen, then every form, and the tools one click deeper."""

from __future__ import annotations

import streamlit as st

from ui.common import get_kb, lang, t
from ui.result import goto_requested, render_result
from ui.result.share import open_short_link
from ui.state import current_profile, nav_params, sync_with_url

kb = get_kb()
short = open_short_link()  # /wynik?r=<code>: the stored answers into the address first
notices = short + sync_with_url(kb)
if goto_requested():
    st.switch_page("views/ankieta.py", query_params=nav_params(lang()))
render_result(kb, current_profile(kb), lang(), t, notices=notices)
