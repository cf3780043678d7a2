"""Słowniczek: every glossary entry, filtered by a search box, with sources and related forms."""

from __future__ import annotations

import streamlit as st

from ui import browse
from ui.common import get_kb, lang, t

kb = get_kb()
lg = lang()

st.title(t("browse.glossary.title"))
st.markdown(t("browse.glossary.intro"))
query = st.text_input(
    t("browse.glossary.search"),
    key="glossary_query",
    max_chars=80,
    placeholder=t("browse.glossary.placeholder"),
)
entries = browse.glossary_matches(kb, query, lg)
st.header(t("browse.glossary.count", count=len(entries), total=len(kb.glossary)))
if not entries:
    st.info(browse.md(t("browse.glossary.none", query=browse.shown_param(query))))
for entry in entries:
    with st.container(border=True):
        st.subheader(entry.term.get(lg), anchor=f"g-{entry.id}")
        st.markdown(browse.md(entry.definition.get(lg)))
        forms = [f for f in entry.forms if f in kb.forms]
        if forms:
            st.markdown(f"**{browse.md(t('browse.glossary.forms'))}:**")
            browse.form_links(kb, forms, lg)
        browse.small(browse.sources_md(kb, entry.sources, lg))
