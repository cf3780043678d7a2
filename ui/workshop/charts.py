"""Drawing a room's result: counts, first forms, decisive reasons, blockers, priorities,
tables side by side and rounds before/after. The same drawing serves the console, the
projector (``big``) and the phones.

Bars are our own HTML (no chart library): every bar carries its label and its number, and a
form nobody had is not drawn at all. Knowledge text in the HTML is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.rooms import Room, RoomStats, RoomStore, to_csv

from ..result import md
from .assets import GROUP_CSS
from .common import Tr
from .stats import GroupResult, Share, fmt_average, group_result, number_line, question_summary


def bars_html(items: Sequence[Share], caption: str, tr: Tr, big: bool = False) -> str:
    """A labelled horizontal bar list: name, bar (relative to the largest), "n · p%"."""
    if not items:
        return ""
    top = max(s.count for s in items) or 1
    rows = []
    for s in items:
        width = max(2, round(100 * s.count / top))
        value = html.escape(tr("ws.bar.value", count=s.count, percent=s.percent))
        rows.append(
            f'<li><span class="jf-gname">{html.escape(s.label)}</span>'
            f'<span class="jf-gtrack" aria-hidden="true"><span class="jf-gbar" '
            f'style="width:{width}%"></span></span><span class="jf-gval">{value}</span></li>'
        )
    size = " jf-gbig" if big else ""
    return (
        f'{GROUP_CSS}<ol class="jf-gbars{size}" aria-label="{html.escape(caption)}">'
        + "".join(rows)
        + "</ol>"
    )


def _bars(items: Sequence[Share], caption: str, tr: Tr, big: bool) -> None:
    # our own HTML; every text in it went through html.escape
    st.markdown(bars_html(items, caption, tr, big), unsafe_allow_html=True)


def render_top_forms(result: GroupResult, tr: Tr, big: bool = False) -> None:
    st.subheader(tr("ws.top.title"))
    if not result.top and not result.no_form:
        st.caption(tr("ws.top.none"))
        return
    _bars(result.top, tr("ws.top.chart"), tr, big)
    if result.no_form:
        st.markdown(tr("ws.top.no_form", count=result.no_form))


def render_reasons(result: GroupResult, tr: Tr, big: bool = False) -> None:
    st.subheader(tr("ws.reasons.title"))
    if result.reasons:
        _bars(result.reasons, tr("ws.reasons.title"), tr, big)
    else:
        st.caption(tr("ws.reasons.none"))
    st.subheader(tr("ws.ruled.title"))
    if result.blockers:
        _bars(result.blockers, tr("ws.ruled.title"), tr, big)
    else:
        st.caption(tr("ws.ruled.none"))


def render_priorities(result: GroupResult, lang: str, tr: Tr) -> None:
    st.subheader(tr("ws.prio.title"))
    st.caption(tr("ws.prio.intro"))
    if not result.priorities:
        return
    head = [tr("ws.prio.col"), *(tr(f"ws.prio.level{i}") for i in range(5)), tr("ws.prio.avg")]
    table = ["| " + " | ".join(md(h) for h in head) + " |", "|---|" + "---:|" * 6]
    for row in result.priorities:
        cells = [md(row.label), *(str(c) for c in row.counts), fmt_average(row.average, lang)]
        table.append("| " + " | ".join(cells) + " |")
    st.markdown("\n".join(table))


def render_group_result(
    kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr, big: bool = False, limit: int = 5
) -> GroupResult:
    result = group_result(kb, stats, lang, limit=limit)
    render_top_forms(result, tr, big)
    render_reasons(result, tr, big)
    render_priorities(result, lang, tr)
    return result


def render_stats(kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr) -> None:
    """The console's overview: counts, the group result, and the answers question by question."""
    cols = st.columns(2)
    cols[0].metric(tr("ws.live.joined"), stats.joined)
    cols[1].metric(tr("ws.live.finished"), stats.finished)
    if stats.counted == 0:
        st.info(tr("ws.empty"), icon=":material/hourglass_empty:")
        return
    render_group_result(kb, stats, lang, tr, limit=12)  # the console lists more
    st.subheader(tr("ws.answers.title"))
    for section in kb.questionnaire.sections:
        with st.expander(section.title.get(lang)):
            for q in section.questions:
                summary = question_summary(q, stats, lang)
                if summary is None:
                    continue
                st.markdown(f"**{md(summary.question)}**")
                if summary.number:
                    st.markdown(md(number_line(summary, tr)))
                else:
                    rows = [
                        f"| {tr('ws.answers.col_answer')} | {tr('ws.answers.col_people')} |",
                        "|---|---:|",
                    ]
                    rows += [f"| {md(r.label)} | {r.count} |" for r in summary.rows]
                    st.markdown("\n".join(rows))
                st.caption(f"{tr('ws.answers.unknown')}: {summary.unknown}")


def render_tables(
    kb: KnowledgeBase, store: RoomStore, room: Room, lang: str, tr: Tr, big: bool = False
) -> None:
    """The tables side by side: each table's first forms in this round."""
    if not room.tables:
        return
    st.subheader(tr("ws.tables.compare"))
    cols = st.columns(min(len(room.tables), 4))
    for i, label in enumerate(room.tables):
        stats = store.room_stats(room, table=label)
        result = group_result(kb, stats, lang, limit=3)
        with cols[i % len(cols)]:
            st.markdown(f"### {md(tr('ws.tables.table', table=label))}")
            st.caption(tr("ws.tables.counts", joined=stats.joined, counted=stats.counted))
            if result.top:
                _bars(result.top[:3], tr("ws.tables.table", table=label), tr, big)


def render_rounds(
    kb: KnowledgeBase, store: RoomStore, room: Room, lang: str, tr: Tr
) -> list[RoomStats]:
    """Before/after: how many had each form first in each round of this group."""
    rounds = [r for r in store.rounds_done(room) if r <= room.current_round]
    if len(rounds) < 2:
        return []
    per_round = [store.room_stats(room, round_no=r) for r in rounds]
    forms = [
        f for f in kb.forms if any(s.top_forms.get(f, 0) for s in per_round)
    ]  # only forms somebody had
    head = [tr("ws.chart.form"), *(tr("ws.rounds.round", number=r) for r in rounds)]
    table = ["| " + " | ".join(md(h) for h in head) + " |", "|---|" + "---:|" * len(rounds)]
    for f in forms:
        cells = [md(kb.form_name(f, lang)), *(str(s.top_forms.get(f, 0)) for s in per_round)]
        table.append("| " + " | ".join(cells) + " |")
    table.append(
        "| " + " | ".join([md(tr("ws.rounds.people")), *(str(s.counted) for s in per_round)]) + " |"
    )
    st.subheader(tr("ws.rounds.title"))
    st.markdown("\n".join(table))
    return per_round


def export_csv(store: RoomStore, room: Room) -> str:
    """The room's results with ids only (one row per participant and round), formula-safe."""
    return to_csv(store.export_rows(room))
