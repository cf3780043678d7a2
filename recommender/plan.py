"""The founding plan: from "which form" to "what we do on Monday".

:func:`build_plan` turns a profile and a form (default: the best fit) into an ordered plan — the
decisions to make first, the founding steps (who, where with the office's sourced address, the
document drafts each needs, cost range, typical time, sources), the total cost, the earliest
realistic start counted from today, the first year's duties and the funding routes that fit. A
form the profile rules out leads with its blockers and what lifts them. Pure: no Streamlit, no
I/O; the same inputs give the same plan.

Missing answers never become guesses: the plan says "[nazwa]" where the user has to decide, and
keeps duties and funding whose conditions depend on an unanswered question, marked as such.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .conditions import evaluate, fields_of, parse_condition
from .i18n import t
from .loading import KnowledgeBase
from .models import Form, Provision, Span, Step
from .plan_models import Duty, FundingRoute
from .profile import FORM_IDS, Profile, parse_profile

# A founding date may lie this far in the past (the organisation already exists) ...
MAX_PAST_DAYS = 366
# ... and this far in the future; beyond either it is most likely a typo.
MAX_FUTURE_DAYS = 5 * 365
ZERO = Span(min=0, max=0)
_FIELD = re.compile(r"\s*\{[a-z_]+\}")


class UnknownForm(ValueError):
    """The form id is not one of the contract's form ids."""

    def __init__(self, form_id: str) -> None:
        self.form_id = form_id
        super().__init__(f"form: unknown form {form_id!r} (expected one of {', '.join(FORM_IDS)})")


class FoundingDateError(ValueError):
    """A founding date in the past beyond reason, or absurdly far in the future."""


def check_founding_date(value: dt.date | str | None, today: dt.date, lang: str = "pl") -> dt.date:
    """The founding date to count duties from: the given one (validated) or ``today``.

    >>> check_founding_date("2027-03-01", dt.date(2026, 12, 2))
    datetime.date(2027, 3, 1)
    >>> check_founding_date("2099-01-01", dt.date(2026, 12, 2), "en")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    recommender.plan.FoundingDateError: The founding date 2099-01-01 is more than 5 years ahead...
    """
    if value is None or value == "":
        return today
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise FoundingDateError(t("plan.date.invalid", lang, value=value[:40])) from None
    else:
        day = value
    if day < today - dt.timedelta(days=MAX_PAST_DAYS):
        raise FoundingDateError(t("plan.date.past", lang, date=day.isoformat()))
    if day > today + dt.timedelta(days=MAX_FUTURE_DAYS):
        raise FoundingDateError(t("plan.date.future", lang, date=day.isoformat()))
    return day


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    url: str
    checked: dt.date
    published: str | None  # "2024-06-28", "2020", "undated", or None (not yet dated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "checked": self.checked.isoformat(),
            "published": self.published,
        }


@dataclass(frozen=True)
class Where:
    name: str
    address: str | None = None
    url: str | None = None
    hours: str | None = None
    contact: str | None = None  # the contact id in contacts.yaml
    department: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "address": self.address,
            "url": self.url,
            "hours": self.hours,
            "contact": self.contact,
            "department": self.department,
        }


@dataclass(frozen=True)
class Decision:
    id: str
    title: str
    text: str
    value: str  # the answer, or a placeholder such as "[nazwa]"
    from_answers: bool


@dataclass(frozen=True)
class PlanStep:
    id: str
    title: str
    who: str | None
    where: Where
    documents: tuple[str, ...]
    cost: Span | None
    cost_note: str | None
    time_days: Span | None
    time_text: str | None
    sources: tuple[SourceRef, ...]
    provisions: tuple[str, ...]
    uncertainty: str | None
    ask: str | None  # whom to ask when the cost or the time is unknown


@dataclass(frozen=True)
class PlanDocument:
    id: str
    title: str
    provisions: tuple[str, ...]
    available: bool  # a draft can be generated in this installation


