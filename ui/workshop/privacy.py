"""The privacy page: what a room stores, why, for how long."""

from __future__ import annotations

import streamlit as st

from .assets import READABLE_CSS
from .common import Tr, inject_css

# -- privacy page ---------------------------------------------------------------------------------


def render_privacy_page(tr: Tr) -> None:
    inject_css(READABLE_CSS)
    st.title(tr("privacy.title"))
    st.markdown(tr("privacy.lead"))
    for part in ("short", "solo"):
        st.header(tr(f"privacy.{part}.title"))
        st.markdown(tr(f"privacy.{part}.body"))
    st.header(tr("share2.privacy.title"))  # short links to a result (recommender.rooms.shortlinks)
    st.markdown(tr("share2.privacy.body"))
    st.header(tr("privacy.room.title"))
    st.markdown(tr("privacy.room.table"))
    st.markdown(tr("privacy.room.session"))
    for part in ("never", "who", "howlong", "server"):
        st.header(tr(f"privacy.{part}.title"))
        st.markdown(tr(f"privacy.{part}.body"))
    st.caption(tr("privacy.details"))
