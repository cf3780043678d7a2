"""Jaka forma? – the Streamlit entry point: navigation and the frame around every page."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from recommender.i18n import LANGUAGES
from recommender.i18n import t as translate
from ui.common import LANG_KEY, get_kb, lang, settle_heap
from ui.navigation import PAGES
from ui.search import warm_up_search

ROOT = Path(__file__).resolve().parent

# Once per session: the browser keeps the page config for the session's later runs and pages,
# and every element a run sends costs the server time.
if not st.session_state.get("jf_page_config"):
    st.set_page_config(page_title="Jaka forma?", page_icon="🤝", layout="wide")
    st.session_state["jf_page_config"] = True


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
warm_up_search()  # the search index, in the background: the first search does not wait


def _pages(current: str) -> list[st.Page]:
    """The menu's pages in this language, built once per session and language (a page object
    is handed to ``st.navigation`` again on each run, never shared between sessions: Streamlit
    marks the chosen page as runnable on it)."""
    cached = st.session_state.get("jf_pages")
    if isinstance(cached, tuple) and cached[0] == current:
        return list(cached[1])
    pages = [
        st.Page(
            spec.script,
            title=translate(spec.title_key, current),
            icon=spec.icon,
            url_path=spec.url_path,
            default=spec.default,
        )
        for spec in PAGES
        if (ROOT / spec.script).exists()
    ]
    st.session_state["jf_pages"] = (current, tuple(pages))
    return pages


# A flat menu: with sections, Streamlit 1.67 renders <div>/<header> directly inside the menu's
# <ul> and <li> items outside any list, which axe reports as serious (rules "list", "listitem").
navigation = st.navigation(_pages(current), expanded=True)
navigation.run()

kb = get_kb()
# The footer and the page language in one element. Streamlit's page says <html lang="en"> whatever
# the content; screen readers need the real language (WCAG 3.1.1): a constant script per language.
_HTML_LANG = {  # constant scripts only, one per supported language
    code: f"<script>document.documentElement.lang = '{code}';</script>" for code in LANGUAGES
}
footer = html.escape(
    translate("app.footer", current, date=kb.last_checked.isoformat(), version=kb.version)
    + " "
    + translate("law.footer", current, date=kb.law_as_of.isoformat())
)
st.html(
    f'<hr style="margin:2rem 0 1rem"><p style="font-size:.875rem;color:#4a4f57">{footer}</p>'
    + _HTML_LANG[current],
    unsafe_allow_javascript=True,
)
settle_heap(navigation.url_path)
