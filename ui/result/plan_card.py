"""What to do next with the best fit: its pathway, its steps with cost and time, local contacts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import streamlit as st

from .text import SourceNotes, fmt_pln, heading, item_md, md, md_url, memo, small, sources_md

if TYPE_CHECKING:
    from recommender.engine import Recommendation
    from recommender.loading import KnowledgeBase
    from recommender.models import Text


def sourced_item_md(
    kb: KnowledgeBase,
    text: str,
    sources: Iterable[str],
    uncertainty: Text | None,
    lang: str,
    tr: Callable[..., str],
    unverified: bool = False,
    notes: SourceNotes | None = None,
) -> str:
    """A sourced statement as a list item; with ``notes``, its sources are numbered refs."""
    meta = []
    if notes is None:
        src = sources_md(kb, sources, lang, tr)
    else:
        refs = notes.refs(sources)
        src = tr("flow.sources_refs_item", refs=refs) if refs else ""
    if src:
        meta.append(src)
    elif unverified:
        meta.append(tr("flow.unverified"))
    if uncertainty is not None:
        meta.append(tr("flow.uncertainty", text=md(uncertainty.get(lang))))
    return item_md(text, meta)


def pathway_md(kb: KnowledgeBase, top: str, lang: str, tr: Callable[..., str]) -> str | None:
    """Forms to start with on the way to ``top``, and what ``top`` can grow into."""
    form = kb.forms[top]
    starts = [
        (fid, pw) for fid, f in kb.forms.items() if fid != top for pw in f.pathways if pw.to == top
    ]
    if not form.pathways and not starts:
        return None
    out = heading(md(tr("flow.pathway.title", form=form.name.get(lang))), 4)
    notes = SourceNotes(kb)
    groups = (
        (tr("flow.pathway.start_with"), [(fid, pw) for fid, pw in starts]),
        (tr("flow.pathway.grow_into"), [(pw.to, pw) for pw in form.pathways]),
    )
    for title, items in groups:
        if not items:
            continue
        out += f"**{title}**\n\n"
        out += "\n".join(
            sourced_item_md(
                kb,
                f"**{md(kb.form_name(fid, lang))}** — {md(pw.text.get(lang))}",
                pw.sources,
                pw.uncertainty,
                lang,
                tr,
                notes=notes,
            )
            for fid, pw in items
        )
        out += "\n\n"
    return (out + notes.list_md(lang, tr)).rstrip()


def step_facts_md(kb: KnowledgeBase, step: Any, lang: str, tr: Callable[..., str]) -> str:
    """Where, cost and time of one step, its sources (or "unverified") and uncertainty."""
    facts = []
    if step.body is not None:
        facts.append(tr("flow.steps.body", body=md(step.body.get(lang))))
    cost = (
        tr("flow.steps.cost_unknown")
        if step.cost_pln is None
        else tr("flow.steps.cost", cost=fmt_pln(step.cost_pln, lang))
    )
    if step.cost_note is not None:
        cost += f" ({md(step.cost_note.get(lang))})"
    facts.append(cost)
    facts.append(
        tr("flow.steps.time", time=md(step.time.get(lang)))
        if step.time is not None
        else tr("flow.steps.time_unknown")
    )
    meta = [" · ".join(facts)]
    src = sources_md(kb, step.sources, lang, tr)
    meta.append(src if src else tr("flow.unverified"))
    if step.uncertainty is not None:
        meta.append(tr("flow.uncertainty", text=md(step.uncertainty.get(lang))))
    return small(meta).removeprefix("  \n")


def contacts_for(kb: KnowledgeBase, form_id: str) -> list[Any]:
    return [c for c in kb.contacts.values() if form_id in c.helps_with]


def contact_md(kb: KnowledgeBase, contact: Any, lang: str, tr: Callable[..., str]) -> str:
    """A local contact with only what its cited public page gives, and its source."""
    head = f"**{md(contact.name.get(lang))}** — {md(contact.description.get(lang))}"
    meta = []
    if contact.how_to_join is not None:
        meta.append(tr("flow.contact.how_to_join", text=md(contact.how_to_join.get(lang))))
    if contact.meetings is not None:
        meta.append(tr("flow.contact.meetings", text=md(contact.meetings.get(lang))))
    if contact.address:
        meta.append(tr("flow.contact.address", text=md(contact.address)))
    if contact.email:
        meta.append(tr("flow.contact.email", text=md(contact.email)))
    if contact.url:
        meta.append(tr("flow.contact.url", url=f"[{md(contact.url)}]({md_url(contact.url)})"))
    meta.append(sources_md(kb, contact.sources, lang, tr))
    if contact.uncertainty is not None:
        meta.append(tr("flow.uncertainty", text=md(contact.uncertainty.get(lang))))
    return head + small(meta)


def contacts_md(kb: KnowledgeBase, top: str, lang: str, tr: Callable[..., str]) -> str:
    contacts = contacts_for(kb, top)
    return heading(md(tr("flow.contacts.title")), 4) + "\n\n".join(
        contact_md(kb, c, lang, tr) for c in contacts
    )


def render_contact(kb: KnowledgeBase, contact: Any, lang: str, tr: Callable[..., str]) -> None:
    st.markdown(contact_md(kb, contact, lang, tr))


@st.fragment
def _steps_checklist(kb: KnowledgeBase, top: str, lang: str, tr: Callable[..., str]) -> None:
    """Ticking a step reruns only this checklist."""
    st.markdown(tr("flow.steps.intro"))
    for step in kb.forms[top].steps:
        st.checkbox(step.text.get(lang), key=f"jf_step_{top}_{step.id}")
        st.markdown(step_facts_md(kb, step, lang, tr))


def steps_panel(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """What next with the best fit: where it can start and grow (its pathway), its next steps
    as a checklist, and the local contacts for it."""
    if not rec.eligible:
        return
    top = rec.eligible[0].form
    pathway = memo(("pathway", top, *base), pathway_md, kb, top, lang, tr)
    if pathway:
        st.markdown(pathway)
    if kb.forms[top].steps:
        _steps_checklist(kb, top, lang, tr)
    if contacts_for(kb, top):
        st.markdown(memo(("contacts", top, *base), contacts_md, kb, top, lang, tr))
