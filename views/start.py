"""Start: what the app does, three ways in, the local network, and "not legal advice"."""

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

st.title(t("flow.start.title"))
st.markdown(t("flow.start.intro"))
render_notices(notices, t)

st.subheader(t("flow.start.ways"))
links = (
    ("views/ankieta.py", "flow.start.way.questionnaire", ":material/checklist:"),
    ("views/porownaj.py", "flow.start.way.compare", ":material/compare:"),
    ("views/formy.py", "flow.start.way.forms", ":material/account_balance:"),
)
params = nav_params(current)
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

kiss = kb.contacts.get("kiss")
if kiss is not None:
    st.subheader(t("flow.start.local"))
    render_contact(kb, kiss, current, t)

st.info(t("flow.start.disclaimer", date=kb.last_checked.isoformat()), icon=":material/gavel:")
