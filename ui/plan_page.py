"""The "Twój plan" page: the founding plan of one form for the answers in the URL (or this
session's answers), in plain words, one column (phones first).

Opened as ``/plan?form=<id>&<the answers as on /wynik>``. The answers are read with the same
codec as the result page (``ui.state.decode_params``) and never written back into this page's
URL; ``form`` and ``founding`` are this page's own parameters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from recommender.i18n import t as _t
from recommender.loading import KnowledgeBase
from recommender.plan import (
    MAX_FUTURE_DAYS,
    MAX_PAST_DAYS,
    FormatUnavailable,
    FoundingDateError,
    Plan,
    PlanStep,
    SourceRef,
    build_plan,
    check_founding_date,
    document_names,
    fmt_days,
    fmt_pln,
    plan_docx,
    plan_markdown,
)
from recommender.profile import FORM_IDS, Profile, parse_profile
from ui.state import (
    RESERVED_PARAMS,
    decode_params,
    drop_hidden,
    get_profile_dict,
    normalise_profile,
    notice_texts,
)

PAGE = "views/plan.py"
FORM_PARAM = "form"
DATE_PARAM = "founding"
OWN_PARAMS = frozenset({FORM_PARAM, DATE_PARAM})
FORM_PAGE = "views/formy.py"
RESULT_PAGE = "views/wynik.py"


def tr(key: str, lang: str, **values: Any) -> str:
    return _t(key, lang, **values)


def md(text: str) -> str:
    """Plain text safe inside Streamlit Markdown (no markup, no HTML, no LaTeX)."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|$~":
        out = out.replace(ch, "\\" + ch)
    return out


def _answers(kb: KnowledgeBase) -> tuple[Profile, list[Any], bool]:
    """(the profile, notices, whether it came from the URL). Never raises."""
    qp = st.query_params
    params = {k: qp.get_all(k) for k in qp if k not in RESERVED_PARAMS and k not in OWN_PARAMS}
    notices: list[Any] = []
    if params:
        decoded = decode_params(params, kb.criteria, RESERVED_PARAMS | OWN_PARAMS)
        notices = list(decoded.notices)
        raw = drop_hidden(
            kb.questionnaire.sections, kb.question_conditions, decoded.profile, kb.criteria
        )
        from_url = True
    else:
        raw = get_profile_dict()
        from_url = False
    data, more = normalise_profile(raw, kb.criteria)
    notices += more
    return parse_profile(data, {c: None for c in kb.criteria}), notices, from_url


def _form(kb: KnowledgeBase, lang: str) -> tuple[str | None, str | None]:
    """(the form of ``?form=``, or None for the best fit; the unknown value shown back)."""
    value = st.query_params.get(FORM_PARAM)
    if value is None or value == "":
        return None, None
    value = value.strip()
    if value in kb.forms:
        return value, None
    return None, value[:40]


def _sources_md(sources: tuple[SourceRef, ...], lang: str) -> str:
    return "\n".join(
        f"- [{md(s.title)}]({s.url}) — "
        + tr(
            "plan.page.source_dates",
            lang,
            published=s.published or tr("plan.page.undated", lang),
            checked=s.checked.isoformat(),
        )
        for s in sources
    )


def _step(n: int, s: PlanStep, lang: str, plan: Plan) -> None:
    with st.container(border=True):
        st.markdown(f"**{n}\\. {md(s.title)}**")
        lines = []
        if s.who:
            lines.append(f"**{tr('plan.who', lang)}:** {md(s.who)}")
        if s.where.contact or s.where.name != s.who:
            place = md(s.where.name)
            if s.where.address:
                place += f", {md(s.where.address)}"
            if s.where.url:
                place += f" ([{tr('plan.page.link', lang)}]({s.where.url}))"
            lines.append(f"**{tr('plan.where', lang)}:** {place}")
        if s.where.department:
            lines.append(f"**{tr('plan.department', lang)}:** {md(s.where.department)}")
        if s.where.hours:
            lines.append(f"**{tr('plan.hours', lang)}:** {md(s.where.hours)}")
        cost = fmt_pln(s.cost, lang)
        lines.append(f"**{tr('plan.cost', lang)}:** {md(cost)}")
        time = s.time_text if s.time_text and s.time_days is None else fmt_days(s.time_days, lang)
        lines.append(f"**{tr('plan.time', lang)}:** {md(time)}")
        st.markdown("  \n".join(lines))
        if s.ask:
            st.caption(md(s.ask))
        with st.expander(tr("plan.page.details", lang)):
            if s.cost_note:
                st.markdown(f"**{tr('plan.cost', lang)}:** {md(s.cost_note)}")
            if s.time_text and s.time_days is not None:
                st.markdown(f"**{tr('plan.time', lang)}:** {md(s.time_text)}")
            if s.documents:
                names = document_names(plan, s)
                st.markdown(f"**{tr('plan.documents', lang)}:** {md(names)}")
            if s.provisions:
                st.markdown(f"**{tr('plan.provisions', lang)}:** {md('; '.join(s.provisions))}")
            if s.uncertainty:
                st.markdown(f"_{md(s.uncertainty)}_")
            if s.sources:
                st.markdown(f"**{tr('plan.sources', lang)}:**\n{_sources_md(s.sources, lang)}")


