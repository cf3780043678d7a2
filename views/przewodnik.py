"""Przewodnik: the facilitator's guide – agendas, what to project when, questions, privacy."""

from __future__ import annotations

from ui.common import get_kb, lang, t
from ui.workshop.guide import render_guide_page

render_guide_page(get_kb(), lang(), t)
