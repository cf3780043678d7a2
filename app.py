"""Jaka forma? – the Streamlit entry point: navigation and the frame around every page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from recommender.i18n import LANGUAGES
from recommender.i18n import t as translate
from ui.common import LANG_KEY, get_kb, lang, settle_heap
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parent

st.set_page_config(page_title="Jaka forma?", page_icon="🤝", layout="wide")


def _language_switch(current: str) -> None:
    choice = st.sidebar.radio(
        translate("app.language", current),
        LANGUAGES,
        index=LANGUAGES.index(current),
        format_func=lambda code: {"pl": "Polski", "en": "English"}[code],
        horizontal=True,
        key="lang_switch",
    )
    if choice != current:
        st.session_state[LANG_KEY] = choice
        st.query_params[LANG_KEY] = choice
        st.rerun()


current = lang()  # read once: every message below is in this language
_language_switch(current)
sections: dict[str, list[st.Page]] = {}
for spec in PAGES:
    if not (ROOT / spec.script).exists():
        continue
    page = st.Page(
        spec.script,
        title=translate(spec.title_key, current),
        icon=spec.icon,
        url_path=spec.url_path,
        default=spec.default,
    )
    sections.setdefault(translate(spec.section, current), []).append(page)
# A flat menu: with sections, Streamlit 1.67 renders <div>/<header> directly inside the menu's
# <ul> and <li> items outside any list, which axe reports as serious (rules "list", "listitem").
navigation = st.navigation([page for group in sections.values() for page in group], expanded=True)
navigation.run()

kb = get_kb()
st.divider()
st.caption(translate("app.footer", current, date=kb.last_checked.isoformat(), version=kb.version))
# Streamlit's page says <html lang="en"> whatever the content; screen readers need the real
# language (WCAG 3.1.1). Constant scripts, chosen from the two supported languages.
_HTML_LANG = {
    code: f"<script>document.documentElement.lang = '{code}';</script>" for code in LANGUAGES
}
st.html(_HTML_LANG[current], unsafe_allow_javascript=True)
settle_heap(navigation.url_path)
