"""Addresses of a room's three views, shared by the app and the command line.

The public base URL comes from ``JAKAFORMA_PUBLIC_URL`` (e.g. ``https://jakaforma.example.org``,
the address participants' phones can reach). Only the trainer link carries a secret.

>>> room_links("https://x.org/", "ABCDEF", "0123456789abcdef", "t0k")["projector_url"]
'https://x.org/prezentacja?room=ABCDEF'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlencode

PUBLIC_URL_ENV = "JAKAFORMA_PUBLIC_URL"
LOCAL_URL = "http://localhost:8501"  # what the app serves by default on one machine


def public_base_url(environ: Mapping[str, str] | None = None) -> str | None:
    """``JAKAFORMA_PUBLIC_URL`` without a trailing slash, if it is an http(s) address."""
    env = os.environ if environ is None else environ
    public = env.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    return public if public.startswith(("http://", "https://")) else None


def page_link_url(base: str | None, page: str, params: Mapping[str, str]) -> str:
    query = "?" + urlencode(params) if params else ""
    return f"{base.rstrip('/')}/{page}{query}" if base else f"{page}{query}"


def join_link(base: str | None, code: str) -> str:
    return page_link_url(base, "pokoj", {"code": code})


def projector_link(base: str | None, code: str) -> str:
    """The public view for the wall; bound to the room by its (public) join code."""
    return page_link_url(base, "prezentacja", {"room": code})


def trainer_link(base: str | None, room_id: str, token: str) -> str:
    return page_link_url(base, "warsztat", {"room": room_id, "token": token})


def room_links(base: str | None, code: str, room_id: str, token: str) -> dict[str, str]:
    return {
        "code": code,
        "join_url": join_link(base, code),
        "projector_url": projector_link(base, code),
        "trainer_url": trainer_link(base, room_id, token),
    }
