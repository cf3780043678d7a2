"""The first screen of the result: what fits best, one plain sentence why, the three strongest
reasons in words, the first steps with cost and time, and the button to the whole plan.

It fits a 390×844 phone without scrolling and carries no scoring words (points, weights,
samples): those are one click deeper, in :mod:`.how_we_count`. With too few answers it makes no
claim at all and names the three questions that would decide most instead.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from recommender.profile import FIELDS

from ..state import encode_profile, question_fields
from .text import fmt_pln

if TYPE_CHECKING:
    from recommender.engine import Contribution, FormResult, Recommendation
    from recommender.loading import KnowledgeBase
    from recommender.models import Question

MIN_ANSWERS = 3  # fewer answered questions than this: too little to name a best fit
REASONS = 3  # reasons on the first screen
FIRST_STEPS = 2  # steps on the first screen (the plan page has all of them)
DECISIVE = 3  # questions offered when there are too few answers
PLAN_PATH = "plan"  # the plan page's url path (views/plan.py)

# The first screen's look: compact on a phone so that the name, the reasons, the first steps and
# the plan button fit in one 390×844 viewport. Contrast of every colour against white >= 4.5:1.
SUMMARY_CSS = (
    "<style>"
    ".jf-sum{margin:0 0 .5rem}"
    ".jf-sum .jf-eyebrow{font-size:.9rem;color:#4a4f57;margin:0 0 .1rem}"
    ".jf-sum h1{font-size:1.75rem;line-height:1.2;margin:0 0 .4rem;padding:0}"
    ".jf-sum h2{font-size:1.05rem;margin:.6rem 0 .2rem;padding:0}"
    ".jf-sum p{margin:0 0 .3rem}"
    ".jf-sum ul,.jf-sum ol{margin:0 0 .3rem;padding-left:1.2rem}"
    ".jf-sum li{margin:0 0 .2rem;line-height:1.35}"
    ".jf-sum .jf-meta{display:block;font-size:.85rem;color:#4a4f57}"
    ".jf-sum .jf-if{font-size:.95rem;color:#7a4a00}"
    ".jf-plan-btn{display:block;text-align:center;background:#1f5f8b;color:#fff !important;"
    "text-decoration:none !important;font-weight:600;border-radius:.5rem;padding:.65rem 1rem;"
    "margin:.6rem 0 .2rem}"
    ".jf-plan-btn:hover,.jf-plan-btn:focus{background:#174a6c}"
    "@media (max-width:640px){.jf-sum h1{font-size:1.5rem}.jf-sum li{font-size:.95rem}"
    ".jf-sum p{font-size:.95rem}}"
    "@media (max-width:640px){[data-testid='stMainBlockContainer']{padding-top:3.75rem}}"
    "</style>"
)


def answered_fields(rec: Recommendation) -> list[str]:
    return [f for f in FIELDS if f in rec.profile.values]


def enough_answers(rec: Recommendation) -> bool:
    """Whether the answers say enough to name a best fit (see :data:`MIN_ANSWERS`)."""
    return len(answered_fields(rec)) >= MIN_ANSWERS


def question_for_field(kb: KnowledgeBase, field: str) -> tuple[int, Question] | None:
    """(questionnaire step, question) of the question that writes ``field``."""
    for index, section in enumerate(kb.questionnaire.sections):
        for q in section.questions:
            if field in question_fields(q):
                return index, q
    return None


def decisive_fields(rec: Recommendation, kb: KnowledgeBase, n: int = DECISIVE) -> list[str]:
    """The unanswered fields that decide most: a rule that could rule a form out counts three,
    a pro or con one, summed over every form; ties in questionnaire order."""
    weight: dict[str, int] = {}
    for r in rec.ranking:
        for p in r.pending:
            for f in p.fields:
                weight[f] = weight.get(f, 0) + (3 if p.kind == "rule" else 1)
    order = list(FIELDS)
    ranked = sorted(
        (f for f in weight if f in FIELDS and question_for_field(kb, f) is not None),
        key=lambda f: (-weight[f], order.index(f)),
    )
    return ranked[:n]


def possible_if(r: FormResult) -> list[str]:
    """Unanswered fields a rule of this form depends on (the form is only *possibly* open)."""
    order = list(FIELDS)
    fields = {f for p in r.pending if p.kind == "rule" for f in p.fields}
    return sorted(fields, key=order.index)


def strongest_reasons(r: FormResult, n: int = REASONS) -> list[Contribution]:
    return sorted(r.pros, key=lambda c: -c.points)[:n]


def why_criteria(kb: KnowledgeBase, r: FormResult, n: int = 2) -> list[str]:
    """The criteria the form's reasons serve most (by their share of the points)."""
    served: dict[str, float] = {}
    for c in r.pros:
        for crit in c.criteria:
            if crit in kb.criteria:
                served[crit] = served.get(crit, 0.0) + c.points / max(1, len(c.criteria))
    return [c for c, _ in sorted(served.items(), key=lambda x: -x[1])[:n]]


