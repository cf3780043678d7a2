"""Start: one main way in above the fold, the three ways in, the local network.

"Not legal advice" is said once, in the footer of every page (app.py)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.common import get_kb, lang, t
from ui.result import render_contact, render_notices
from ui.state import get_profile_dict, nav_params, sync_with_url

ROOT = Path(__file__).resolve().parent.parent

kb = get_kb()
notices = sync_with_url(kb)
current = lang()
params = nav_params(current)

st.title(t("flow.start.title"))
st.markdown(t("start2.lead"))
render_notices(notices, t, kb=kb, lang=current)
# the one primary action, above the fold on a phone
if st.button(
    t("start2.primary"),
    type="primary",
    icon=":material/checklist:",
    width="stretch",
    key=f"jf_start_primary_{current}",
):
    st.switch_page("views/ankieta.py", query_params=params)

st.subheader(t("flow.start.ways"))
links = (
    ("views/ankieta.py", "flow.start.way.questionnaire", ":material/checklist:"),
    ("views/porownaj.py", "flow.start.way.compare", ":material/compare:"),
    ("views/formy.py", "flow.start.way.forms", ":material/account_balance:"),
)
for script, key, icon in links:
    if (ROOT / script).exists():
        st.page_link(
            script,
            label=t(key),
            icon=icon,
            query_params=params if script == "views/ankieta.py" else None,
        )
if get_profile_dict():
    st.page_link(
        "views/wynik.py",
        label=t("flow.start.way.result"),
        icon=":material/insights:",
        query_params=params,
    )
st.markdown(t("flow.start.intro"))

kiss = kb.contacts.get("kiss")
if kiss is not None:
    st.subheader(t("flow.start.local"))
    render_contact(kb, kiss, current, t)
