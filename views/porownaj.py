"""Porównaj: two to four forms side by side; the selection lives in the URL (``?forms=a,b``)."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t

kb = get_kb()
lg = lang()
# The widgets' keys carry the language: a widget keeps what it drew under its key, so after a
# language switch a new key draws the form names (and labels) in the new language.
KEY = f"compare_forms_{lg}"
URL_SEEN = "_compare_forms_url"
SAVED = "jf_compare_saved"  # the chosen forms, kept while the person visits other pages

st.title(t("browse.compare.title"))
st.markdown(t("browse.compare.intro"))

raw = st.query_params.get_all("forms")
if not raw and st.session_state.get(SAVED):
    # back from another page (the menu's link has no ?forms=): the choice survives
    raw = [",".join(st.session_state[SAVED])]
url_value = ",".join(raw)
if KEY not in st.session_state or st.session_state.get(URL_SEEN) != url_value:
    # A new URL (first visit, a shared link, a link from another page) decides the selection.
    selection = browse.compare_selection(raw, kb)
    st.session_state[KEY] = list(selection.forms)
    st.session_state["_compare_notices"] = (selection.notices, selection.forms)

notices, noticed_for = st.session_state.get("_compare_notices", ((), ()))
chosen = st.multiselect(
    t("browse.compare.pick", max=browse.MAX_COMPARE),
    options=list(kb.forms),
    format_func=lambda f: kb.form_name(f, lg),
    max_selections=browse.MAX_COMPARE,
    key=KEY,
    placeholder=t("browse.compare.placeholder"),
)
if tuple(chosen) == tuple(noticed_for):
    for key, values in notices:
        browse.notice(key, lg, **values)
st.query_params["forms"] = ",".join(chosen)
st.session_state[URL_SEEN] = ",".join(chosen)
st.session_state[SAVED] = list(chosen)

only_diff = st.toggle(t("browse.compare.only_diff"), key=f"compare_only_diff_{lg}")

if len(chosen) < browse.MIN_COMPARE:
    st.info(t("browse.compare.need_two", min=browse.MIN_COMPARE))
else:
    cmp = browse.compare(kb, chosen, lg, only_differences=only_diff)
    if only_diff:
        st.markdown(t("browse.compare.hidden", count=cmp.hidden))
    st.html(browse.RESPONSIVE_COMPARE_CSS)
    with st.container(key="compare-table"):
        # short values first (about three screens for three forms); the full text on demand
        st.table(browse.comparison_table(cmp, lg, short=True))
    with (
        st.container(key="compare-full"),
        st.expander(t("browse2.full"), icon=":material/unfold_more:"),
    ):
        st.table(browse.comparison_table(cmp, lg))
    with st.container(key="compare-cards"):
        for name, body in browse.comparison_cards(cmp, lg):
            with st.container(border=True):
                st.markdown(f"## {browse.md(name)}")
                st.markdown(body)
    browse.small(browse.md(t("browse.compare.cost_note")))
    with st.expander(f"{t('browse.compare.footnotes')} ({len(cmp.footnotes)})"):
        st.markdown(
            "\n".join(
                f"{n}. {browse.source_md(kb.sources[sid], lg)}"
                for n, sid in enumerate(cmp.footnotes, 1)
            )
        )
    st.download_button(
        t("browse.compare.download"),
        data=browse.comparison_csv(cmp, kb, lg).encode("utf-8-sig"),
        file_name=f"porownanie-{'-'.join(chosen)}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.markdown(t("browse.compare.more"))
    browse.form_links(kb, chosen, lg)
