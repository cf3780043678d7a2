"""The result page put together: the first screen (:mod:`.summary`), then every form in order,
the questions that could still change the result, and the tools one click deeper — how we
counted, steps and contacts, the ruled-out forms, sharing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import streamlit as st

from recommender.profile import Profile

from ..state import STEP_KEY
from . import summary
from .how_we_count import how_we_count_panel
from .plan_card import contacts_for, steps_panel
from .reasons import ranking_chart_html, ruled_out_line, ruled_out_md
from .share import share_panel
from .text import depends_on, get_recommendation, heading, md, memo, section_of_field

if TYPE_CHECKING:
    from recommender.engine import Recommendation
    from recommender.loading import KnowledgeBase

TOP_N = 3


@dataclass(frozen=True)
class PageTexts:
    """Everything the result page shows before a tool is opened, composed once per (knowledge
    version, profile, language) and shared by all sessions (see :func:`memo`)."""

    first_screen: str  # HTML: best fit, why, reasons, first steps — or "too few answers"
    plan_button: str  # HTML: the link to the plan page ("" when no form fits)
    claim: bool  # whether the page names a best fit
    ranking: str  # every open form in order (HTML list) and the ruled-out forms by full name
    decisive: tuple[tuple[int, str], ...]  # (step, question) when there are too few answers
    after: str  # the "answer these questions" heading
    depends: tuple[tuple[int, str], ...]  # (questionnaire step, chip label)
    tools: Mapping[str, str]  # the tool picker's short labels by tool id (see TOOLS)
    headings: Mapping[str, str]  # each tool panel's heading


def page_texts(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> PageTexts:
    eligible = rec.eligible
    claim = bool(eligible) and summary.enough_answers(rec)
    top = eligible[0].form if claim else None
    if claim:
        first = summary.summary_html(kb, rec, lang, tr)
        button = summary.plan_button_html(kb, rec, lang, tr)
    elif eligible:
        first, button = summary.too_few_html(kb, rec, lang, tr), ""
    else:
        first, button = summary.no_fit_html(kb, rec, lang, tr), ""
    ranking = ""
    if eligible:
        title = "result2.ranking.title" if claim else "result2.ranking.title_unsure"
        ranking = heading(md(tr(title))) + ranking_chart_html(kb, rec, lang, tr)
    ruled = ruled_out_line(kb, rec, lang, tr)
    if ruled:
        ranking += "\n\n" + ruled
    depends = tuple(depends_buttons(kb, rec, tr)) if claim else ()
    n_ruled = sum(1 for r in rec.ranking if not r.eligible)
    steps = len(kb.forms[top].steps) if top else 0
    contacts = len(contacts_for(kb, top)) if top else 0
    tools = {
        "how": tr("result2.tool.how"),
        "steps": tr("result2.tool.steps", steps=steps, contacts=contacts),
        "ruled_out": tr("result.tool.ruled_out", count=n_ruled),
        "share": tr("result.tool.share"),
    }
    headings = {
        "how": tr("result2.how.title"),
        "steps": (
            tr("result.next.open", form=kb.form_name(top, lang), steps=steps, contacts=contacts)
            if top
            else tr("result.tool.steps_none")
        ),
        "ruled_out": (
            tr("result2.ruled_out.open", count=n_ruled)
            if n_ruled
            else tr("result.tool.ruled_out_none")
        ),
        "share": tr("result.share.open"),
    }
    return PageTexts(
        first_screen=first,
        plan_button=button,
        claim=claim,
        ranking=ranking,
        decisive=tuple(summary.decisive_questions(kb, rec, lang)) if not claim else (),
        after=(heading(md(tr("flow.depends.title"))) + tr("flow.depends.intro") if depends else ""),
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


# The tools under the ranking, in the order their panels appear. The ids are the picker's
# options: they must not change (the picker keeps its selection by position).
TOOLS = ("how", "steps", "ruled_out", "share")
TOOLS_KEY = "jf_tools"
TOOL_ICONS = {
    "how": ":material/calculate:",
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


def _ruled_out_panel(
    kb: KnowledgeBase, rec: Recommendation, base: tuple[Any, ...], lang: str, tr: Callable[..., str]
) -> None:
    body = memo(("ruled_out", *base), ruled_out_md, kb, rec, lang, tr)
    if body:
        st.markdown(body)


_PANELS: dict[str, Callable[..., None]] = {
    "how": how_we_count_panel,
    "steps": steps_panel,
    "ruled_out": _ruled_out_panel,
    "share": share_panel,
}


def render_result(
    kb: KnowledgeBase,
    profile: Profile,
    lang: str,
    tr: Callable[..., str],
    notices: Any = None,
    key_prefix: str = "",
) -> Recommendation:
    """The whole result page.

    First what everybody needs, in one element that fits a phone's screen: the best fit, why,
    the strongest reasons, the first steps, and the button to the whole plan (with too few
    answers: no claim, and the questions that would decide most). Any notice about the link
    follows, then every form in order and the ruled-out ones by full name. Under them one picker
    opens the tools — how we counted (points, weights, stability, priorities, what-ifs), steps
    and contacts, the ruled-out forms in detail, sharing — whose panels are built only while
    open. Streamlit's cost per rerun grows with the number of elements, so closed, the page
    stays at about eight.
    """
    from recommender.i18n import t as translate

    from .text import render_notices

    def tr(key: str, **values: Any) -> str:  # type: ignore[no-redef]  # noqa: F811 - bound to lang
        return translate(key, lang, **values)

    profile_key = profile.key()
    rec = get_recommendation(kb, profile, profile_key)
    base = (kb.version, profile_key, lang)
    texts: PageTexts = memo(("page2", *base), page_texts, kb, rec, lang, tr)
    # our own HTML; knowledge text in it is escaped by html.escape / md()
    st.markdown(texts.first_screen, unsafe_allow_html=True)
    if texts.plan_button:
        st.html(texts.plan_button)
    for index, question in texts.decisive:
        st.button(
            question,
            key=f"{key_prefix}jf_decisive_{index}_{lang}_{hash(question) & 0xFFFF}",
            on_click=_goto_step,
            args=(index,),
            icon=":material/edit:",
            width="stretch",
        )
    if notices:
        render_notices(notices, tr, kb=kb, lang=lang)
    if texts.ranking:
        st.markdown(texts.ranking, unsafe_allow_html=True)
    if texts.depends:
        st.markdown(texts.after)
        labels = dict(texts.depends)
        st.pills(
            tr("flow.depends.title"),
            list(labels),
            selection_mode="single",
            format_func=lambda idx: f":material/edit: {labels[idx]}",
            key=f"{key_prefix}{DEPENDS_KEY}",
            on_change=_on_depends,
            label_visibility="collapsed",  # the heading right above says it
        )
    chosen = st.pills(
        f"**{md(tr('result2.tools.label'))}**",
        TOOLS,
        selection_mode="multi",
        format_func=lambda tool: f"{TOOL_ICONS[tool]} {texts.tools[tool]}",
        key=f"{key_prefix}{TOOLS_KEY}",
        width="stretch",
    )
    open_ = set(chosen or ())
    for tool in TOOLS:
        if tool in open_:
            # a keyed box per open panel: one element more, only while the panel is open
            with st.container(key=f"{key_prefix}jf_tool_{tool}"):
                st.markdown(heading(md(texts.headings[tool])))
                _PANELS[tool](kb, rec, base, lang, tr)
    return rec


def goto_requested() -> bool:
    """True once after a "answer this" button asked to open the questionnaire."""
    return bool(st.session_state.pop("jf_goto_ankieta", False))
