"""Twój plan: the founding plan of one form (``?form=<id>&<the answers as on /wynik>``)."""

from __future__ import annotations

from ui.common import get_kb, lang
from ui.plan_page import render_page

render_page(get_kb(), lang())
