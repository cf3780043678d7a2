"""Jaka forma? – the Streamlit entry point: navigation and the frame around every page."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from recommender.i18n import LANGUAGES
from recommender.i18n import t as translate
from ui.common import BAD_LANG_KEY, LANG_KEY, get_kb, lang, settle_heap
from ui.navigation import PAGES, SECTIONS
from ui.search import warm_up_search

ROOT = Path(__file__).resolve().parent

# Once per session: the browser keeps the page config for the session's later runs and pages,
# and every element a run sends costs the server time.
if not st.session_state.get("jf_page_config"):
    st.set_page_config(page_title="Jaka forma?", page_icon="🤝", layout="wide")
    st.session_state["jf_page_config"] = True


# Grouped by audience. Streamlit 1.67 draws a sectioned menu as <div>/<header> directly inside
# its <ul>, with the <li> items inside the <div>s, which axe reports as serious (rules "list",
# "listitem"). A constant script fixes the markup once per tab and whenever the menu is redrawn:
# the outer list and its items become plain containers (role "none") and each section a named
# group, so a screen reader announces "group, <section>" and then its links.
_MENU_FIX = (
    "<script>(function(){if(window.__jfMenu)return;window.__jfMenu=true;"
    "function fix(){document.querySelectorAll('ul[data-testid=stSidebarNavItems]')"
    ".forEach(function(ul){if(!ul.querySelector(':scope > div'))return;"
    "if(ul.getAttribute('role')!=='none')ul.setAttribute('role','none');"
    "ul.querySelectorAll(':scope > div').forEach(function(sec){"
    "var h=sec.querySelector(':scope > header');"
    "if(sec.getAttribute('role')!=='group')sec.setAttribute('role','group');"
    "if(h&&sec.getAttribute('aria-label')!==h.innerText.trim())"
    "sec.setAttribute('aria-label',h.innerText.trim());"
    "sec.querySelectorAll(':scope > li').forEach(function(li){"
    "if(li.getAttribute('role')!=='none')li.setAttribute('role','none');});});});}"
    "fix();new MutationObserver(fix).observe(document.body,{childList:true,subtree:true});"
    "})();</script>"
)
# first thing in the sidebar, so it is in place before the menu is drawn; a page that stops
# early (st.stop) still gets an accessible menu
st.sidebar.html(_MENU_FIX, unsafe_allow_javascript=True)


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
_bad_lang = st.session_state.pop(BAD_LANG_KEY, None)
if _bad_lang is not None:
    from ui.state import clean_for_display

    st.warning(
        translate(
            "result2.notice.unknown_lang", current, value=f"`{clean_for_display(_bad_lang)}`"
        ),
        icon=":material/translate:",
    )
# Streamlit's own input hints ("Press Enter to apply") are English only: hidden in every language
# (the labels and the "Dalej" button say what to do).
st.html("<style>[data-testid='InputInstructions']{display:none}</style>")
warm_up_search()  # the search index, in the background: the first search does not wait


# Sections older page specs may still name, and the audience section they belong to.
_SECTION_ALIASES = {
    "nav.section.choose": "nav.section.activists",
    "nav.section.learn": "nav.section.volunteers",
    "nav.section.workshop": "nav.section.trainers",
}


def _pages(current: str) -> dict[str, list[st.Page]]:
    """The menu's pages in this language, grouped by audience, built once per session and
    language (a page object is handed to ``st.navigation`` again on each run, never shared
    between sessions: Streamlit marks the chosen page as runnable on it)."""
    cached = st.session_state.get("jf_pages")
    if isinstance(cached, tuple) and cached[0] == current:
        return {name: list(pages) for name, pages in cached[1]}
    grouped: dict[str, list[st.Page]] = {key: [] for key in SECTIONS}
    for spec in PAGES:
        if not (ROOT / spec.script).exists():
            continue
        section = _SECTION_ALIASES.get(spec.section, spec.section)
        grouped.setdefault(section, []).append(
            st.Page(
                spec.script,
                title=translate(spec.title_key, current),
                icon=spec.icon,
                url_path=spec.url_path,
                default=spec.default,
            )
        )
    menu = tuple((translate(key, current), tuple(pages)) for key, pages in grouped.items() if pages)
    st.session_state["jf_pages"] = (current, menu)
    return {name: list(pages) for name, pages in menu}


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
