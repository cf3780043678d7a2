"""How we counted: points, strengths and weights of each reason, how stable the first place is,
what would change it, the priorities and the what-ifs. One click below the first screen."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from recommender.profile import FIELDS, Profile, ProfileError, parse_profile

from ..questionnaire import priority_sliders
from ..state import reset_priorities
from .text import (
    SourceNotes,
    answer_value_label,
    fmt_pln,
    fmt_points,
    fmt_score,
    get_recommendation,
    heading,
    implied_weights,
    item_md,
    md,
    memo,
    page_link,
    small,
    sources_md,
)

if TYPE_CHECKING:
    from recommender.engine import Contribution, FormResult, Recommendation
    from recommender.loading import KnowledgeBase


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
    others = sorted(  # a form that wins in under 0.5 % of the variants would read "(0%)"
        ((f, s) for f, s in rob.firsts.items() if f != rob.top_form and round(s * 100) > 0),
        key=lambda x: -x[1],
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
        "flow.item.criteria",
        criteria=md(crits),
        strength=c.strength,
        weight=fmt_score(c.weight, lang),
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


def stability_words(
    rec: Recommendation, kb: KnowledgeBase, lang: str, tr: Callable[..., str]
) -> str | None:
    """How stable the first place is, in plain words ("Ten wynik się nie zmieni, nawet jeśli…")."""
    rob = rec.robustness
    if rob.top_form is None:
        return None
    form = md(kb.form_name(rob.top_form, lang))
    pct = round(rob.stays_first * 100)
    if rob.stays_first >= 0.9:
        key = "result2.stable"
    elif rob.stays_first >= 0.6:
        key = "result2.fair"
    else:
        key = "result2.close_call"
    return tr(key, form=form, pct=pct, samples=rob.samples)


def _leading_cards(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """The leading forms' reasons with their points: one form at a time (a segmented control
    builds only the chosen card)."""
    leading = rec.eligible[:3]
    if not leading:
        return
    tabs = [f"{i}. {kb.form_name(r.form, lang)}" for i, r in enumerate(leading, 1)]
    places = list(range(len(tabs)))
    picked = st.segmented_control(
        f"**{md(tr('flow.top3.title'))}**",
        places,
        default=0,
        required=True,
        format_func=tabs.__getitem__,
        key=f"jf_top_tab_{lang}",
        width="stretch",
    )
    index = picked if picked in places else 0
    st.markdown(memo(("card", index, *base), form_card_md, kb, leading[index], index + 1, lang, tr))


def how_we_count_panel(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    """How the result was counted, in plain words first: how stable the first place is, what
    would change it; then each leading form's reasons with points and weights; then the
    priorities (a full rerun: the ranking changes), the what-ifs and the answers."""
    words = [
        w for w in (stability_words(rec, kb, lang, tr), runner_up_words(rec, kb, lang, tr)) if w
    ]
    st.markdown(tr("result2.how.intro") + "\n\n" + "\n\n".join(words))
    _leading_cards(kb, rec, base, lang, tr)
    _priorities_panel(kb, rec, base, lang, tr)


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
