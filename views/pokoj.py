"""Pokój: a participant joins a workshop room by code, answers anonymously, sees the result."""

from __future__ import annotations

from ui.common import get_kb, lang, t
from ui.workshop.participant import render_participant_page

render_participant_page(get_kb(), lang(), t)
