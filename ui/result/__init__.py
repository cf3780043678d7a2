"""The result page, by part: :mod:`.summary` is the first screen (best fit, why, first steps, the
plan button), :mod:`.reasons` the ranking and the ruled-out forms, :mod:`.plan_card` the steps and
contacts, :mod:`.how_we_count` points, weights and stability, :mod:`.share` links and handouts;
:mod:`.page` puts them together and :mod:`.text` holds the shared helpers.

Everything shown comes from the engine (:mod:`recommender.engine`) and the knowledge base; this
package only lays it out. Knowledge and user text go through escaping (``md``, ``html.escape``).
"""

from __future__ import annotations

from .how_we_count import (
    answers_md,
    apply_changes,
    form_card_md,
    movement_rows,
    robustness_words,
    runner_up_words,
    what_if_md,
    what_ifs,
)
from .page import depends_buttons, goto_requested, page_texts, render_result
from .plan_card import contact_md, contacts_for, pathway_md, render_contact, step_facts_md
from .reasons import ranking_chart_html, ruled_out_md
from .text import (
    answer_value_label,
    fmt_pln,
    fmt_points,
    fmt_score,
    get_recommendation,
    md,
    render_notices,
    sources_md,
)

__all__ = [
    "answer_value_label",
    "answers_md",
    "apply_changes",
    "contact_md",
    "contacts_for",
    "depends_buttons",
    "fmt_pln",
    "fmt_points",
    "fmt_score",
    "form_card_md",
    "get_recommendation",
    "goto_requested",
    "md",
    "movement_rows",
    "page_texts",
    "pathway_md",
    "ranking_chart_html",
    "render_contact",
    "render_notices",
    "render_result",
    "robustness_words",
    "ruled_out_md",
    "runner_up_words",
    "sources_md",
    "step_facts_md",
    "what_if_md",
    "what_ifs",
]
