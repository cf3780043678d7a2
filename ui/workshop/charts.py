"""Drawing a room's overview: counts, first forms, what rules forms out, priorities, answers."""

from __future__ import annotations

import streamlit as st

from recommender.loading import KnowledgeBase
from recommender.rooms import (
    Room,
    RoomStats,
    RoomStore,
    to_csv,
)

from ..result import md
from .common import Tr
from .stats import number_line, question_summary, ruled_out_lines

# -- trainer: rendering ---------------------------------------------------------------------------


def _top_forms_chart(kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr) -> None:
    import altair as alt
    import pandas as pd

    rows = [
        {tr("ws.chart.form"): kb.form_name(f, lang), tr("ws.chart.people"): n}
        for f, n in stats.top_forms.items()
        if n > 0
    ]
    if not rows:
        return
    df = pd.DataFrame(rows)
    form_col, people_col = tr("ws.chart.form"), tr("ws.chart.people")
    chart = (
        alt.Chart(df, description=tr("ws.top.chart"))
        .mark_bar(color="#1f5f8b")
        .encode(
            y=alt.Y(
                f"{form_col}:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelLimit=260, labelFontSize=15, labelColor="#1b1f24"),
            ),
            x=alt.X(
                f"{people_col}:Q",
                title=people_col,
                axis=alt.Axis(
                    tickMinStep=1, format="d", labelColor="#1b1f24", titleColor="#1b1f24"
                ),
            ),
            tooltip=[form_col, people_col],
        )
        .properties(height=max(90, 42 * len(rows)))
    )
    st.altair_chart(chart, width="stretch")


def render_stats(kb: KnowledgeBase, stats: RoomStats, lang: str, tr: Tr) -> None:
    """The room's overview: counts, first forms, answers, priorities, what rules forms out."""
    cols = st.columns(2)
    cols[0].metric(tr("ws.live.joined"), stats.joined)
    cols[1].metric(tr("ws.live.finished"), stats.finished)
    if stats.counted == 0:
        st.info(tr("ws.empty"), icon=":material/hourglass_empty:")
        return

    st.subheader(tr("ws.top.title"))
    lines = [
        "- " + tr("ws.top.line", form=md(kb.form_name(f, lang)), count=n)
        for f, n in stats.top_forms.items()
        if n > 0
    ]
    if stats.without_top_form:
        lines.append("- " + tr("ws.top.no_form", count=stats.without_top_form))
    if lines:
        left, right = st.columns([3, 2], gap="large")
        with left:
            _top_forms_chart(kb, stats, lang, tr)
        with right:
            st.markdown("\n".join(lines))
    else:
        st.caption(tr("ws.top.none"))

    st.subheader(tr("ws.ruled.title"))
    ruled = ruled_out_lines(kb, stats, lang)
    if not ruled:
        st.caption(tr("ws.ruled.none"))
    for name, count, rules in ruled:
        st.markdown(tr("ws.ruled.form", form=md(name), count=count, total=stats.counted))
        st.markdown(
            "\n".join("- " + tr("ws.ruled.rule", text=md(text), count=n) for text, n in rules)
        )

    st.subheader(tr("ws.prio.title"))
    st.caption(tr("ws.prio.intro"))
    prios = sorted(stats.average_priorities.items(), key=lambda kv: (-kv[1], kv[0]))
    table = [f"| {tr('ws.prio.col')} | {tr('ws.prio.avg')} |", "|---|---:|"]
    for cid, avg in prios:
        crit = kb.criteria.get(cid)
        label = crit.label.get(lang) if crit is not None else cid
        shown = f"{avg:.1f}".replace(".", ",") if lang == "pl" else f"{avg:.1f}"
        table.append(f"| {md(label)} | {shown} |")
    if prios:
        st.markdown("\n".join(table))

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


def export_csv(store: RoomStore, room: Room) -> str:
    """The room's results as formula-injection-safe CSV (one row per participant)."""
    return to_csv(store.export_rows(room))
