"""The facilitator's guide: a page and a PDF from one outline.

The texts are in the ``guide.*`` catalog keys; the examples, their stories and the questions
for discussion come from ``knowledge/personas.yaml`` (``discussion``), so a trainer who edits
an example there sees it in the guide and the PDF alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from recommender.i18n import t
from recommender.loading import KnowledgeBase
from recommender.models import Persona
from recommender.rooms.store import DEFAULT_RETENTION_DAYS

from .pdf import Block, render

# The examples the agendas use, in the order of the rounds: a small group without money
# (informal group vs ordinary association), a club that needs the KRS, and people who want
# to earn their living together (social cooperative).
AGENDA_PERSONAS = ("ogrod-chylice", "klub-pilkarski-jeziorna", "uslugi-spoldzielnia")
SECTIONS = ("before", "agenda60", "agenda90", "project", "depends")


def agenda_personas(kb: KnowledgeBase) -> list[Persona]:
    chosen = [kb.personas[p] for p in AGENDA_PERSONAS if p in kb.personas]
    others = [p for p in kb.personas.values() if p.id not in AGENDA_PERSONAS]
    return (chosen + others)[: len(AGENDA_PERSONAS)]


def _values(kb: KnowledgeBase, lang: str, escape: Callable[[str], str]) -> dict[str, str]:
    names = [escape(p.name.get(lang)) for p in agenda_personas(kb)]
    names += ["—"] * (3 - len(names))
    return {
        "p1": names[0],
        "p2": names[1],
        "p3": names[2],
        "console": t("nav.workshop", lang),
        "projector": t("ws.proj.open", lang),
        "days": str(DEFAULT_RETENTION_DAYS),
    }


def guide_sections(
    kb: KnowledgeBase, lang: str, escape: Callable[[str], str] = str
) -> list[tuple[str, str]]:
    """(title, markdown body) of each part of the guide, in order, privacy statement last.

    ``escape`` is applied to the example names put into the texts (markdown on the page)."""
    values = _values(kb, lang, escape)
    out = [(t(f"guide.{s}.title", lang), t(f"guide.{s}.body", lang, **values)) for s in SECTIONS]
    privacy = t("guide.privacy.body", lang, **values)
    privacy += "\n\n" + t("guide.privacy.days", lang, days=DEFAULT_RETENTION_DAYS)
    out.append((t("guide.privacy.title", lang), privacy))
    return out


def persona_parts(kb: KnowledgeBase, persona: Persona, lang: str) -> tuple[str, str, list[str]]:
    """(story, "usually comes out" line, discussion questions) of one example."""
    forms = ", ".join(kb.form_name(f, lang) for f in persona.good_fit)
    return (
        persona.story.get(lang),
        t("guide.personas.fit", lang, forms=forms),
        [q.get(lang) for q in persona.discussion],
    )


def _plain(markdown_line: str) -> str:
    return markdown_line.replace("**", "").replace("`", "")


def guide_pdf(kb: KnowledgeBase, lang: str, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    blocks = [Block("h1", t("guide.title", lang)), Block("p", t("guide.lead", lang))]
    for title, body in guide_sections(kb, lang):
        blocks.append(Block("h2", title))
        for line in body.split("\n"):
            if not line.strip():
                continue
            if line.startswith("- "):
                blocks.append(Block("bullet", _plain(line[2:])))
            else:
                blocks.append(Block("p", _plain(line)))
    blocks.append(Block("h2", t("guide.personas.title", lang)))
    blocks.append(Block("small", t("guide.personas.intro", lang)))
    for persona in kb.personas.values():
        story, fit, questions = persona_parts(kb, persona, lang)
        blocks.append(Block("h2", persona.name.get(lang)))
        blocks += [Block("p", story), Block("small", fit)]
        if questions:
            blocks.append(Block("p", t("guide.personas.questions", lang)))
            blocks += [Block("bullet", q) for q in questions]
    blocks.append(Block("small", t("guide.footer", lang, date=today.isoformat())))
    return render(blocks, t("guide.title", lang), lang)


def render_guide_page(kb: KnowledgeBase, lang: str, tr: Callable[..., Any]) -> None:
    import streamlit as st

    from ..handout import HandoutFontError
    from ..result import md
    from .assets import READABLE_CSS
    from .common import inject_css

    inject_css(READABLE_CSS)
    st.title(tr("guide.title"))
    st.markdown(tr("guide.lead"))

    def pdf() -> bytes:
        try:
            return guide_pdf(kb, lang)
        except HandoutFontError:
            return str(tr("guide.pdf.error")).encode("utf-8")

    st.download_button(
        tr("guide.pdf"),
        data=pdf,
        file_name=f"jaka-forma-przewodnik-{lang}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="jf_guide_pdf",
    )
    for title, body in guide_sections(kb, lang, escape=md):
        st.header(title)
        st.markdown(body)  # catalog markdown; the example names in it are escaped
    st.header(tr("guide.personas.title"))
    st.caption(tr("guide.personas.intro"))
    for persona in kb.personas.values():
        story, fit, questions = persona_parts(kb, persona, lang)
        with st.expander(persona.name.get(lang), icon=":material/theater_comedy:"):
            st.markdown(md(story))
            st.caption(md(fit))
            if questions:
                st.markdown(tr("guide.personas.questions"))
                st.markdown("\n".join(f"- {md(q)}" for q in questions))
    st.caption(tr("guide.footer", date=dt.date.today().isoformat()))
