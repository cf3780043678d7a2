"""Rendering of a recommendation: ranking, reasons, blockers, pathways, steps, what-ifs, handouts.

Everything shown comes from the engine (:mod:`recommender.engine`) and the knowledge base; this
module only lays it out. Knowledge and user text go through plain markdown (escaped here), never
through ``unsafe_allow_html``.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from recommender.profile import FIELDS, Profile, ProfileError, parse_profile

from . import handout
from .state import (
    STEP_KEY,
    get_profile_dict,
    priority_sliders,
    question_fields,
    reset_priorities,
    share_query,
)

if TYPE_CHECKING:  # the engine pulls in numpy: imported where used, so the start page loads fast
    from recommender.engine import Blocker, Contribution, FormResult, Recommendation
    from recommender.loading import KnowledgeBase
    from recommender.models import Source, Text

TOP_N = 3
PRIMARY = "#1f5f8b"
MUTED = "#5f6b7a"

# -- helpers that do not touch Streamlit --------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$])")


def md(text: str) -> str:
    """Knowledge text made inert for markdown (no links, emphasis, LaTeX or HTML from data)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_url(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def source_line(source: Source, lang: str, tr: Callable[..., str]) -> str:
    """ "[title](url) – publisher, checked YYYY-MM-DD (note)"."""
    line = tr(
        "flow.source",
        title=f"[{md(source.title)}]({md_url(source.url)})",
        publisher=md(source.publisher),
        date=source.checked.isoformat(),
    )
    if source.note is not None:
        line += f" ({md(source.note.get(lang))})"
    return line


def sources_md(kb: KnowledgeBase, ids: Iterable[str], lang: str, tr: Callable[..., str]) -> str:
    sources = kb.source_list(dict.fromkeys(ids))
    if not sources:
        return ""
    return tr("flow.sources_label") + " " + "; ".join(source_line(s, lang, tr) for s in sources)


class SourceNotes:
    """The numbered sources of one card, as in print: a reason names its sources as [1], [2];
    the card lists each source once at its end (title with its link, publisher, date checked,
    note) instead of repeating the whole line under every reason that cites it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.numbers: dict[str, int] = {}

    def refs(self, ids: Iterable[str]) -> str:
        out = []
        for source in self.kb.source_list(dict.fromkeys(ids)):
            n = self.numbers.setdefault(source.id, len(self.numbers) + 1)
            out.append(f"\\[{n}\\]")
        return ", ".join(out)

    def list_md(self, lang: str, tr: Callable[..., str]) -> str:
        if not self.numbers:
            return ""
        lines = [
            f"{n}. :small[{source_line(s, lang, tr)}]"
            for n, s in enumerate(self.kb.source_list(self.numbers), 1)
        ]
        return f"**{tr('flow.sources_title')}**\n\n" + "\n".join(lines)


def small(lines: Iterable[str]) -> str:
    """Lines of small print (sources, uncertainty) to append to a markdown block."""
    return "".join(f"  \n:small[{line}]" for line in lines if line)


def fmt_points(value: float, lang: str = "pl") -> str:
    text = f"{value:+.1f}".replace("-", "−")
    return text.replace(".", ",") if lang == "pl" else text


def fmt_score(value: float, lang: str = "pl") -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "pl" else text


def fmt_pln(value: int, lang: str) -> str:
    return f"{value:,}".replace(",", "\u00a0") + (" zł" if lang == "pl" else " PLN")


def answer_value_label(
    kb: KnowledgeBase, field: str, value: Any, lang: str, tr: Callable[..., str]
) -> str:
    """A readable rendering of one answer, using the questionnaire's option labels."""
    spec = FIELDS[field]
    if spec.kind == "int":
        return fmt_pln(value, lang) if field == "capital_pln" else str(value)
    for section in kb.questionnaire.sections:
        for q in section.questions:
            if field not in question_fields(q):
                continue
            if spec.kind == "enum_list":
                if not value:
                    empty = next(
                        (o for o in q.options if o.sets is not None and not o.unknown), None
                    )
                    return empty.label.get(lang) if empty else tr("flow.none")
                labels = []
                for v in value:
                    opt = next((o for o in q.options if o.value == v), None)
                    labels.append(opt.label.get(lang) if opt else str(v))
                return "; ".join(labels)
            for o in q.options:
                if o.sets and o.sets.get(field) == value and len(o.sets) == 1:
                    return o.label.get(lang)
    if spec.kind == "bool":
        return tr("flow.yes") if value else tr("flow.no")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def depends_on(rec: Recommendation, top_n: int | None = None) -> list[str]:
    """Unknown fields that decide rules, pros or cons of the leading forms (answer order)."""
    order = list(FIELDS)
    forms = rec.ranking if top_n is None else [*rec.eligible[:top_n]]
    fields = {f for r in forms for p in r.pending for f in p.fields}
    return sorted(fields, key=order.index)


def section_of_field(kb: KnowledgeBase, field: str) -> int | None:
    for i, section in enumerate(kb.questionnaire.sections):
        if any(field in question_fields(q) for q in section.questions):
            return i
    return None


def robustness_words(
    rec: Recommendation, kb: KnowledgeBase, lang: str, tr: Callable[..., str]
) -> str | None:
    rob = rec.robustness
    if rob.top_form is None:
        return None
    out_of_ten = round(rob.stays_first * 10)
    text = tr(
        "flow.robust.sentence",
        form=md(kb.form_name(rob.top_form, lang)),
        n=out_of_ten,
        pct=round(rob.stays_first * 100),
        samples=rob.samples,
    )
    if rob.stays_first >= 0.9:
        text += " " + tr("flow.robust.stable")
    elif rob.stays_first >= 0.6:
        text += " " + tr("flow.robust.fair")
    else:
        text += " " + tr("flow.robust.close")
    others = sorted(
        ((f, s) for f, s in rob.firsts.items() if f != rob.top_form), key=lambda x: -x[1]
    )
    if others:
        text += " " + tr(
            "flow.robust.others",
            forms=", ".join(
                f"{md(kb.form_name(f, lang))} ({round(s * 100)}%)" for f, s in others[:3]
            ),
        )
    return text


def runner_up_words(
    rec: Recommendation, kb: KnowledgeBase, lang: str, tr: Callable[..., str]
) -> str | None:
    if rec.runner_up is None:
        return None
    name = md(kb.form_name(rec.runner_up.form, lang))
    change = rec.runner_up.change
    if change is None:
        return tr("flow.runner_up.none", form=name)
    crit = md(kb.criteria[change.criterion].label.get(lang))
    return tr("flow.runner_up.change", form=name, criterion=crit, old=change.old, new=change.new)


# -- recommendations, cached per profile ------------------------------------------------------


_TEXTS: dict[tuple[Any, ...], Any] = {}
_RECOMMENDATIONS: dict[tuple[Any, ...], Any] = {}
_LIMITS = {id(_TEXTS): 2048, id(_RECOMMENDATIONS): 512}


def memo(
    key: tuple[Any, ...],
    build: Callable[..., Any],
    *args: Any,
    store: dict[tuple[Any, ...], Any] = _TEXTS,
) -> Any:
    """A value built once per server process for ``key``, which must name the knowledge version
    and everything else the value depends on (profile key, language, form...).

    Recommendations and the page's texts are pure functions of (knowledge, profile, language),
    so a rerun looks them up in a dict instead of composing them again. A plain dict rather than
    ``st.cache_resource``: its lookup (hashing the arguments) cost 0.1 ms per call. When a store
    is full it is emptied and refills with what is in use (values are immutable and shared by all
    sessions; a lost race only builds a value twice).
    """
    try:
        return store[key]
    except KeyError:
        value = build(*args)
        if len(store) >= _LIMITS.get(id(store), 2048):
            store.clear()
        store[key] = value
        return value


def _recommend(kb: KnowledgeBase, profile: Profile) -> Recommendation:
    from recommender.engine import recommend

    return recommend(kb, profile)


def get_recommendation(
    kb: KnowledgeBase, profile: Profile, profile_key: str | None = None
) -> Recommendation:
    """One shared, immutable result per (knowledge version, profile)."""
    key = ("rec", kb.version, profile_key or profile.key())
    return memo(key, _recommend, kb, profile, store=_RECOMMENDATIONS)  # type: ignore[no-any-return]


def implied_weights(kb: KnowledgeBase, profile: Profile) -> dict[str, int]:
    """The weights the answers imply, ignoring the user's own priorities (the sliders' defaults)."""
    from recommender.engine import weights_for

    bare = Profile(values=profile.values, priorities={})
    return {w.criterion: w.value for w in weights_for(kb, bare)}


# -- what-if -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WhatIf:
    id: str
    label: str
    changes: Mapping[str, Any]
    help: str | None = None
    disabled: bool = False


def what_ifs(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> list[WhatIf]:
    """ "+3 founders", "+5 000 zł", and every distinct change that lifts a blocker."""
    values = rec.profile.values
    out: list[WhatIf] = []
    founders = values.get("founders")
    out.append(
        WhatIf(
            "founders3",
            tr("flow.whatif.founders"),
            {"founders": (founders or 0) + 3},
            None
            if founders is not None
            else tr("flow.whatif.needs_answer", field=tr("field.founders")),
            founders is None,
        )
    )
    capital = values.get("capital_pln")
    out.append(
        WhatIf(
            "capital5000",
            tr("flow.whatif.capital", amount=fmt_pln(5000, lang)),
            {"capital_pln": (capital or 0) + 5000},
            None
            if capital is not None
            else tr("flow.whatif.needs_answer", field=tr("field.capital_pln")),
            capital is None,
        )
    )
    seen: dict[str, int] = {}
    for r in rec.ranking:
        if r.eligible:
            continue
        for b in r.blockers:
            if not b.lift:
                continue
            sig = json.dumps(dict(b.lift), sort_keys=True, default=list)
            label = tr(
                "flow.whatif.lift", change=md(b.change[lang]), form=md(kb.form_name(r.form, lang))
            )
            if sig in seen:
                prev = out[seen[sig]]
                out[seen[sig]] = WhatIf(
                    prev.id, prev.label + "; " + md(kb.form_name(r.form, lang)), prev.changes
                )
                continue
            seen[sig] = len(out)
            out.append(WhatIf(f"lift_{r.form}_{b.rule}", label, dict(b.lift)))
    return out


def apply_changes(
    profile: Profile, changes: Sequence[Mapping[str, Any]], criteria: Iterable[str]
) -> Profile | None:
    """The profile with every change applied (numbers only grow); ``None`` if that is invalid."""
    data = profile.to_dict()
    for change in changes:
        for field, value in change.items():
            old = data.get(field)
            spec = FIELDS.get(field)
            if (
                spec is not None
                and spec.kind == "int"
                and isinstance(old, int)
                and isinstance(value, int)
            ):
                data[field] = max(old, value)
            else:
                data[field] = list(value) if isinstance(value, tuple) else value
    try:
        return parse_profile(data, {c: None for c in criteria})
    except ProfileError:
        return None


def movement_rows(
    kb: KnowledgeBase,
    before: Recommendation,
    after: Recommendation,
    lang: str,
    tr: Callable[..., str],
) -> list[tuple[str, str, str]]:
    """(form, position old → new, score old → new) for every form whose place or score changed."""

    def place(rec: Recommendation) -> dict[str, int | None]:
        return {r.form: (i + 1 if r.eligible else None) for i, r in enumerate(rec.ranking)}

    old_place, new_place = place(before), place(after)
    rows = []
    for r in after.ranking:
        old = before.result(r.form)
        op, np_ = old_place[r.form], new_place[r.form]
        if op == np_ and (not r.eligible or abs(old.score - r.score) < 0.05):
            continue
        out = tr("flow.ruled_out_short")
        pos = f"{op or out} → {np_ or out}"
        old_score = fmt_score(old.score, lang) if old.eligible else "–"
        sc = f"{old_score} → {fmt_score(r.score, lang) if r.eligible else '–'}"
        rows.append((kb.form_name(r.form, lang), pos, sc))
    return rows


# -- markdown blocks (pure: text in, text out) ------------------------------------------------
#
# Streamlit's cost per rerun grows with the number of elements, not with their length: each
# block below is composed as ONE markdown string (heading, list, small print together).


def heading(text: str, level: int = 3) -> str:
    """A markdown heading line for knowledge or catalog text (escaped; no trailing '#')."""
    return "#" * level + " " + text.replace("\n", " ") + "\n\n"


def item_md(text: str, meta: Iterable[str]) -> str:
    """One list item: the text, then small-print lines (criteria, sources, uncertainty)."""
    return f"- {text}" + small(meta).replace("\n", "\n  ")


def contribution_md(
    kb: KnowledgeBase,
    c: Contribution,
    lang: str,
    tr: Callable[..., str],
    notes: SourceNotes | None = None,
) -> str:
    """One pro or con with its points, criteria, sources (numbered when ``notes`` collects them
    for a card) and uncertainty."""
    head = f"**{fmt_points(c.points, lang)} {tr('flow.pts')}** — {md(c.text.get(lang))}"
    crits = ", ".join(kb.criteria[x].label.get(lang) for x in c.criteria if x in kb.criteria)
    line = tr(
        "flow.item.criteria", criteria=md(crits), strength=c.strength, weight=round(c.weight, 1)
    )
    meta = [line]
    if notes is not None:
        refs = notes.refs(c.sources)
        if refs:
            meta[0] += " · " + tr("flow.sources_refs", refs=refs)
    else:
        src = sources_md(kb, c.sources, lang, tr)
        if src:
            meta.append(src)
    if c.uncertainty is not None:
        meta.append(tr("flow.uncertainty", text=md(c.uncertainty.get(lang))))
    return item_md(head, meta)


def headline_md(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    """Best fit, how stable that is, what would put the runner-up first; not legal advice."""
    parts = []
    if rec.eligible:
        top = rec.eligible[0]
        parts.append(
            tr("flow.top", form=md(kb.form_name(top.form, lang)), score=fmt_score(top.score, lang))
        )
        for words in (robustness_words(rec, kb, lang, tr), runner_up_words(rec, kb, lang, tr)):
            if words:
                parts.append(words)
    parts.append(f":small[{tr('flow.disclaimer', date=kb.last_checked.isoformat())}]")
    return "\n\n".join(parts)


def form_card_md(
    kb: KnowledgeBase, r: FormResult, place: int, lang: str, tr: Callable[..., str]
) -> str:
    """One leading form: summary, pros and cons with points, what it depends on, its sources."""
    form = kb.forms[r.form]
    notes = SourceNotes(kb)
    score = tr("flow.score_points", score=fmt_score(r.score, lang))
    out = heading(f"{place}. {md(form.name.get(lang))} · {score}")
    out += md(form.summary.get(lang))
    refs = notes.refs(form.sources)
    if refs:
        out += small([tr("flow.sources_refs_line", refs=refs)])
    out += "\n\n"
    for title, items in ((tr("flow.pros"), r.pros), (tr("flow.cons"), r.cons)):
        out += f"**{title}**\n\n"
        if items:
            out += "\n".join(contribution_md(kb, c, lang, tr, notes) for c in items) + "\n\n"
        else:
            out += tr("flow.none_apply") + "\n\n"
    pending = sorted({f for p in r.pending for f in p.fields}, key=list(FIELDS).index)
    if pending:
        out += "*" + tr("flow.form_depends", fields=", ".join(tr(f"field.{f}") for f in pending))
        out += "*\n\n"
    return (out + notes.list_md(lang, tr)).rstrip()


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


def answers_md(kb: KnowledgeBase, profile: Profile, lang: str, tr: Callable[..., str]) -> str:
    if not profile.values:
        return tr("flow.answers.none")
    return "\n".join(
        f"- **{tr(f'field.{field}')}**: "
        + md(answer_value_label(kb, field, profile.values[field], lang, tr))
        for field in FIELDS
        if field in profile.values
    )


def what_if_md(
    kb: KnowledgeBase,
    before: Recommendation,
    after: Recommendation,
    lang: str,
    tr: Callable[..., str],
) -> str:
    """How the first place and the ranking would move (a table of the forms that move)."""
    before_top = before.eligible[0].form if before.eligible else None
    after_top = after.eligible[0].form if after.eligible else None
    if after_top != before_top and after_top is not None:
        out = tr(
            "flow.whatif.new_top",
            old=md(kb.form_name(before_top, lang)) if before_top else "–",
            new=md(kb.form_name(after_top, lang)),
        )
    else:
        out = tr("flow.whatif.same_top")
    rows = movement_rows(kb, before, after, lang, tr)
    if not rows:
        return out + "\n\n" + tr("flow.whatif.no_change")
    table = [
        f"| {tr('flow.chart.form')} | {tr('flow.whatif.place')} | {tr('flow.chart.score')} |",
        "|---|---|---|",
    ]
    table += [f"| {md(f)} | {p} | {s} |" for f, p, s in rows]
    return out + "\n\n" + "\n".join(table)


# -- Streamlit rendering ----------------------------------------------------------------------


def page_link(page: str, **kwargs: Any) -> None:
    """``st.page_link`` that leaves the link out when the page is not in the navigation
    (a page script run on its own, as the benchmark does)."""
    from streamlit.errors import StreamlitAPIException

    with contextlib.suppress(StreamlitAPIException):
        st.page_link(page, **kwargs)


def render_notices(notices: Sequence[Any], tr: Callable[..., str]) -> None:
    from .state import notice_texts

    if not notices:
        return
    texts = notice_texts(notices, tr)
    st.warning(
        tr("flow.notice.title") + "\n\n" + "\n".join(f"- {x}" for x in texts),
        icon=":material/link_off:",
    )


# The ranking chart's look. Bars are graphics (WCAG 1.4.11: at least 3:1 against their track);
# below 640 px the form's name takes a line of its own above its bar.
RANKING_CSS = (
    "<style>"
    ".jf-rank{list-style:none;padding:0;margin:0 0 1rem}"
    ".jf-rank li{display:grid;grid-template-columns:minmax(9em,18em) 1fr 5.5em;"
    "gap:.2em .75em;align-items:center;margin:.4em 0}"
    ".jf-rank .jf-track{background:#e6eaf0;height:1.15em;border-radius:3px}"
    ".jf-rank .jf-bar{display:block;height:100%;border-radius:3px}"
    "@media (max-width:640px){.jf-rank li{grid-template-columns:1fr 5em}"
    ".jf-rank .jf-name{grid-column:1/-1}}"
    "</style>"
)


def ranking_chart_html(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> str:
    """The eligible forms as a list that is also a bar chart: place, name, a bar as long as the
    score (0–100) and the score in words. Plain HTML inside the ranking's markdown: a screen
    reader reads an ordered list ("1. Social cooperative 100.0 points"), the bars are hidden
    from it, and the page needs no chart library — one element instead of a list and a chart.
    """
    if not rec.eligible:
        return ""
    items = []
    for i, r in enumerate(rec.eligible):
        colour = PRIMARY if i == 0 else MUTED
        width = max(0.0, min(100.0, r.score))
        name = html.escape(kb.form_name(r.form, lang))
        score = html.escape(tr("flow.score_points", score=fmt_score(r.score, lang)))
        items.append(
            f'<li><span class="jf-name"><b>{i + 1}. {name}</b></span>'
            f'<span class="jf-track" aria-hidden="true"><span class="jf-bar" '
            f'style="width:{width:.1f}%;background:{colour}"></span></span>'
            f'<span class="jf-score">{score}</span></li>'
        )
    label = html.escape(tr("flow.chart.description"), quote=True)
    return f'{RANKING_CSS}<ol class="jf-rank" aria-label="{label}">{"".join(items)}</ol>'


@dataclass(frozen=True)
class PageTexts:
    """Everything the result page shows before any expander is opened, composed once per
    (knowledge version, profile, language) and shared by all sessions (see :func:`memo`)."""

    ranking: str  # headline, robustness, runner-up, not legal advice, the ranking chart (HTML)
    top_label: str  # the label of the control that picks one of the leading forms
    tabs: tuple[str, ...]  # "1. Form" for the leading forms
    cards: tuple[str, ...]  # the leading forms' reasons, one per form
    after_cards: str  # the "answer these questions" heading
    depends: tuple[tuple[int, str], ...]  # (questionnaire step, button label)
    tools: Mapping[str, str]  # the tool picker's short labels by tool id (see TOOLS)
    headings: Mapping[str, str]  # each tool panel's heading: what it holds, with counts


def page_texts(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> PageTexts:
    eligible = rec.eligible
    leading = eligible[:TOP_N]
    top = eligible[0].form if eligible else None
    ranking = headline_md(kb, rec, lang, tr)
    if eligible:
        ranking += (
            "\n\n" + heading(md(tr("flow.ranking.title"))) + ranking_chart_html(kb, rec, lang, tr)
        )
    depends = tuple(depends_buttons(kb, rec, tr))
    profile = rec.profile
    ruled = [r.form for r in rec.ranking if not r.eligible]
    ruled_names = ", ".join(
        md((kb.forms[f].short_name or kb.forms[f].name).get(lang)) for f in ruled
    )
    ruled_tool = tr("result.tool.ruled_out", count=len(ruled))
    if eligible and ruled:
        ranking += "\n\n" + tr("flow.ranking.ruled_out", forms=ruled_names, tool=ruled_tool)
    steps = len(kb.forms[top].steps) if top else 0
    contacts = len(contacts_for(kb, top)) if top else 0
    tools = {
        "priorities": tr("result.tool.priorities"),
        "steps": tr("result.tool.steps", steps=steps, contacts=contacts),
        "ruled_out": ruled_tool,
        "share": tr("result.tool.share"),
    }
    headings = {
        "priorities": tr("result.inputs.open", count=len(profile.values)),
        "steps": (
            tr("result.next.open", form=kb.form_name(top, lang), steps=steps, contacts=contacts)
            if top
            else tr("result.tool.steps_none")
        ),
        "ruled_out": (
            tr("result.ruled_out.open", count=len(ruled), forms=ruled_names)
            if ruled
            else tr("result.tool.ruled_out_none")
        ),
        "share": tr("result.share.open"),
    }
    return PageTexts(
        ranking=ranking,
        top_label=f"**{md(tr('flow.top3.title'))}**",
        tabs=tuple(f"{i}. {kb.form_name(r.form, lang)}" for i, r in enumerate(leading, 1)),
        cards=tuple(form_card_md(kb, r, i, lang, tr) for i, r in enumerate(leading, 1)),
        after_cards=(
            heading(md(tr("flow.depends.title"))) + tr("flow.depends.intro") if depends else ""
        ),
        depends=depends,
        tools=tools,
        headings=headings,
    )


def depends_buttons(
    kb: KnowledgeBase, rec: Recommendation, tr: Callable[..., str]
) -> list[tuple[int, str]]:
    """(questionnaire step, button label) for the unknown answers that decide the leading forms."""
    sections: dict[int, list[str]] = {}
    for f in depends_on(rec, TOP_N):
        idx = section_of_field(kb, f)
        if idx is not None:
            sections.setdefault(idx, []).append(f)
    return [
        (idx, tr("flow.depends.answer", fields=", ".join(tr(f"field.{f}") for f in fs)))
        for idx, fs in sections.items()
    ]


def contacts_md(kb: KnowledgeBase, top: str, lang: str, tr: Callable[..., str]) -> str:
    contacts = contacts_for(kb, top)
    return heading(md(tr("flow.contacts.title")), 4) + "\n\n".join(
        contact_md(kb, c, lang, tr) for c in contacts
    )


def render_contact(kb: KnowledgeBase, contact: Any, lang: str, tr: Callable[..., str]) -> None:
    st.markdown(contact_md(kb, contact, lang, tr))


# The tools under the ranking, in the order their panels appear. The ids are the picker's
# options: they must not change (the picker keeps its selection by position).
TOOLS = ("priorities", "steps", "ruled_out", "share")
TOOLS_KEY = "jf_tools"
TOOL_ICONS = {
    "priorities": ":material/tune:",
    "steps": ":material/task_alt:",
    "ruled_out": ":material/block:",
    "share": ":material/share:",
}


def _goto_step(index: int) -> None:
    st.session_state[STEP_KEY] = index
    st.session_state["jf_goto_ankieta"] = True


DEPENDS_KEY = "jf_depends"


def _on_depends() -> None:
    """A chip of "answer these questions" was pressed: open that questionnaire step (the chip
    itself never stays selected)."""
    index = st.session_state.get(DEPENDS_KEY)
    st.session_state[DEPENDS_KEY] = None
    if isinstance(index, int):
        _goto_step(index)


@st.fragment
def _steps_checklist(kb: KnowledgeBase, top: str, lang: str, tr: Callable[..., str]) -> None:
    """Ticking a step reruns only this checklist."""
    st.markdown(tr("flow.steps.intro"))
    for step in kb.forms[top].steps:
        st.checkbox(step.text.get(lang), key=f"jf_step_{top}_{step.id}")
        st.markdown(step_facts_md(kb, step, lang, tr))


@st.fragment
def _what_if_toggles(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> None:
    """Switching a what-if reruns only this part."""
    st.markdown(heading(md(tr("flow.whatif.title")), 4) + tr("flow.whatif.intro"))
    chosen = []
    for opt in what_ifs(kb, rec, lang, tr):
        if st.toggle(opt.label, key=f"jf_whatif_{opt.id}", help=opt.help, disabled=opt.disabled):
            chosen.append(opt.changes)
    if not chosen:
        return
    variant = apply_changes(rec.profile, chosen, kb.criteria)
    if variant is None:
        st.info(tr("flow.whatif.invalid"))
        return
    st.markdown(what_if_md(kb, rec, get_recommendation(kb, variant), lang, tr))


def _share_panel(
    kb: KnowledgeBase, rec: Recommendation, _key: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """The link that reopens this result, and the handouts (PDF, Markdown)."""
    query = share_query(rec.profile.to_dict(), lang)
    base = None
    try:
        base = st.context.url
    except Exception:  # noqa: BLE001 - not available in every runtime (tests)
        base = None
    link = (base or "") + query if base else "wynik" + query
    st.markdown(tr("flow.share.intro"))
    st.code(link, language=None, wrap_lines=True)
    try:
        handout.font_paths()
    except handout.HandoutFontError as exc:
        st.warning(tr("flow.handout.font_missing", path=md(str(exc.path))))
        fonts_ok = False
    else:
        fonts_ok = True
    stamp = rec.knowledge_version.split("+")[0]
    with st.container(horizontal=True):
        if fonts_ok:
            st.download_button(
                tr("flow.handout.pdf"),
                data=lambda: handout.build_pdf(kb, rec, lang, link),
                file_name=f"jaka-forma-{stamp}.pdf",
                mime="application/pdf",
                on_click="ignore",
                icon=":material/picture_as_pdf:",
                key="jf_pdf",
            )
        st.download_button(
            tr("flow.handout.markdown"),
            data=lambda: handout.build_markdown(kb, rec, lang, link),
            file_name=f"jaka-forma-{stamp}.md",
            mime="text/markdown",
            on_click="ignore",
            icon=":material/description:",
            key="jf_md",
        )


def _priorities_panel(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """Priority sliders (a full rerun: the ranking above changes), what-ifs, the answers."""
    profile = rec.profile
    st.markdown(heading(md(tr("flow.priorities.title")), 4) + tr("flow.priorities.intro"))
    priority_sliders(kb, profile, implied_weights(kb, profile), lang, tr)
    if profile.priorities:
        st.button(
            tr("flow.priorities.reset"), on_click=reset_priorities, args=(kb,), key="jf_prio_reset"
        )
    _what_if_toggles(kb, rec, lang, tr)
    answers = memo(("answers", *base), answers_md, kb, profile, lang, tr)
    title = tr("flow.answers.title", count=len(profile.values))
    st.markdown(heading(md(title), 4) + answers)
    page_link("views/ankieta.py", label=tr("flow.answers.edit"), icon=":material/edit:")


def _steps_panel(
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


def _ruled_out_panel(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    body = memo(("ruled_out", *base), ruled_out_md, kb, rec, lang, tr)
    if body:
        st.markdown(body)


_PANELS: dict[str, Callable[..., None]] = {
    "priorities": _priorities_panel,
    "steps": _steps_panel,
    "ruled_out": _ruled_out_panel,
    "share": _share_panel,
}


def render_result(
    kb: KnowledgeBase,
    profile: Profile,
    lang: str,
    tr: Callable[..., str],
    title: str | None = None,
) -> Recommendation:
    """The whole result page (below ``title``, which opens its first element when given).

    What everybody reads comes first, in one element: the best fit and how stable it is, the
    ranking (a list drawn as a bar chart) and which forms are ruled out. Under it, one picker
    opens the tools and longer lists — priorities with what-ifs and the answers, next steps and
    contacts, the ruled-out forms in detail, sharing — whose panels are built only while open.
    Then the leading forms' reasons (only the chosen form's card is built), the pathway and the
    questions that could still change the result. Closed, the page is eight elements or fewer:
    Streamlit's cost per rerun grows with the number of elements, more than with their size.
    """
    from recommender.i18n import t as translate

    def tr(key: str, **values: Any) -> str:  # type: ignore[no-redef]  # noqa: F811 - bound to lang
        return translate(key, lang, **values)

    profile_key = profile.key()
    rec = get_recommendation(kb, profile, profile_key)
    base = (kb.version, profile_key, lang)
    texts: PageTexts = memo(("page", *base), page_texts, kb, rec, lang, tr)
    head = heading(md(title), 1) if title else ""
    eligible = rec.eligible
    if head and (not profile.values or not eligible):  # a notice goes between title and result
        st.markdown(head)
        head = ""
    if not profile.values:
        st.info(tr("flow.no_answers"), icon=":material/info:")
        page_link(
            "views/ankieta.py", label=tr("flow.go_questionnaire"), icon=":material/checklist:"
        )
    if not eligible:
        st.error(tr("flow.no_eligible"))
    # our own HTML (the chart); knowledge text in it is escaped by md()/html.escape
    st.markdown(head + texts.ranking, unsafe_allow_html=True)
    chosen = st.pills(
        f"**{md(tr('result.tools.label'))}**",
        TOOLS,
        selection_mode="multi",
        format_func=lambda tool: f"{TOOL_ICONS[tool]} {texts.tools[tool]}",
        key=TOOLS_KEY,
        width="stretch",
    )
    open_ = set(chosen or ())
    for tool in TOOLS:
        if tool in open_:
            # a keyed box per open panel: one element more, only while the panel is open
            with st.container(key=f"jf_tool_{tool}"):
                st.markdown(heading(md(texts.headings[tool])))
                _PANELS[tool](kb, rec, base, lang, tr)
    card = ""
    if texts.tabs:
        # one leading form at a time: a segmented control (one element) builds only the chosen
        # card; tabs would need a block per tab, and non-lazy tabs build all three cards
        places = list(range(len(texts.tabs)))
        picked = st.segmented_control(
            texts.top_label,
            places,
            default=0,
            required=True,
            format_func=texts.tabs.__getitem__,
            key="jf_top_tab",
            width="stretch",
        )
        card = texts.cards[picked if picked in places else 0]
    # the chosen card, the pathway and the "answer these questions" heading: one element
    body = "\n\n".join(x for x in (card, texts.after_cards) if x)
    if body:
        st.markdown(body)
    if texts.depends:
        # one chip per questionnaire step whose answers could change the leading forms; pressing
        # one opens that step (one element, however many steps)
        labels = dict(texts.depends)
        st.pills(
            tr("flow.depends.title"),
            list(labels),
            selection_mode="single",
            format_func=lambda idx: f":material/edit: {labels[idx]}",
            key=DEPENDS_KEY,
            on_change=_on_depends,
            label_visibility="collapsed",  # the heading right above says it
        )
    return rec


def goto_requested() -> bool:
    """True once after a "answer this" button asked to open the questionnaire."""
    return bool(st.session_state.pop("jf_goto_ankieta", False))


__all__ = [
    "get_profile_dict",
    "get_recommendation",
    "render_result",
    "render_notices",
    "goto_requested",
]
