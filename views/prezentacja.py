"""Prezentacja: the questionnaire for a projector – large type, one question per screen."""

from __future__ import annotations

from ui.common import get_kb, lang, t
from ui.workshop.walkthrough import render_presentation_page

render_presentation_page(get_kb(), lang(), t)