@dataclass(frozen=True)
class PlanDuty:
    id: str
    title: str
    text: str
    due: str
    recurrence: str
    first_due: dt.date | None
    to_whom: str | None
    sources: tuple[SourceRef, ...]
    provisions: tuple[str, ...]
    depends_on: tuple[str, ...]  # unanswered fields its condition reads
    uncertainty: str | None


@dataclass(frozen=True)
class PlanFunding:
    id: str
    title: str
    text: str
    who: str
    amount: Span | None
    cycle: str
    as_of: dt.date
    url: str | None
    sources: tuple[SourceRef, ...]
    provisions: tuple[str, ...]
    depends_on: tuple[str, ...]
    uncertainty: str | None


@dataclass(frozen=True)
class PlanBlocker:
    rule: str
    message: str
    change: str


@dataclass(frozen=True)
class Plan:
    form: str
    form_name: str
    lang: str
    today: dt.date
    eligible: bool
    blockers: tuple[PlanBlocker, ...]
    decisions: tuple[Decision, ...]
    steps: tuple[PlanStep, ...]
    documents: tuple[PlanDocument, ...]
    duties: tuple[PlanDuty, ...]
    funding: tuple[PlanFunding, ...]
    total_cost: Span
    cost_unknown_steps: tuple[str, ...]
    earliest_start: dt.date
    typical_start: dt.date
    time_unknown_steps: tuple[str, ...]
    law_as_of: dt.date
    knowledge_version: str
    notice: str
    founding_date: dt.date | None = None  # the date duties are counted from, when given
    depends_on: tuple[str, ...] = ()  # unanswered fields that decide whether the form is open

    def to_dict(self) -> dict[str, Any]:
        """The plan as the public contract's JSON (plus documented extra fields)."""

        def span(s: Span | None) -> dict[str, int] | None:
            return None if s is None else {"min": s.min, "max": s.max}

        return {
            "form": self.form,
            "form_name": self.form_name,
            "lang": self.lang,
            "eligible": self.eligible,
            "depends_on": list(self.depends_on),
            "blockers": [
                {"rule": b.rule, "message": b.message, "change": b.change} for b in self.blockers
            ],
            "decisions": [
                {
                    "id": d.id,
                    "title": d.title,
                    "text": d.text,
                    "value": d.value,
                    "from_answers": d.from_answers,
                }
                for d in self.decisions
            ],
            "steps": [
                {
                    "id": s.id,
                    "title": s.title,
                    "who": s.who,
                    "where": s.where.to_dict(),
                    "documents": list(s.documents),
                    "cost_pln": span(s.cost),
                    "cost_note": s.cost_note,
                    "time_days": span(s.time_days),
                    "time": s.time_text,
                    "sources": [r.to_dict() for r in s.sources],
                    "provisions": list(s.provisions),
                    "uncertainty": s.uncertainty,
                    "ask": s.ask,
                }
                for s in self.steps
            ],
            "documents": [
                {
                    "id": d.id,
                    "title": d.title,
                    "provisions": list(d.provisions),
                    "available": d.available,
                }
                for d in self.documents
            ],
            "duties": [
                {
                    "id": d.id,
                    "title": d.title,
                    "text": d.text,
                    "due": d.due,
                    "recurrence": d.recurrence,
                    "first_due": d.first_due.isoformat() if d.first_due else None,
                    "to_whom": d.to_whom,
                    "sources": [r.to_dict() for r in d.sources],
                    "provisions": list(d.provisions),
                    "depends_on": list(d.depends_on),
                    "uncertainty": d.uncertainty,
                }
                for d in self.duties
            ],
            "funding": [
                {
                    "id": f.id,
                    "title": f.title,
                    "text": f.text,
                    "who": f.who,
                    "amount_pln": span(f.amount),
                    "cycle": f.cycle,
                    "as_of": f.as_of.isoformat(),
                    "url": f.url,
                    "sources": [r.to_dict() for r in f.sources],
                    "provisions": list(f.provisions),
                    "depends_on": list(f.depends_on),
                    "uncertainty": f.uncertainty,
                }
                for f in self.funding
            ],
            "total_cost_pln": span(self.total_cost),
            "cost_unknown_steps": list(self.cost_unknown_steps),
            "earliest_start": self.earliest_start.isoformat(),
            "typical_start": self.typical_start.isoformat(),
            "time_unknown_steps": list(self.time_unknown_steps),
            "today": self.today.isoformat(),
            "founding_date": self.founding_date.isoformat() if self.founding_date else None,
            "law_as_of": self.law_as_of.isoformat(),
            "knowledge_version": self.knowledge_version,
            "notice": self.notice,
        }


