"""Prywatność: what is stored, why and for how long."""

from __future__ import annotations

from ui.common import t
from ui.workshop.privacy import render_privacy_page

render_privacy_page(t)
