"""Staleness of a knowledge item, computed from the dates its sources and acts carry.

An item is **stale** when

* it cites provisions of acts, and no source it rests on is known to be published on or after
  the latest amendment (``last_amendment`` in ``acts.yaml``) of those acts: every source was
  published before it, or states only a year that does not settle it, or states no date; or
* it states an amount or fee and no source it rests on is known to be younger than
  ``amount_max_age_years`` (``acts.yaml``) on the law date.

Publication dates are as precise as the page states them: a date, a year, or nothing
(``"undated"``). A year counts as "on or after" a day only when the whole year is (the year
after the day's year or later), and as "within the age" only when the whole year is. When in
doubt the item is stale: the warning costs a reader a check, a silent outdated fact costs more.

The function is pure (dates in, a verdict out); the loader attaches the warning text to the
item's ``uncertainty`` so that every page that shows the item shows the warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Published = dt.date | int | str | None  # a date, a year, "undated" or None (not yet dated)


@dataclass(frozen=True)
class Amendment:
    """The latest amendment considered of one act the item cites."""

    act: str
    date: dt.date


@dataclass(frozen=True)
class Staleness:
    stale: bool
    reason: Literal["amendment", "amount_age"] | None
    why: str  # one English sentence (the audit's ``why``)
    act: str | None = None  # for reason "amendment": the act whose amendment the sources predate
    amended: dt.date | None = None  # its date in force


def known_on_or_after(published: Published, day: dt.date) -> bool:
    """True only when the stated publication date is surely on or after ``day``."""
    if isinstance(published, dt.date):
        return published >= day
    if isinstance(published, int) and not isinstance(published, bool):
        return published > day.year or (published == day.year and day == dt.date(day.year, 1, 1))
    return False


def age_limit(as_of: dt.date, years: int) -> dt.date:
    """``as_of`` moved back by whole ``years`` (29 February becomes 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def assess(
    published: Sequence[Published],
    amendments: Iterable[Amendment],
    *,
    is_amount: bool,
    as_of: dt.date,
    amount_max_age_years: int,
) -> Staleness:
    """The staleness verdict of one item.

    ``published``: the publication dates of the sources the item rests on (one per source);
    ``amendments``: the latest amendment of each act its provisions cite. An item with no source
    is not judged here (it is flagged as unverified elsewhere).
    """
    if not published:
        return Staleness(False, None, "rests on no source (flagged as unverified instead)")
    latest = max(amendments, key=lambda a: (a.date, a.act), default=None)
    if latest is not None and not any(known_on_or_after(p, latest.date) for p in published):
        return Staleness(
            True,
            "amendment",
            f"no source is known to postdate {latest.date.isoformat()}, the latest known change "
            f"to {latest.act} (or the act itself)",
            latest.act,
            latest.date,
        )
    if is_amount:
        limit = age_limit(as_of, amount_max_age_years)
        if not any(known_on_or_after(p, limit) for p in published):
            return Staleness(
                True,
                "amount_age",
                f"an amount whose every source is older than {amount_max_age_years} years "
                f"(published before {limit.isoformat()}) or undated",
            )
    parts = []
    if latest is not None:
        parts.append(
            f"a source postdates the latest amendment considered ({latest.act}, "
            f"{latest.date.isoformat()})"
        )
    else:
        parts.append("cites no act, so no amendment can outdate it")
    if is_amount:
        parts.append(f"an amount with a source younger than {amount_max_age_years} years")
    return Staleness(False, None, "; ".join(parts))