# -- building blocks ------------------------------------------------------------------------------


def _sources(kb: KnowledgeBase, ids: Iterable[str]) -> tuple[SourceRef, ...]:
    out = []
    for sid in dict.fromkeys(ids):
        s = kb.sources.get(sid)
        if s is None:
            continue
        published = getattr(s, "published", None)
        out.append(
            SourceRef(
                sid,
                s.title,
                s.url,
                s.checked,
                published.isoformat() if isinstance(published, dt.date) else
                (str(published) if published is not None else None),
            )
        )  # fmt: skip
    return tuple(out)


def provision_label(kb: KnowledgeBase, p: Provision, lang: str) -> str:
    """ "art. 10 ust. 1 – Prawo o stowarzyszeniach" (the act's short name when registered)."""
    acts: Mapping[str, Any] = getattr(kb, "acts", None) or {}
    act = acts.get(p.act)
    name = act.short.get(lang) if act is not None else p.act
    label = f"{p.ref} – {name}"
    return f"{label} ({p.text_in})" if p.text_in else label


def _provisions(kb: KnowledgeBase, provs: Iterable[Provision], lang: str) -> tuple[str, ...]:
    return tuple(provision_label(kb, p, lang) for p in provs)


def _where(kb: KnowledgeBase, step: Step, lang: str) -> Where:
    contact = kb.contacts.get(step.office) if step.office else None
    if contact is not None:
        return Where(
            name=contact.name.get(lang),
            address=contact.address,
            url=contact.url,
            hours=contact.hours.get(lang) if contact.hours is not None else None,
            contact=contact.id,
            department=contact.department.get(lang) if contact.department is not None else None,
        )
    if step.internal or step.body is None:
        return Where(name=t("plan.where.none", lang))
    return Where(name=step.body.get(lang))


def _ask(kb: KnowledgeBase, step: Step, where: Where, lang: str) -> str | None:
    if step.internal:  # the founders decide it themselves: nobody to ask
        return None
    missing = []
    if step.cost_range is None:
        missing.append(t("plan.ask.cost", lang))
    if step.time_days is None and step.time is None:
        missing.append(t("plan.ask.time", lang))
    if not missing:
        return None
    what = t("plan.ask.and", lang).join(missing)
    if step.office is None and step.body is None:  # nobody is named: do not invent whom to ask
        return t("plan.ask.nobody", lang, what=what)
    return t("plan.ask", lang, what=what, whom=where.name)


def _document_titles(kb: KnowledgeBase, form_id: str, lang: str) -> dict[str, PlanDocument]:
    """Titles and provisions of the form's drafts from the drafts library, when installed."""
    try:
        from . import documents as docs  # the drafts library (optional in a partial checkout)
    except ImportError:
        return {}
    templates = getattr(kb, "documents", None)
    if not templates:
        return {}
    out: dict[str, PlanDocument] = {}
    for tpl in docs.drafts_for(kb, form_id):
        provs = tuple(
            dict.fromkeys(
                docs.provision_label(kb, p, lang) for p in getattr(tpl, "provisions", ()) or ()
            )
        )
        title = _FIELD.sub("", tpl.title.get(lang)).strip()  # "… {name}": the name is yours
        out[tpl.id] = PlanDocument(tpl.id, title, provs, True)
    return out


