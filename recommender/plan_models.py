"""Typed models of the plan's knowledge: yearly duties (``duties.yaml``) and funding routes
(``funding.yaml``). Both carry conditions over the profile, like pros and cons, and cite their
sources and provisions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .models import SLUG, Id, Provision, Sourced, Span, Strict, Text


class DueDate(Strict):
    """A day of the year (``{month: 3, day: 31}``); 29 February is not allowed."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    @model_validator(mode="after")
    def _real_day(self) -> DueDate:
        try:
            dt.date(2025, self.month, self.day)  # a common year: no 29 February
        except ValueError:
            raise ValueError(f"{self.day}.{self.month} is not a day of every year") from None
        return self


class Duty(Sourced):
    """A recurring or one-off duty of an organisation once it exists.

    ``recurrence: yearly`` duties fall on ``due`` each year (the first one after founding; a
    yearly duty whose day no source gives has no ``due`` and an ``uncertainty`` saying whom to ask);
    ``once`` duties fall ``after_days`` days after the founding date; ``on_change`` duties
    have no date of their own (e.g. report a change within 7 days). ``due_text`` says the
    deadline in words. ``applies_when`` is a condition over the profile (missing: always);
    an unknown answer keeps the duty in the plan, marked as depending on that answer.
    """

    id: Id = Field(pattern=SLUG)
    title: Text
    text: Text
    forms: tuple[Id, ...] = Field(min_length=1)
    applies_when: dict[str, Any] | None = None
    recurrence: Literal["yearly", "once", "on_change"]
    due: DueDate | None = None
    after_days: int | None = Field(default=None, ge=0, le=3660)
    due_text: Text
    office: Id | None = None  # a contact id, where the duty is filed
    # a status whose holders alone have this duty (the OPP report): search weighs it as a part
    # of that status, for a question that names the status
    status: Id | None = None
    # the first yearly occurrence: in the founding year + this many years (0: the first ``due``
    # on or after the founding date; 1: the year after founding, for duties about a past year)
    from_founding_year: int = Field(default=1, ge=0, le=5)
    to_whom: Text | None = None  # the body it is filed with, in words
    provisions: tuple[Provision, ...] = ()

    @model_validator(mode="after")
    def _dated(self) -> Duty:
        if self.recurrence == "yearly" and self.due is None and self.uncertainty is None:
            raise ValueError("a yearly duty needs 'due' (or an uncertainty saying whom to ask)")
        if self.recurrence == "once" and self.after_days is None:
            raise ValueError("a one-off duty needs 'after_days'")
        return self


class FundingRoute(Sourced):
    """A way to finance the activity: a grant programme, a public fund, fees, sponsorship.

    ``amount_pln`` is the typical amount (null when it has no typical amount, e.g. fees);
    ``cycle`` says when one applies, valid ``as_of`` that date.
    """

    id: Id = Field(pattern=SLUG)
    title: Text
    text: Text
    who: Text  # who may apply
    forms: tuple[Id, ...] = Field(min_length=1)
    applies_when: dict[str, Any] | None = None
    amount_pln: Span | None = None
    cycle: Text
    as_of: dt.date
    url: str | None = None
    contact: Id | None = None  # a contact id in contacts.yaml
    provisions: tuple[Provision, ...] = ()


__all__ = ["SLUG", "DueDate", "Duty", "FundingRoute", "Provision", "Span"]