def _downloads(kb: KnowledgeBase, plan: Plan, profile: Profile, lang: str) -> None:
    st.subheader(tr("plan.page.downloads", lang))
    base = f"plan-{plan.form}"
    st.download_button(
        tr("plan.page.download.md", lang),
        data=lambda: plan_markdown(plan).encode("utf-8"),
        file_name=f"{base}.md",
        mime="text/markdown",
        on_click="ignore",
        icon=":material/description:",
        key="plan-md",
    )
    try:
        import recommender.docx_writer  # noqa: F401 - the DOCX writer of the drafts library

        st.download_button(
            tr("plan.page.download.docx", lang),
            data=lambda: plan_docx(plan),
            file_name=f"{base}.docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            on_click="ignore",
            icon=":material/article:",
            key="plan-docx",
        )
    except (ImportError, FormatUnavailable):
        pass
    _calendar(plan, profile, kb, lang)
    _drafts(kb, plan, profile, lang)


def _calendar(plan: Plan, profile: Profile, kb: KnowledgeBase, lang: str) -> None:
    from recommender.calendar import duties_ics

    today = plan.today
    url_date = st.query_params.get(DATE_PARAM)
    default = plan.earliest_start
    if url_date:
        try:
            default = check_founding_date(url_date, today, lang)
        except FoundingDateError as exc:
            st.warning(str(exc))
    day = st.date_input(
        tr("plan.page.founding", lang),
        value=default,
        min_value=today - dt.timedelta(days=MAX_PAST_DAYS),
        max_value=today + dt.timedelta(days=MAX_FUTURE_DAYS),
        format="YYYY-MM-DD",
        key="plan-founding",
    )
    try:
        founding = check_founding_date(day if isinstance(day, dt.date) else None, today, lang)
    except FoundingDateError as exc:  # the widget bounds make this rare; say it clearly
        st.warning(str(exc))
        return
    dated = build_plan(kb, profile, plan.form, lang, today, founding_date=founding)
    st.download_button(
        tr("plan.page.download.ics", lang),
        data=lambda: duties_ics(dated),
        file_name=f"obowiazki-{plan.form}.ics",
        mime="text/calendar",
        on_click="ignore",
        icon=":material/event:",
        key="plan-ics",
    )


def _drafts(kb: KnowledgeBase, plan: Plan, profile: Profile, lang: str) -> None:
    available = [d for d in plan.documents if d.available]
    if not available:
        return
    from recommender.documents import draft_docx, draft_markdown, render_draft

    st.markdown(f"**{tr('plan.page.drafts', lang)}**")
    st.caption(tr("plan.page.drafts.hint", lang))
    for d in available:

        def docx(doc_id: str = d.id) -> bytes:
            return draft_docx(
                render_draft(kb, doc_id, profile, lang, plan.today, form_id=plan.form)
            )

        def markdown(doc_id: str = d.id) -> bytes:
            return draft_markdown(
                render_draft(kb, doc_id, profile, lang, plan.today, form_id=plan.form)
            ).encode()

        with st.container(border=True):
            st.markdown(md(d.title))
            st.download_button(
                "DOCX",
                data=docx,
                file_name=f"{d.id}.docx",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                on_click="ignore",
                key=f"draft-docx-{d.id}",
            )
            st.download_button(
                "Markdown",
                data=markdown,
                file_name=f"{d.id}.md",
                mime="text/markdown",
                on_click="ignore",
                key=f"draft-md-{d.id}",
            )


