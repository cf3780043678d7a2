"""Sharing a result: the link that reopens it and the handouts (PDF, Markdown)."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import streamlit as st

from .. import handout
from ..state import share_query
from .text import md

if TYPE_CHECKING:
    from recommender.engine import Recommendation
    from recommender.loading import KnowledgeBase


SHORT_KEY = "jf_short_links"  # {query string: code} of the short links this session made


def _short_links() -> Any:
    """The process's short-link service on the rooms database (one pool, shared)."""
    from recommender.rooms.shortlinks import ShortLinks

    from ..workshop.common import get_store

    store = get_store()
    links = getattr(store, "_jf_short_links", None)
    if links is None:
        links = ShortLinks(store)
        store._jf_short_links = links  # type: ignore[attr-defined]
    return links


def short_code(query: str) -> str | None:
    """The short link's code for this query string (made once per session), or ``None`` when
    the database cannot be reached: the long link still works."""
    from recommender.rooms import RoomsError

    made = st.session_state.setdefault(SHORT_KEY, {})
    if query in made:
        return str(made[query])
    try:
        code = _short_links().create(query)
    except RoomsError:
        return None
    made[query] = code
    return str(code)


def open_short_link() -> list[Any]:
    """On ``/wynik?r=<code>``: put the stored answers into the address (the page then reads
    them as from a long link). Returns a notice when the code is unknown or expired."""
    from urllib.parse import parse_qsl

    from recommender.rooms import RoomsError

    from ..state import SHORT_PARAM, Notice, clean_for_display

    code = st.query_params.get(SHORT_PARAM)
    if code is None:
        return []
    try:
        query = _short_links().resolve(code)
    except RoomsError:
        query = None
        problem = "short_unavailable"
    else:
        problem = "short_unknown"
    if query is None:
        del st.query_params[SHORT_PARAM]
        return [Notice(problem, SHORT_PARAM, clean_for_display(str(code)))]
    keep = {k: str(st.query_params[k]) for k in ("lang",) if k in st.query_params}
    st.query_params.from_dict({**dict(parse_qsl(query)), **keep})
    return []


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a PNG (segno; medium error correction survives a crease)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def share_panel(
    kb: KnowledgeBase, rec: Recommendation, _key: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """A short link and its QR code that reopen this result, the long link as a fallback, and
    the handouts (PDF, Markdown) carrying the short link."""
    query = share_query(rec.profile.to_dict(), lang)
    base = None
    try:
        base = st.context.url
    except Exception:  # noqa: BLE001 - not available in every runtime (tests)
        base = None
    page = (base or "").split("?")[0] if base else "wynik"
    long_link = page + query
    code = short_code(query.removeprefix("?")) if query else None
    link = f"{page}?r={code}" if code else long_link
    st.markdown(tr("share2.intro") if code else tr("flow.share.intro"))
    st.code(link, language=None, wrap_lines=True)
    if code:
        # an <img> with a text alternative (st.image has none): the QR as a data URI
        data = base64.b64encode(qr_png(link)).decode("ascii")
        alt = html.escape(tr("share2.qr_alt", link=link), quote=True)
        st.html(
            f'<figure style="margin:0"><img class="jf-qr" src="data:image/png;base64,{data}"'
            f' alt="{alt}" width="180" height="180">'
            f'<figcaption style="font-size:.875rem">{html.escape(tr("share2.qr_caption"))}'
            "</figcaption></figure>"
        )
        st.caption(tr("share2.expiry", days=_short_links().lifetime.days))
        with st.expander(tr("share2.long_link")):
            st.code(long_link, language=None, wrap_lines=True)
    elif query:
        st.caption(tr("share2.no_short"))
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
