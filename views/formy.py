"""Formy: one form in full (``?form=<id>``): facts, pros and cons, steps, pathways, statuses."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t

kb = get_kb()
lg = lang()
KEY = "form_pick"
URL_SEEN = "_form_pick_url"

st.title(t("browse.forms.title"))

url_value = st.query_params.get("form")
if KEY not in st.session_state or st.session_state.get(URL_SEEN) != url_value:
    # A new URL (first visit, a shared link, a pathway link) decides which form is shown.
    form_id, unknown = browse.form_from_param(url_value, kb)
    st.session_state[KEY] = form_id
    st.session_state["_form_notice"] = (unknown, form_id)

chosen = st.selectbox(
    t("browse.forms.pick"),
    options=list(kb.forms),
    format_func=lambda f: kb.form_name(f, lg),
    key=KEY,
)
unknown, noticed_for = st.session_state.get("_form_notice", (None, None))
if unknown is not None and chosen == noticed_for:
    browse.notice("browse.forms.unknown_id", lg, value=unknown, name=kb.form_name(chosen, lg))
st.query_params["form"] = chosen
st.session_state[URL_SEEN] = chosen

browse.render_form(kb, kb.forms[chosen], lg)
