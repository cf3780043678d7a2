"""Sharing a result: the link that reopens it and the handouts (PDF, Markdown)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

from .. import handout
from ..state import share_query
from .text import md

if TYPE_CHECKING:
    from recommender.engine import Recommendation
    from recommender.loading import KnowledgeBase


def share_panel(
    kb: KnowledgeBase, rec: Recommendation, _key: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """The link that reopens this result, and the handouts (PDF, Markdown)."""
    query = share_query(rec.profile.to_dict(), lang)
    base = None
    try:
        base = st.context.url
    except Exception:  # noqa: BLE001 - not available in every runtime (tests)
        base = None
    link = (base or "") + query if base else "wynik" + query
    st.markdown(tr("flow.share.intro"))
    st.code(link, language=None, wrap_lines=True)
    try:
        handout.font_paths()
    except handout.HandoutFontError as exc:
        st.warning(tr("flow.handout.font_missing", path=md(str(exc.path))))
        fonts_ok = False
    else:
        fonts_ok = True
    stamp = rec.knowledge_version.split("+")[0]
    with st.container(horizontal=True):
        if fonts_ok:
            st.download_button(
                tr("flow.handout.pdf"),
                data=lambda: handout.build_pdf(kb, rec, lang, link),
                file_name=f"jaka-forma-{stamp}.pdf",
                mime="application/pdf",
                on_click="ignore",
                icon=":material/picture_as_pdf:",
                key="jf_pdf",
            )
        st.download_button(
            tr("flow.handout.markdown"),
            data=lambda: handout.build_markdown(kb, rec, lang, link),
            file_name=f"jaka-forma-{stamp}.md",
            mime="text/markdown",
            on_click="ignore",
            icon=":material/description:",
            key="jf_md",
        )