def _depends(cond: Any, profile: Profile) -> tuple[str, ...] | None:
    """None: the condition is false (leave the item out); otherwise the unanswered fields."""
    if cond is None:
        return ()
    truth = evaluate(cond, profile)
    if truth is False:
        return None
    if truth is True:
        return ()
    return tuple(f for f in fields_of(cond) if profile.get(f) is None)


def first_due(duty: Duty, founding: dt.date) -> dt.date | None:
    """The first date of a duty for an organisation founded on ``founding``.

    >>> from recommender.plan_models import DueDate
    >>> d = Duty(id="x", title={"pl": "a", "en": "a"}, text={"pl": "a", "en": "a"}, forms=["kgw"],
    ...          recurrence="yearly", due=DueDate(month=3, day=31), due_text={"pl": "a", "en": "a"},
    ...          sources=["s"])
    >>> first_due(d, dt.date(2027, 5, 1))
    datetime.date(2028, 3, 31)
    """
    if duty.recurrence == "once":
        return founding + dt.timedelta(days=duty.after_days or 0)
    if duty.recurrence != "yearly" or duty.due is None:
        return None
    year = founding.year + duty.from_founding_year
    day = dt.date(year, duty.due.month, duty.due.day)
    if duty.from_founding_year == 0 and day < founding:
        day = dt.date(year + 1, duty.due.month, duty.due.day)
    return day


def plan_duties(
    kb: KnowledgeBase, form_id: str, profile: Profile, founding: dt.date, lang: str
) -> tuple[PlanDuty, ...]:
    out = []
    for d in kb.duties:
        if form_id not in d.forms:
            continue
        cond = parse_condition(d.applies_when) if d.applies_when is not None else None
        depends = _depends(cond, profile)
        if depends is None:
            continue
        office = kb.contacts.get(d.office) if d.office else None
        to_whom = (
            d.to_whom.get(lang)
            if d.to_whom is not None
            else (office.name.get(lang) if office is not None else None)
        )
        out.append(
            PlanDuty(
                id=d.id,
                title=d.title.get(lang),
                text=d.text.get(lang),
                due=d.due_text.get(lang),
                recurrence=d.recurrence,
                first_due=first_due(d, founding),
                to_whom=to_whom,
                sources=_sources(kb, d.sources),
                provisions=_provisions(kb, d.provisions, lang),
                depends_on=depends,
                uncertainty=d.uncertainty.get(lang) if d.uncertainty is not None else None,
            )
        )
    return tuple(sorted(out, key=lambda d: (d.first_due is None, d.first_due or founding, d.id)))


def _funding(
    kb: KnowledgeBase, form_id: str, profile: Profile, lang: str
) -> tuple[PlanFunding, ...]:
    out = []
    routes: Iterable[FundingRoute] = kb.funding
    for r in routes:
        if form_id not in r.forms:
            continue
        cond = parse_condition(r.applies_when) if r.applies_when is not None else None
        depends = _depends(cond, profile)
        if depends is None:
            continue
        out.append(
            PlanFunding(
                id=r.id,
                title=r.title.get(lang),
                text=r.text.get(lang),
                who=r.who.get(lang),
                amount=r.amount_pln,
                cycle=r.cycle.get(lang),
                as_of=r.as_of,
                url=r.url,
                sources=_sources(kb, r.sources),
                provisions=_provisions(kb, r.provisions, lang),
                depends_on=depends,
                uncertainty=r.uncertainty.get(lang) if r.uncertainty is not None else None,
            )
        )
    # routes that surely fit first, then those that depend on an answer
    return tuple(sorted(out, key=lambda f: bool(f.depends_on)))


