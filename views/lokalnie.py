"""Lokalnie: KISS first, then the council (GRDPP), the W23 space and local institutions."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t

kb = get_kb()
lg = lang()

st.title(t("browse.local.title"))
st.markdown(t("browse.local.intro"))
contacts = browse.ordered_contacts(kb)
if not contacts:
    st.info(t("browse.local.empty"))
for n, contact in enumerate(contacts):
    if n == 1:
        st.header(t("browse.local.others"))
    with st.container(border=True):
        browse.render_contact(kb, contact, lg, level="##" if n == 0 else "###")