def join_words(items: Sequence[str], tr: Callable[..., str]) -> str:
    """ "a", "a i b", "a, b i c" (the conjunction from the catalog)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("result2.and") + items[-1]


def why_sentence(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    top = rec.eligible[0]
    crits = [kb.criteria[c].label.get(lang).lower() for c in why_criteria(kb, top)]
    text = tr("result2.why", criteria=join_words(crits, tr)) if crits else tr("result2.why_plain")
    close = [f for f, s in rec.robustness.firsts.items() if f != top.form and s >= 0.25]
    if close:
        names = [kb.form_name(f, lang) for f in close[:2]]
        text += " " + tr("result2.close", forms=join_words(names, tr))
    return text


def _range_text(value: Any, unit: Callable[[int], str]) -> str | None:
    """An int or a {min, max} range (the step model allows both) in words."""
    if value is None:
        return None
    if isinstance(value, int):
        return unit(value)
    low = getattr(value, "min", None) if not isinstance(value, dict) else value.get("min")
    high = getattr(value, "max", None) if not isinstance(value, dict) else value.get("max")
    if low is None and high is None:
        return None
    if high is None or low == high:
        return unit(int(low)) if low is not None else None
    if low is None:
        return unit(int(high))
    return f"{unit(int(low)).split(' ')[0]}–{unit(int(high))}"


def step_cost_time(step: Any, lang: str, tr: Callable[..., str]) -> str:
    """ "koszt 0 zł · czas: do 7 dni" for one step (unknowns said as such)."""
    # cost_range: the model's reading (a step the founders do themselves costs nothing)
    cost_value = getattr(step, "cost_range", getattr(step, "cost_pln", None))
    cost = _range_text(cost_value, lambda v: fmt_pln(v, lang))
    parts = [tr("result2.cost", cost=cost) if cost else tr("result2.cost_unknown")]
    days = _range_text(
        getattr(step, "time_days", None),
        lambda v: tr("result2.day" if v == 1 else "result2.days", count=v),
    )
    if days:
        parts.append(tr("result2.time", time=days))
    elif getattr(step, "time", None) is not None:
        parts.append(tr("result2.time", time=step.time.get(lang)))
    else:
        parts.append(tr("result2.time_unknown"))
    return " · ".join(parts)


def plan_href(form: str, rec: Recommendation, lang: str) -> str:
    """``plan?form=<id>&<the answers as on /wynik>`` (relative: works under any base path)."""
    params = {"form": form, **encode_profile(rec.profile.to_dict())}
    if lang != "pl":
        params["lang"] = lang
    return PLAN_PATH + "?" + urlencode(params, safe=",")


def _li(items: Iterable[str]) -> str:
    return "".join(f"<li>{x}</li>" for x in items)


def summary_html(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    """The first screen when the answers name a best fit (HTML; every text escaped)."""
    e = html.escape
    top = rec.eligible[0]
    form = kb.forms[top.form]
    out = [
        SUMMARY_CSS,
        '<div class="jf-sum">',
        f'<p class="jf-eyebrow">{e(tr("flow.result.title"))}</p>',
        f"<h1>{e(tr('result2.best_fit', form=form.name.get(lang)))}</h1>",
        f"<p>{e(why_sentence(kb, rec, lang, tr))}</p>",
    ]
    pending = possible_if(top)
    if pending:
        fields = join_words([tr(f"field.{f}") for f in pending], tr)
        out.append(f'<p class="jf-if">{e(tr("result2.top_possible_if", fields=fields))}</p>')
    reasons = strongest_reasons(top)
    if reasons:
        out.append(f"<h2>{e(tr('result2.reasons'))}</h2>")
        out.append("<ul>" + _li(e(c.text.get(lang)) for c in reasons) + "</ul>")
    steps = form.steps[:FIRST_STEPS]
    if steps:
        out.append(f"<h2>{e(tr('result2.first_steps'))}</h2>")
        out.append(
            "<ol>"
            + _li(
                f"{e(s.text.get(lang))}"
                f'<span class="jf-meta">{e(step_cost_time(s, lang, tr))}</span>'
                for s in steps
            )
            + "</ol>"
        )
    out.append("</div>")
    return "".join(out)


def plan_button_html(
    kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]
) -> str:
    top = rec.eligible[0].form
    label = tr("result2.plan_button", steps=len(kb.forms[top].steps))
    return (
        SUMMARY_CSS
        + f'<a class="jf-plan-btn" href="{html.escape(plan_href(top, rec, lang), quote=True)}"'
        + f' target="_self">{html.escape(label)} →</a>'
    )


def too_few_html(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    """The first screen with too few answers: no claim, what would decide most."""
    e = html.escape
    count = len(answered_fields(rec))
    out = [
        SUMMARY_CSS,
        '<div class="jf-sum">',
        f'<p class="jf-eyebrow">{e(tr("flow.result.title"))}</p>',
        f"<h1>{e(tr('result2.too_few.title'))}</h1>",
        f"<p>{e(tr('result2.too_few.text', count=count, min=MIN_ANSWERS))}</p>",
    ]
    fields = decisive_fields(rec, kb)
    if fields:
        out.append(f"<h2>{e(tr('result2.too_few.questions'))}</h2>")
    out.append("</div>")
    return "".join(out)


def decisive_questions(kb: KnowledgeBase, rec: Recommendation, lang: str) -> list[tuple[int, str]]:
    """(questionnaire step, question text) of the questions that would decide most."""
    out = []
    for f in decisive_fields(rec, kb):
        found = question_for_field(kb, f)
        if found is not None:
            out.append((found[0], found[1].text.get(lang)))
    return out


def no_fit_html(kb: KnowledgeBase, rec: Recommendation, lang: str, tr: Callable[..., str]) -> str:
    """The first screen when every form is ruled out."""
    e = html.escape
    return (
        SUMMARY_CSS
        + '<div class="jf-sum">'
        + f'<p class="jf-eyebrow">{e(tr("flow.result.title"))}</p>'
        + f"<h1>{e(tr('result2.no_fit.title'))}</h1>"
        + f"<p>{e(tr('result2.no_fit.text'))}</p></div>"
    )
