"""The "Zapytaj bazę wiedzy" page: a search box, example questions and sourced answers.

Every answer shows its snippet, the form it belongs to (a link to the form page), its sources
(title, link, date checked) and, where the knowledge base flags one, its uncertainty. Knowledge
and user text go through :func:`ui.browse.md` (escaped markdown), never through HTML.

URL parameters: ``q`` (the question, so answers can be shared) and ``form`` (only answers about
one form). Both are checked: an over-long question is cut with a notice, an unknown form falls
back to all forms with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from recommender.loading import KnowledgeBase
from recommender.search import MAX_QUERY_CHARS, EmptyQueryError, Result, search, warm_up
from ui import browse

QUERY_KEY = "search_query"
FORM_KEY = "search_form"
PARAM_QUERY = "q"
PARAM_FORM = "form"
ALL = ""
LIMIT = 8
EXAMPLES = 6
MAX_FORM_LINKS = 3
# an answer lists its sources in full up to this many; beyond it, the first INLINE_SOURCES and
# the whole list in an expander
MAX_INLINE_SOURCES = 3
INLINE_SOURCES = 2
FORM_URL = "formy"  # url path of views/formy.py (ui/navigation.py)


@dataclass(frozen=True)
class UrlState:
    """What the URL asks for, already checked; ``notices`` are catalog keys with values."""

    query: str | None
    form: str
    notices: tuple[tuple[str, dict[str, Any]], ...]


def read_url(params: dict[str, str], kb: KnowledgeBase) -> UrlState:
    """Check ``?q=`` and ``?form=`` against the limits and the knowledge base's form ids.

    Pure (no Streamlit calls), so it is tested directly.
    """
    notices: list[tuple[str, dict[str, Any]]] = []
    query = params.get(PARAM_QUERY)
    if query is not None:
        query = " ".join(query.split())
        if len(query) > MAX_QUERY_CHARS:
            query = query[:MAX_QUERY_CHARS]
            notices.append(("search.query_too_long", {"n": MAX_QUERY_CHARS}))
    form = params.get(PARAM_FORM, ALL) or ALL
    if form != ALL and form not in kb.forms:
        notices.append(("search.bad_form", {}))
        form = ALL
    return UrlState(query or None, form, tuple(notices))


def warm_up_search() -> None:
    """Start building (or loading) the search index in the background, once per process and
    knowledge base; an invalid knowledge base is left to the page to report."""
    from recommender.loading import KnowledgeError
    from ui.common import _knowledge

    try:
        kb = _knowledge()
    except KnowledgeError:
        return
    warm_up(kb)


def example_questions(lang: str) -> list[str]:
    return [browse.tr(f"search.example.{i}", lang) for i in range(1, EXAMPLES + 1)]


def _use_example(text: str) -> None:
    st.session_state[QUERY_KEY] = text


def render_search(kb: KnowledgeBase, lang: str) -> None:
    """The whole page body below the title."""
    url = read_url(dict(st.query_params), kb)
    for key, values in url.notices:
        browse.notice(key, lang, **values)
    if QUERY_KEY not in st.session_state:
        st.session_state[QUERY_KEY] = url.query or ""
    if FORM_KEY not in st.session_state:
        st.session_state[FORM_KEY] = url.form

    with st.form("search_box", border=False, enter_to_submit=True):
        query = st.text_input(
            browse.tr("search.input", lang),
            key=QUERY_KEY,
            max_chars=MAX_QUERY_CHARS,
            placeholder=browse.tr("search.placeholder", lang),
        )
        options = [ALL, *kb.forms]
        form = st.selectbox(
            browse.tr("search.filter_form", lang),
            options,
            key=FORM_KEY,
            format_func=lambda f: (
                browse.tr("search.filter_all", lang) if f == ALL else kb.form_name(f, lang)
            ),
        )
        st.form_submit_button(
            browse.tr("search.submit", lang), icon=":material/search:", type="primary"
        )

    # on a phone the examples would push the answers down: once there is a question, fold them
    asked = bool(" ".join(str(st.session_state.get(QUERY_KEY) or "").split()))
    with st.expander(
        browse.tr("search.examples", lang), expanded=not asked, icon=":material/help:"
    ):
        cols = st.columns(2)
        for i, example in enumerate(example_questions(lang)):
            with cols[i % 2]:
                st.button(
                    example,
                    key=f"search_example_{i}",
                    on_click=_use_example,
                    args=(example,),
                    use_container_width=True,
                )

    query = " ".join((query or "").split())
    _sync_url(query, form)
    if not query:
        return
    st.divider()
    st.subheader(browse.tr("search.results_for", lang, query=browse.md(query)), anchor="wyniki")
    try:
        with st.spinner(browse.tr("search.searching", lang), show_time=False):
            results = search(kb, query, lang, limit=LIMIT, form=form or None)
    except EmptyQueryError:
        results = []
    if not results:
        st.info(browse.md(browse.tr("search.no_results", lang)), icon=":material/search_off:")
    else:
        st.caption(browse.md(browse.tr("search.count", lang, n=len(results))))
        for result in results:
            render_result(kb, result, lang)
    st.caption(browse.md(browse.tr("search.disclaimer", lang)))


def _sync_url(query: str, form: str) -> None:
    """Keep the URL shareable: it always holds the current question and filter."""
    if query:
        if st.query_params.get(PARAM_QUERY) != query:
            st.query_params[PARAM_QUERY] = query
    elif PARAM_QUERY in st.query_params:
        del st.query_params[PARAM_QUERY]
    if form:
        if st.query_params.get(PARAM_FORM) != form:
            st.query_params[PARAM_FORM] = form
    elif PARAM_FORM in st.query_params:
        del st.query_params[PARAM_FORM]


def form_link(kb: KnowledgeBase, form: str, lang: str, label: str | None = None) -> None:
    """A link to the form's page; a plain markdown link where the page is not registered
    (e.g. a widget rendered outside the app's navigation)."""
    text = label or kb.form_name(form, lang)
    try:
        st.page_link(
            browse.FORM_PAGE,
            label=text,
            query_params={PARAM_FORM: form},
            icon=":material/account_balance:",
        )
    except StreamlitAPIException:
        st.markdown(browse.link(text, f"{FORM_URL}?{PARAM_FORM}={form}"))


def short_name(kb: KnowledgeBase, form: str, lang: str) -> str:
    f = kb.forms[form]
    return (f.short_name or f.name).get(lang)


def render_result(kb: KnowledgeBase, result: Result, lang: str) -> None:
    """One answer: title, kind, snippet, uncertainty, sources, links to its forms."""
    d = result.doc
    with st.container(border=True):
        st.markdown(f"**{browse.md(d.title.get(lang))}**")
        st.caption(browse.md(browse.tr(f"search.kind.{d.type}", lang)))
        flag = browse.uncertainty_md(d.uncertainty, d.unverified, lang)
        if d.lead is not None:
            # the short answer first; the full one, with its doubts, one click deeper
            st.markdown(browse.md(d.lead.get(lang)))
            if flag:
                browse.small(browse.md(browse.tr("search.doubts_inside", lang)))
            with st.expander(browse.tr("search.full_answer", lang)):
                st.markdown(browse.md(d.text.get(lang)))
                if flag:
                    st.markdown(flag)
        else:
            st.markdown(browse.md(d.text.get(lang)))
            if flag:
                st.markdown(flag)
        provisions = browse.provisions_md(kb, d.provisions, lang)
        if provisions:
            browse.small(provisions)
        # not st.caption: links in a caption are drawn too pale (axe: colour contrast 2.96:1)
        n_sources = len(d.source_info)  # the item's sources, resolved when it was indexed
        if n_sources > MAX_INLINE_SOURCES:
            # dozens of sources with their notes would push the next answer screens away on a
            # phone: the first ones stay in sight, every one of them one click deeper
            first = d.sources[:INLINE_SOURCES]
            browse.small(browse.sources_md(kb, first, lang) + " …")
            with st.expander(browse.tr("search.all_sources", lang, n=n_sources)):
                browse.small(browse.sources_md(kb, d.sources, lang))
        else:
            browse.small(browse.sources_md(kb, d.sources, lang))
        if d.type == "document" and d.forms and d.forms[0] in kb.forms:
            # a draft is downloaded from the founding plan of its form
            try:
                browse.plan_link(kb.forms[d.forms[0]], lang)
            except StreamlitAPIException:
                st.markdown(browse.link(browse.tr("browse.form.plan_link", lang), "/plan"))
        # one link per line: columns cut long form names
        for f in [f for f in d.forms if f in kb.forms][:MAX_FORM_LINKS]:
            form_link(
                kb, f, lang, browse.tr("search.open_form", lang, form=short_name(kb, f, lang))
            )
