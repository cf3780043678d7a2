"""Glue between Streamlit and the recommender: the shared knowledge base, language, messages.

Pages stay thin: read state, call the library, render. Everything shared lives in ``ui/``.
"""

from __future__ import annotations

import gc
from typing import Any

import streamlit as st

from recommender.i18n import DEFAULT_LANGUAGE, LANGUAGES
from recommender.i18n import t as _t
from recommender.loading import KnowledgeBase, KnowledgeError, load_knowledge

LANG_KEY = "lang"
BAD_LANG_KEY = "jf_bad_lang"  # an unknown ?lang= value, shown once as a notice


@st.cache_resource(show_spinner=False)
def _knowledge() -> KnowledgeBase:
    """Loaded once per server process; one immutable object shared by every session."""
    return load_knowledge()


def get_kb() -> KnowledgeBase:
    """The knowledge base, or a clear message (and the page stops) if it is invalid."""
    try:
        return _knowledge()
    except KnowledgeError as exc:
        st.error(t("app.knowledge_invalid", count=len(exc.problems)))
        st.code("\n".join(str(p) for p in exc.problems[:20]), language=None)
        st.stop()
        raise  # unreachable: st.stop() raises


_SETTLED: set[str] = set()


def settle_heap(name: str) -> None:
    """Once per process and ``name`` (a page): take everything alive now out of the cyclic
    garbage collector's reach (:func:`gc.freeze`).

    Streamlit runs a full collection after every script run (``runner.postScriptGC``). Its cost
    grows with all the process holds (libraries, the knowledge base, indexes, caches), about
    25 ms per rerun with this app, and it blocks the server's event loop meanwhile, delaying
    every other session. What a page's first run has loaded lives as long as the process, so
    scanning it after each rerun finds nothing; objects created later are still collected.
    The cost: cyclic garbage alive at that moment (a few objects of the first session) is never
    reclaimed — at most once per page and process.
    """
    if name in _SETTLED:
        return
    _SETTLED.add(name)
    gc.collect()
    gc.freeze()


def lang() -> str:
    """The UI language: session state first, then ``?lang=`` in the URL, else Polish."""
    value = st.session_state.get(LANG_KEY)
    if value not in LANGUAGES:
        value = st.query_params.get(LANG_KEY, DEFAULT_LANGUAGE)
        if value not in LANGUAGES:
            # an unknown language in the link: say so once (app.py), and drop it from the URL
            st.session_state[BAD_LANG_KEY] = str(value)
            del st.query_params[LANG_KEY]
            value = DEFAULT_LANGUAGE
        st.session_state[LANG_KEY] = value
    return str(value)


def t(key: str, **values: Any) -> str:
    """A UI message in the current language."""
    return _t(key, lang(), **values)
