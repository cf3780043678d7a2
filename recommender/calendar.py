"""The yearly duties of a plan as an iCalendar file (``.ics``), written with the icalendar library.

Every duty with a date becomes an all-day event: a yearly duty repeats every year from its first
date after founding (``RRULE:FREQ=YEARLY``), a one-off duty falls the given number of days after
founding. Duties without a date of their own (report a change within 7 days; a deadline no
source gives) stay in the plan's list and are not in the calendar. Texts pass through the
library, which escapes commas, semicolons and newlines; control characters are dropped first.
"""

from __future__ import annotations

import datetime as dt
import re

from .i18n import t
from .plan import Plan, PlanDuty

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
PRODID = "-//Jaka forma?//plan//PL"


def _clean(text: str, limit: int = 2000) -> str:
    text = _CONTROL.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _description(duty: PlanDuty, lang: str) -> str:
    lines = [duty.text, f"{t('plan.ics.due', lang)}: {duty.due}"]
    if duty.to_whom:
        lines.append(duty.to_whom)
    if duty.depends_on:
        lines.append(t("plan.depends", lang, fields=", ".join(duty.depends_on)))
    if duty.uncertainty:
        lines.append(duty.uncertainty)
    lines += [f"{t('plan.ics.source', lang)}: {s.title} – {s.url}" for s in duty.sources]
    return "\n".join(lines)


def duties_ics(plan: Plan, stamp: dt.datetime | None = None) -> bytes:
    """The dated duties of ``plan`` as an ``.ics`` file (UTF-8 bytes).

    ``stamp`` (the DTSTAMP of every event) defaults to the plan's ``today`` at midnight UTC, so
    the same plan always gives the same file.
    """
    from icalendar import Calendar, Event

    lang = plan.lang
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _clean(t("plan.ics.name", lang, form=plan.form_name), 200))
    when = stamp or dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC)
    for duty in plan.duties:
        if duty.first_due is None:
            continue
        ev = Event()
        ev.add("uid", f"{duty.id}.{plan.form}@jakaforma")
        ev.add("dtstamp", when)
        ev.add("dtstart", duty.first_due)
        ev.add("dtend", duty.first_due + dt.timedelta(days=1))
        ev.add("summary", _clean(duty.title, 300))
        ev.add("description", _clean(_description(duty, lang)))
        ev.add("transp", "TRANSPARENT")
        if duty.recurrence == "yearly":
            ev.add("rrule", {"freq": "yearly"})
        if duty.sources:
            ev.add("url", duty.sources[0].url)
        cal.add_component(ev)
    return bytes(cal.to_ical())
