"""Szukaj: ask the knowledge base in your own words; every answer with its source."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t
from ui.search import render_search

kb = get_kb()
lg = lang()

st.title(t("search.title"))
st.markdown(browse.md(t("search.intro")))
render_search(kb, lg)
