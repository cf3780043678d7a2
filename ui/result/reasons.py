"""The ranking drawn as a list with bars, and the ruled-out forms with what would change them."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from .text import MUTED, PRIMARY, item_md, md, sources_md

if TYPE_CHECKING:
    from recommender.engine import Blocker, Recommendation
    from recommender.loading import KnowledgeBase


def blocker_md(kb: KnowledgeBase, b: Blocker, lang: str, tr: Callable[..., str]) -> str:
    why = tr("flow.blocker.why", text=md(b.message[lang]))
    change = tr("flow.blocker.change", text=md(b.change[lang]))
    meta = [sources_md(kb, b.sources, lang, tr)]
    if b.uncertainty is not None:
        meta.append(tr("flow.uncertainty", text=md(b.uncertainty.get(lang))))
    return item_md(f"{why}  \n  {change}", meta)


def ruled_out_md(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    """Every ruled-out form in bold, each reason with what would change it and its source."""
    blocks = []
    for r in rec.ranking:
        if r.eligible:
            continue
        lines = [f"**{md(kb.form_name(r.form, lang))}**", ""]
        lines += [blocker_md(kb, b, lang, tr) for b in r.blockers]
        blocks.append("\n".join(lines))
    return "\n\n---\n\n".join(blocks)


RANKING_CSS = (
    "<style>"
    ".jf-rank{list-style:none;padding:0;margin:0 0 1rem}"
    ".jf-rank li{display:grid;grid-template-columns:minmax(9em,20em) 1fr;"
    "gap:.2em .75em;align-items:center;margin:.4em 0}"
    ".jf-rank .jf-track{background:#e6eaf0;height:1.15em;border-radius:3px}"
    ".jf-rank .jf-bar{display:block;height:100%;border-radius:3px}"
    ".jf-rank .jf-if{display:block;font-weight:400;font-size:.9rem;color:#7a4a00}"
    "@media (max-width:640px){.jf-rank li{grid-template-columns:1fr}}"
    "</style>"
)


def ranking_chart_html(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> str:
    """The open forms as a list that is also a bar chart: place, full name, a bar as long as the
    score (0–100; the number itself is in "how we counted"), and "possible if …" for a form
    that an unanswered question could still rule out. Plain HTML: a screen reader reads an
    ordered list, the bars are hidden from it; the page needs no chart library.
    """
    from .summary import join_words, possible_if

    if not rec.eligible:
        return ""
    items = []
    for i, r in enumerate(rec.eligible):
        colour = PRIMARY if i == 0 else MUTED
        width = max(0.0, min(100.0, r.score))
        name = html.escape(kb.form_name(r.form, lang))
        pending = possible_if(r)
        note = ""
        if pending:
            fields = join_words([tr(f"field.{f}") for f in pending], tr)
            words = html.escape(tr("result2.possible_if", fields=fields))
            note = f'<span class="jf-if">{words}</span>'
        items.append(
            f'<li><span class="jf-name"><b>{i + 1}. {name}</b>{note}</span>'
            f'<span class="jf-track" aria-hidden="true" data-score="{r.score:.1f}">'
            f'<span class="jf-bar" style="width:{width:.1f}%;background:{colour}"></span>'
            "</span></li>"
        )
    label = html.escape(tr("result2.chart.description"), quote=True)
    return f'{RANKING_CSS}<ol class="jf-rank" aria-label="{label}">{"".join(items)}</ol>'


def ruled_out_line(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> str:
    """ "Nie pasują teraz: <full names>" with where to read why (markdown)."""
    ruled = [r.form for r in rec.ranking if not r.eligible]
    if not ruled:
        return ""
    names = ", ".join(md(kb.form_name(f, lang)) for f in ruled)
    return tr("result2.ruled_out", forms=names, tool=tr("result.tool.ruled_out", count=len(ruled)))
