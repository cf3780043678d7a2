"""Every item of the knowledge base that states something, with where it rests.

One walker over facts, rules, pros, cons, steps, status statements and contacts serves the
loader (provision checks, staleness warnings) and the ``audit`` command, so both see the same
list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .models import Act, Contact, FactKey, Form, Source, Status, Text
from .staleness import Amendment, Staleness, assess

KINDS = ("fact", "rule", "pro", "con", "step", "status", "contact")


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    form: str | None
    id: str
    loc: str  # location inside its file, as in ``check`` messages
    obj: Any  # a Fact, Rule, Item, Step, Condition_ or Contact

    @property
    def key(self) -> tuple[str, str | None, str]:
        return (self.kind, self.form, self.id)


def form_entries(form: Form) -> Iterator[Entry]:
    for key, fact in form.facts.items():
        yield Entry("fact", form.id, key, f"facts.{key}", fact)
    for j, rule in enumerate(form.rules):
        yield Entry("rule", form.id, rule.id, f"rules[{j}]", rule)
    for kind, seq in (("pro", form.pros), ("con", form.cons)):
        for j, item in enumerate(seq):
            yield Entry(kind, form.id, item.id, f"{kind}s[{j}]", item)
    for j, step in enumerate(form.steps):
        yield Entry("step", form.id, step.id, f"steps[{j}]", step)


def status_entries(status: Status, index: int) -> Iterator[Entry]:
    for part in ("conditions", "benefits", "duties"):
        for j, cond in enumerate(getattr(status, part)):
            loc = f"{part}[{j}]"
            yield Entry("status", None, f"{status.id}.{loc}", f"statuses[{index}].{loc}", cond)


def contact_entry(contact: Contact, index: int) -> Entry:
    return Entry("contact", None, contact.id, f"contacts[{index}]", contact)


def is_amount(entry: Entry, fact_keys: Mapping[str, FactKey]) -> bool:
    obj = entry.obj
    if getattr(obj, "amount", False):
        return True
    if entry.kind == "fact":
        fk = fact_keys.get(entry.id)
        return bool(fk is not None and fk.amount)
    return entry.kind == "step" and getattr(obj, "cost_pln", None) is not None


def _latest_change(act: Act, as_of: dt.date) -> dt.date:
    """The day a source must postdate to show it describes the act as it stands.

    The latest amendment considered where it is established. Where neither it nor the current
    consolidated text could be confirmed, nothing short of the law date settles it: a page from
    any earlier year may describe a text amended since, so the item is treated as stale."""
    if act.last_amendment is not None:
        return act.last_amendment
    return act.date if act.consolidated else as_of


def judge(
    entry: Entry,
    sources: Mapping[str, Source],
    acts: Mapping[str, Act],
    fact_keys: Mapping[str, FactKey],
    as_of: dt.date,
    amount_max_age_years: int,
) -> Staleness:
    published: list[Any] = [sources[s].published for s in entry.obj.sources if s in sources]
    # A provision read in the act's consolidated text counts as a source published that day.
    for p in getattr(entry.obj, "provisions", ()):
        act = acts.get(p.act)
        if act is not None and p.text_in is None and act.consolidated_published is not None:
            published.append(act.consolidated_published)
    amendments = [
        Amendment(p.act, _latest_change(acts[p.act], as_of))
        for p in getattr(entry.obj, "provisions", ())
        if p.act in acts
    ]
    return assess(
        published,
        amendments,
        is_amount=is_amount(entry, fact_keys),
        as_of=as_of,
        amount_max_age_years=amount_max_age_years,
    )


def _date_text(day: dt.date, lang: str) -> str:
    return f"{day.day}.{day.month:02d}.{day.year}" if lang == "pl" else day.isoformat()


def warning_text(
    verdict: Staleness, acts: Mapping[str, Act], warnings: Any, years: int
) -> Text | None:
    """The warning for a stale item in both languages (``warnings``: ``Acts.stale_warning``)."""
    if not verdict.stale:
        return None
    if verdict.reason == "amendment" and verdict.act is not None and verdict.amended is not None:
        act = acts[verdict.act]
        if act.last_amendment is None:
            return Text(
                pl=warnings.unknown_amendment.pl.format(act=act.short.pl),
                en=warnings.unknown_amendment.en.format(act=act.short.en),
            )
        return Text(
            pl=warnings.amendment.pl.format(
                act=act.short.pl, date=_date_text(verdict.amended, "pl")
            ),
            en=warnings.amendment.en.format(
                act=act.short.en, date=_date_text(verdict.amended, "en")
            ),
        )
    return Text(
        pl=warnings.amount.pl.format(years=years), en=warnings.amount.en.format(years=years)
    )


def with_warning(obj: Any, warning: Text) -> Any:
    """``obj`` with ``warning`` added to its uncertainty (after any text already there)."""
    old: Text | None = getattr(obj, "uncertainty", None)
    new = warning
    if old is not None:
        new = Text(pl=f"{old.pl} {warning.pl}", en=f"{old.en} {warning.en}")
    return obj.model_copy(update={"uncertainty": new})


def replace_in_form(form: Form, updates: Mapping[tuple[str, str], Any]) -> Form:
    """``form`` with the items ``(kind, id) -> new object`` swapped in."""
    if not updates:
        return form
    facts = {k: updates.get(("fact", k), v) for k, v in form.facts.items()}
    return form.model_copy(
        update={
            "facts": facts,
            "rules": tuple(updates.get(("rule", r.id), r) for r in form.rules),
            "pros": tuple(updates.get(("pro", i.id), i) for i in form.pros),
            "cons": tuple(updates.get(("con", i.id), i) for i in form.cons),
            "steps": tuple(updates.get(("step", s.id), s) for s in form.steps),
        }
    )


def replace_in_status(status: Status, updates: Mapping[str, Any]) -> Status:
    """``status`` with statements ``"<part>[<j>]" -> new object`` swapped in."""
    if not updates:
        return status
    return status.model_copy(
        update={
            part: tuple(updates.get(f"{part}[{j}]", c) for j, c in enumerate(getattr(status, part)))
            for part in ("conditions", "benefits", "duties")
        }
    )


def provision_label(acts: Mapping[str, Act], act_id: str, ref: str, lang: str) -> str:
    """``"art. 10 ust. 1 – Prawo o stowarzyszeniach"`` (the act's short name in ``lang``)."""
    act = acts.get(act_id)
    return f"{ref} – {act.short.get(lang) if act is not None else act_id}"
