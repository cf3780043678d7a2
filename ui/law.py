"""The "Zmiany w prawie" page: amendments considered, newest first, and the acts we checked."""

from __future__ import annotations

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.models import Act, LawChange
from ui import browse
from ui.browse import link, md, small, tr


def date_text(day: object, lang: str) -> str:
    import datetime as dt

    if not isinstance(day, dt.date):
        return tr("law.date_unknown", lang)
    return f"{day.day}.{day.month:02d}.{day.year}" if lang == "pl" else day.isoformat()


def change_meta(kb: KnowledgeBase, change: LawChange, lang: str) -> str:
    """Status, date in force, journal and act of one change, as one plain line."""
    act = kb.acts.get(change.act)
    status = tr(f"law.status.{change.status}", lang)
    if change.unverified:
        status += f" ({tr('law.status.unverified', lang)})"
    parts = [status]
    if change.in_force is not None:
        parts.append(tr("law.in_force", lang, date=date_text(change.in_force, lang)))
    elif change.status != "pending":
        parts.append(tr("law.date_unknown", lang))
    if change.journal:
        parts.append(change.journal)
    if act is not None:
        parts.append(act.short.get(lang))
    return " · ".join(parts)


def render_change(kb: KnowledgeBase, change: LawChange, lang: str) -> None:
    with st.container(border=True):
        st.subheader(change.title.get(lang), anchor=f"z-{change.id}")
        st.markdown(f"**{md(change_meta(kb, change, lang))}**")
        st.markdown(md(change.text.get(lang)))
        if change.facts:
            labels = [kb.fact_keys[k].label.get(lang) for k in change.facts if k in kb.fact_keys]
            st.markdown(md(tr("law.facts", lang, facts=", ".join(labels))))
        forms = [f for f in change.forms if f in kb.forms]
        if forms:
            st.markdown(f"**{md(tr('law.forms', lang))}:**")
            browse.form_links(kb, forms, lang)
        browse.render_sourced(kb, change, lang)


def act_line(act: Act, lang: str) -> str:
    """One act of the registry as a markdown line: name, texts, last amendment, date checked."""
    parts = [link(act.title.get(lang), act.isap_url)]
    if act.consolidated:
        parts.append(md(tr("law.act.consolidated", lang, journal=act.consolidated)))
    else:
        parts.append(md(tr("law.act.consolidated_unknown", lang, journal=act.journal)))
    if act.last_amendment is not None:
        parts.append(md(tr("law.act.amended", lang, date=date_text(act.last_amendment, lang))))
    parts.append(md(tr("law.act.checked", lang, date=date_text(act.checked, lang))))
    if act.note is not None:
        parts.append(md(act.note.get(lang)))
    return "- " + ", ".join(parts)


def render_page(kb: KnowledgeBase, lang: str) -> None:
    st.title(tr("law.title", lang))
    st.markdown(md(tr("law.intro", lang, date=date_text(kb.law_as_of, lang))))
    if not kb.law_changes:
        st.info(tr("law.none", lang))
    for change in kb.law_changes:
        render_change(kb, change, lang)
    st.header(tr("law.acts", lang))
    st.markdown(md(tr("law.acts_intro", lang)))
    st.markdown("\n".join(act_line(a, lang) for a in kb.acts.values()))
    small(md(tr("law.not_advice", lang)))