def _decisions(kb: KnowledgeBase, form: Form, profile: Profile, lang: str) -> tuple[Decision, ...]:
    goals = profile.get("goals") or ()
    labels = [
        v.label.get(lang) for g in goals if (v := kb.vocabulary.get(("goals", g))) is not None
    ]
    bodies = form.facts.get("governing_bodies")
    represent = bodies.text.get(lang) if bodies is not None else t("plan.decide.who.text", lang)
    governance = profile.get("governance")
    gov_label = t(f"plan.governance.{governance}", lang) if governance is not None else None
    return (
        Decision(
            "name",
            t("plan.decide.name", lang),
            t("plan.decide.name.text", lang),
            t("plan.placeholder.name", lang),
            False,
        ),
        Decision(
            "seat",
            t("plan.decide.seat", lang),
            t("plan.decide.seat.text", lang),
            t("plan.placeholder.seat", lang),
            False,
        ),
        Decision(
            "goals",
            t("plan.decide.goals", lang),
            t("plan.decide.goals.text", lang),
            ", ".join(labels) if labels else t("plan.placeholder.goals", lang),
            bool(labels),
        ),
        Decision(
            "who",
            t("plan.decide.who", lang),
            represent,
            gov_label or t("plan.placeholder.who", lang),
            gov_label is not None,
        ),
    )


def _as_profile(kb: KnowledgeBase, profile: Profile | Mapping[str, Any] | None) -> Profile:
    if isinstance(profile, Profile):
        return profile
    return parse_profile(dict(profile or {}), kb.criteria)


def build_plan(
    kb: KnowledgeBase,
    profile: Profile | Mapping[str, Any] | None,
    form_id: str | None = None,
    lang: str = "pl",
    today: dt.date | None = None,
    founding_date: dt.date | str | None = None,
) -> Plan:
    """The founding plan for ``profile`` and ``form_id`` (default: the best fit).

    Duties are dated from ``founding_date`` when given (validated by
    :func:`check_founding_date`), else from the earliest realistic start.

    Raises :class:`UnknownForm` for an id that is not a form,
    :class:`recommender.profile.ProfileError` for an invalid profile and
    :class:`FoundingDateError` for a founding date out of bounds.
    """
    from .engine import check_rules, recommend

    lang = "en" if lang == "en" else "pl"
    day = today or dt.date.today()
    founding = (
        check_founding_date(founding_date, day, lang) if founding_date not in (None, "") else None
    )
    prof = _as_profile(kb, profile)
    if form_id is None:
        form_id = recommend(kb, prof).ranking[0].form
    elif form_id not in kb.forms:
        raise UnknownForm(form_id)
    form = kb.forms[form_id]
    found, pending = check_rules(kb, form_id, prof)
    blockers = tuple(PlanBlocker(b.rule, b.message[lang], b.change[lang]) for b in found)
    undecided = tuple(dict.fromkeys(f for p in pending for f in p.fields))
    drafts = _document_titles(kb, form_id, lang)

    steps: list[PlanStep] = []
    total = ZERO
    cost_unknown: list[str] = []
    time_unknown: list[str] = []
    earliest = typical = 0
    doc_ids: dict[str, None] = {}
    for step in form.steps:
        if step.after_founding:
            continue
        where = _where(kb, step, lang)
        rng = step.cost_range
        if rng is None:
            cost_unknown.append(step.id)
        else:
            total = total + rng
        if step.time_days is None:
            if not step.internal:
                time_unknown.append(step.id)
        else:
            earliest += step.time_days.min
            typical += step.time_days.max
        doc_ids.update(dict.fromkeys(step.documents))
        steps.append(
            PlanStep(
                id=step.id,
                title=step.text.get(lang),
                who=step.body.get(lang) if step.body is not None else t("plan.who.you", lang),
                where=where,
                documents=step.documents,
                cost=rng,
                cost_note=step.cost_note.get(lang) if step.cost_note is not None else None,
                time_days=step.time_days,
                time_text=step.time.get(lang)
                if step.time is not None
                else (t("plan.time.yours", lang) if step.internal and not step.time_days else None),
                sources=_sources(kb, step.sources),
                provisions=_provisions(kb, step.provisions, lang),
                uncertainty=step.uncertainty.get(lang) if step.uncertainty is not None else None,
                ask=_ask(kb, step, where, lang),
            )
        )
    documents = tuple(
        drafts.get(d) or PlanDocument(d, d, (), False)
        for d in (*doc_ids, *(d for d in drafts if d not in doc_ids))
    )
    earliest_start = day + dt.timedelta(days=earliest)
    law_as_of = getattr(kb, "law_as_of", None) or kb.last_checked
    return Plan(
        form=form_id,
        form_name=form.name.get(lang),
        lang=lang,
        today=day,
        eligible=not blockers,
        blockers=blockers,
        decisions=_decisions(kb, form, prof, lang),
        steps=tuple(steps),
        documents=documents,
        duties=plan_duties(kb, form_id, prof, founding or earliest_start, lang),
        funding=_funding(kb, form_id, prof, lang),
        total_cost=total,
        cost_unknown_steps=tuple(cost_unknown),
        earliest_start=earliest_start,
        typical_start=day + dt.timedelta(days=typical),
        time_unknown_steps=tuple(time_unknown),
        law_as_of=law_as_of,
        knowledge_version=kb.version,
        notice=t("plan.notice", lang, date=law_as_of.isoformat()),
        founding_date=founding,
        depends_on=undecided,
    )