def render_page(kb: KnowledgeBase, lang: str) -> None:
    profile, notices, _ = _answers(kb)
    form_id, unknown = _form(kb, lang)
    plan = build_plan(kb, profile, form_id, lang)
    st.title(tr("plan.page.title", lang, form=plan.form_name))
    if unknown is not None:
        st.warning(tr("plan.page.unknown_form", lang, value=unknown, name=plan.form_name))
    elif form_id is None:
        st.info(tr("plan.page.best_fit", lang, name=plan.form_name))
    for text in notice_texts(notices, lambda k, **v: tr(k, lang, **v), kb, lang):
        st.warning(text)
    st.caption(md(plan.notice))

    chosen = st.selectbox(
        tr("plan.page.pick", lang),
        options=list(FORM_IDS),
        index=list(FORM_IDS).index(plan.form),
        format_func=lambda f: kb.form_name(f, lang),
    )
    if chosen != plan.form:
        st.query_params[FORM_PARAM] = chosen
        st.rerun()

    if plan.blockers:
        st.error(tr("plan.blockers", lang))
        st.markdown(
            "\n".join(
                f"- {md(b.message)}  \n  **{tr('plan.blockers.lift', lang)}:** {md(b.change)}"
                for b in plan.blockers
            )
        )
    elif plan.depends_on:
        st.info(tr("plan.page.depends", lang))

    total = fmt_pln(plan.total_cost, lang)
    if plan.cost_unknown_steps:
        total += " " + tr("plan.total.partial", lang)
    st.markdown(
        f"**{tr('plan.total', lang)}:** {md(total)}  \n"
        f"**{tr('plan.start', lang)}:** {plan.earliest_start.isoformat()} "
        f"({md(tr('plan.start.typical', lang, date=plan.typical_start.isoformat()))})"
    )
    if plan.time_unknown_steps:
        st.caption(tr("plan.start.partial", lang))

    st.subheader(tr("plan.decisions", lang))
    st.markdown(
        "\n".join(f"- **{md(d.title)}:** {md(d.value)} — {md(d.text)}" for d in plan.decisions)
    )

    st.subheader(tr("plan.steps", lang))
    for n, s in enumerate(plan.steps, 1):
        _step(n, s, lang, plan)

    _downloads(kb, plan, profile, lang)

    if plan.duties:
        st.subheader(tr("plan.duties", lang))
        for d in plan.duties:
            with st.container(border=True):
                first = (
                    f" · {tr('plan.first', lang)} {d.first_due.isoformat()}" if d.first_due else ""
                )
                st.markdown(f"**{md(d.title)}** — {md(d.due)}{first}  \n{md(d.text)}")
                if d.depends_on:
                    st.caption(tr("plan.page.depends_item", lang))
                with st.expander(tr("plan.page.details", lang)):
                    if d.provisions:
                        st.markdown(
                            f"**{tr('plan.provisions', lang)}:** {md('; '.join(d.provisions))}"
                        )
                    if d.uncertainty:
                        st.markdown(f"_{md(d.uncertainty)}_")
                    if d.sources:
                        st.markdown(_sources_md(d.sources, lang))

    if plan.funding:
        st.subheader(tr("plan.funding", lang))
        for f in plan.funding:
            with st.container(border=True):
                amount = f" — {fmt_pln(f.amount, lang)}" if f.amount is not None else ""
                st.markdown(f"**{md(f.title)}**{md(amount)}  \n{md(f.text)}")
                st.caption(
                    f"{md(tr('plan.funding.who', lang))}: {md(f.who)} · {md(f.cycle)} "
                    f"({tr('plan.as_of', lang)} {f.as_of.isoformat()})"
                )
                with st.expander(tr("plan.page.details", lang)):
                    if f.uncertainty:
                        st.markdown(f"_{md(f.uncertainty)}_")
                    st.markdown(_sources_md(f.sources, lang))

    st.page_link(
        FORM_PAGE,
        label=tr("plan.page.form_link", lang, name=plan.form_name),
        query_params={"form": plan.form},
        icon=":material/account_balance:",
    )
