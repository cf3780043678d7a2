"""Zmiany w prawie: every amendment the knowledge base considered, and the acts it checked."""

from __future__ import annotations

from ui.common import get_kb, lang
from ui.law import render_page

render_page(get_kb(), lang())
