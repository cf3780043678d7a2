"""Prezentacja: with ``?room=CODE`` the projector view of a workshop room; without it the
questionnaire for a projector (large type, one question per screen)."""

from __future__ import annotations

from ui.common import get_kb, lang, t
from ui.workshop.projector import projector_code, render_projector_page
from ui.workshop.walkthrough import render_presentation_page

_code = projector_code()
if _code is None:
    render_presentation_page(get_kb(), lang(), t)
else:
    render_projector_page(get_kb(), lang(), t, _code)
