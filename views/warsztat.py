"""Warsztat: the trainer creates a room and watches the group's answers live."""

from __future__ import annotations

from ui.common import get_kb, lang, t
from ui.workshop.console import render_trainer_page

render_trainer_page(get_kb(), lang(), t)