# -- Markdown -------------------------------------------------------------------------------------


def document_names(plan: Plan, step: PlanStep) -> str:
    """The titles of a step's drafts ("Statut fundacji, …"), ids where no title is known."""
    titles = {d.id: d.title for d in plan.documents}
    return ", ".join(titles.get(d, d) for d in step.documents)


def fmt_pln(span: Span | None, lang: str) -> str:
    """ "0 zł", "350–600 zł", "PLN 350–600"; "?" when unknown."""
    if span is None:
        return t("plan.unknown", lang)
    text = f"{span:,}".replace(",", "\u00a0")
    return f"PLN {text}" if lang == "en" else f"{text}\u00a0zł"


def fmt_days(span: Span | None, lang: str) -> str:
    if span is None:
        return t("plan.unknown", lang)
    if span.min == span.max == 1:
        return t("plan.days.single", lang)
    if span.min == span.max:
        return t("plan.days.one", lang, n=span.min)
    return t("plan.days.range", lang, min=span.min, max=span.max)


def _md(text: str) -> str:
    """Plain text made safe for Markdown (no markup, no raw HTML)."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def _md_sources(sources: Iterable[SourceRef]) -> str:
    return "; ".join(
        f"[{_md(s.title)}]({s.url}) ({s.published or '—'}, {s.checked.isoformat()})"
        for s in sources
    )


def plan_markdown(plan: Plan) -> str:
    """The plan as Markdown (for the ``md`` format and the page's download)."""
    lang = plan.lang
    out = [f"# {_md(t('plan.title', lang, form=plan.form_name))}", "", f"> {_md(plan.notice)}", ""]
    if plan.blockers:
        out += [f"## {t('plan.blockers', lang)}", ""]
        out += [f"- {_md(b.message)} → {_md(b.change)}" for b in plan.blockers]
        out.append("")
    out += [f"## {t('plan.decisions', lang)}", ""]
    for d in plan.decisions:
        out.append(f"- **{_md(d.title)}:** {_md(d.value)} — {_md(d.text)}")
    out += ["", f"## {t('plan.steps', lang)}", ""]
    for n, s in enumerate(plan.steps, 1):
        out.append(f"{n}. **{_md(s.title)}**")
        if s.who:
            out.append(f"   - {t('plan.who', lang)}: {_md(s.who)}")
        place = s.where.name + (f", {s.where.address}" if s.where.address else "")
        out.append(f"   - {t('plan.where', lang)}: {_md(place)}")
        if s.where.department:
            out.append(f"   - {t('plan.department', lang)}: {_md(s.where.department)}")
        if s.where.hours:
            out.append(f"   - {t('plan.hours', lang)}: {_md(s.where.hours)}")
        cost = fmt_pln(s.cost, lang) + (f" ({_md(s.cost_note)})" if s.cost_note else "")
        out.append(f"   - {t('plan.cost', lang)}: {cost}")
        time = fmt_days(s.time_days, lang) + (f" ({_md(s.time_text)})" if s.time_text else "")
        out.append(f"   - {t('plan.time', lang)}: {time}")
        if s.ask:
            out.append(f"   - {_md(s.ask)}")
        if s.documents:
            out.append(f"   - {t('plan.documents', lang)}: {_md(document_names(plan, s))}")
        if s.provisions:
            out.append(f"   - {t('plan.provisions', lang)}: {_md('; '.join(s.provisions))}")
        if s.uncertainty:
            out.append(f"   - _{_md(s.uncertainty)}_")
        if s.sources:
            out.append(f"   - {t('plan.sources', lang)}: {_md_sources(s.sources)}")
    out += [
        "",
        f"**{t('plan.total', lang)}:** {fmt_pln(plan.total_cost, lang)}"
        + (f" {t('plan.total.partial', lang)}" if plan.cost_unknown_steps else ""),
        "",
        f"**{t('plan.start', lang)}:** {plan.earliest_start.isoformat()}"
        f" ({t('plan.start.typical', lang, date=plan.typical_start.isoformat())})"
        + (f" {t('plan.start.partial', lang)}" if plan.time_unknown_steps else ""),
        "",
    ]
    if plan.duties:
        out += [f"## {t('plan.duties', lang)}", ""]
        for duty in plan.duties:
            first = (
                f" — {t('plan.first', lang)} {duty.first_due.isoformat()}" if duty.first_due else ""
            )
            out.append(f"- **{_md(duty.title)}** ({_md(duty.due)}{first}): {_md(duty.text)}")
            if duty.depends_on:
                out.append(f"  - {t('plan.depends', lang, fields=', '.join(duty.depends_on))}")
            if duty.sources:
                out.append(f"  - {t('plan.sources', lang)}: {_md_sources(duty.sources)}")
        out.append("")
    if plan.funding:
        out += [f"## {t('plan.funding', lang)}", ""]
        for f in plan.funding:
            amount = f" — {fmt_pln(f.amount, lang)}" if f.amount is not None else ""
            out.append(f"- **{_md(f.title)}**{amount}: {_md(f.text)} {_md(f.cycle)}")
            out.append(f"  - {t('plan.funding.who', lang)}: {_md(f.who)}")
            if f.depends_on:
                out.append(f"  - {t('plan.depends', lang, fields=', '.join(f.depends_on))}")
            out.append(
                f"  - {t('plan.sources', lang)} ({t('plan.as_of', lang)} {f.as_of.isoformat()}):"
                f" {_md_sources(f.sources)}"
            )
        out.append("")
    return "\n".join(out)


# -- DOCX -----------------------------------------------------------------------------------------


class FormatUnavailable(RuntimeError):
    """The output format needs a part of the project that this checkout does not have."""


def plan_docx(plan: Plan) -> bytes:
    """The plan as a Word document, written by the drafts' DOCX writer."""
    try:
        from .docx_writer import (
            DocInfo,
            Heading,
            ListBlock,
            Notes,
            Paragraph,
            Run,
            Table,
            write_docx,
        )
    except ImportError as exc:  # the drafts library is not in this checkout
        raise FormatUnavailable("docx: the document writer is not installed") from exc
    lang = plan.lang
    notes: list[str] = []

    def cite(sources: Iterable[SourceRef]) -> tuple[Run, ...]:
        runs = []
        for s in sources:
            notes.append(f"{s.title} – {s.url} ({s.published or '—'}; {s.checked.isoformat()})")
            runs.append(Run(str(len(notes)), superscript=True))
        return tuple(runs)

    blocks: list[Any] = [
        Heading(t("plan.title", lang, form=plan.form_name), 0),
        Paragraph(plan.notice, style="note"),
    ]
    if plan.blockers:
        blocks.append(Heading(t("plan.blockers", lang), 1))
        blocks.append(ListBlock(tuple(f"{b.message} → {b.change}" for b in plan.blockers), False))
    blocks.append(Heading(t("plan.decisions", lang), 1))
    blocks.append(
        ListBlock(
            tuple(
                Paragraph((Run(f"{d.title}: ", bold=True), d.value, f" — {d.text}"))
                for d in plan.decisions
            ),
            False,
        )
    )
    blocks.append(Heading(t("plan.steps", lang), 1))
    for n, s in enumerate(plan.steps, 1):
        blocks.append(Heading(f"{n}. {s.title}", 2))
        rows = []
        if s.who:
            rows.append((t("plan.who", lang), s.who))
        place = s.where.name + (f", {s.where.address}" if s.where.address else "")
        rows.append((t("plan.where", lang), place))
        if s.where.department:
            rows.append((t("plan.department", lang), s.where.department))
        if s.where.hours:
            rows.append((t("plan.hours", lang), s.where.hours))
        rows.append(
            (
                t("plan.cost", lang),
                fmt_pln(s.cost, lang) + (f" ({s.cost_note})" if s.cost_note else ""),
            )
        )
        rows.append(
            (
                t("plan.time", lang),
                fmt_days(s.time_days, lang) + (f" ({s.time_text})" if s.time_text else ""),
            )
        )
        if s.documents:
            rows.append((t("plan.documents", lang), document_names(plan, s)))
        if s.provisions:
            rows.append((t("plan.provisions", lang), "; ".join(s.provisions)))
        blocks.append(Table(("", ""), tuple(rows), numbered=False))
        if s.ask:
            blocks.append(Paragraph(s.ask, style="note"))
        if s.uncertainty:
            blocks.append(Paragraph(s.uncertainty, style="note"))
        if s.sources:
            blocks.append(Paragraph((t("plan.sources", lang) + ": ", *cite(s.sources))))
    blocks.append(
        Paragraph(
            (
                Run(t("plan.total", lang) + ": ", bold=True),
                fmt_pln(plan.total_cost, lang)
                + (f" {t('plan.total.partial', lang)}" if plan.cost_unknown_steps else ""),
            )
        )
    )
    blocks.append(
        Paragraph(
            (
                Run(t("plan.start", lang) + ": ", bold=True),
                f"{plan.earliest_start.isoformat()} "
                f"({t('plan.start.typical', lang, date=plan.typical_start.isoformat())})",
            )
        )
    )
    if plan.duties:
        blocks.append(Heading(t("plan.duties", lang), 1))
        items = []
        for d in plan.duties:
            first = f" — {t('plan.first', lang)} {d.first_due.isoformat()}" if d.first_due else ""
            items.append(
                Paragraph(
                    (Run(d.title, bold=True), f" ({d.due}{first}): {d.text}", *cite(d.sources))
                )
            )
        blocks.append(ListBlock(tuple(items), False))
    if plan.funding:
        blocks.append(Heading(t("plan.funding", lang), 1))
        items = []
        for f in plan.funding:
            amount = f" — {fmt_pln(f.amount, lang)}" if f.amount is not None else ""
            items.append(
                Paragraph(
                    (
                        Run(f.title, bold=True),
                        f"{amount}: {f.text} {f.cycle} ({t('plan.as_of', lang)} "
                        f"{f.as_of.isoformat()})",
                        *cite(f.sources),
                    )
                )
            )
        blocks.append(ListBlock(tuple(items), False))
    if notes:
        blocks.append(Notes(t("plan.sources", lang), tuple(notes)))
    info = DocInfo(
        title=t("plan.title", lang, form=plan.form_name),
        language="en-GB" if lang == "en" else "pl-PL",
    )
    return write_docx(blocks, info)
