"""Links to the workshop pages (join, trainer, projector) and their QR codes (segno, locally)."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import streamlit as st

from recommender.rooms.links import (
    join_link,
    page_link_url,
    projector_link,
    public_base_url,
    trainer_link,
)

__all__ = [
    "app_base_url",
    "is_local_address",
    "join_link",
    "page_link_url",
    "projector_link",
    "qr_png",
    "trainer_link",
]

# -- links ----------------------------------------------------------------------------------------


def app_base_url() -> str | None:
    """The app's address without a page (``https://host/base``), or ``None`` when unknown.

    ``JAKAFORMA_PUBLIC_URL`` wins (a trainer on ``localhost`` must not put ``localhost`` in the QR
    code); else the address the trainer's browser uses.
    """
    public = public_base_url()
    if public is not None:
        return public
    try:
        url = st.context.url
    except Exception:  # noqa: BLE001 - not available in every runtime (AppTest)
        url = None
    if not url:
        return None
    url = url.rstrip("/")
    head, _, last = url.rpartition("/")
    if last in ("warsztat", "pokoj", "prezentacja", "przewodnik") and "://" in head:
        return head
    return url


def is_local_address(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1", "0.0.0.0") or host.endswith(".local")


def qr_png(link: str, scale: int = 8) -> bytes:
    """A QR code of ``link`` as PNG bytes, made locally with segno (no outside service)."""
    import segno

    buf = io.BytesIO()
    segno.make(link, error="m").save(
        buf, kind="png", scale=scale, border=2, dark="#000000", light="#ffffff"
    )
    return buf.getvalue()
