"""The values the rooms API takes and returns (plain frozen dataclasses, JSON-friendly)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..profile import FORM_IDS, PRIORITY_MAX, PRIORITY_MIN
from .errors import InvalidIdentifier, InvalidSubmission
from .ids import check_slug

MAX_RULES_PER_FORM = 32
MAX_PRIORITIES = 64
MAX_REASONS = 3


@dataclass(frozen=True)
class Room:
    """A workshop room as the trainer (or a participant of it) may see it. Holds no secret."""

    id: str
    join_code: str
    title: str | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    retention_days: int
    lang: str = "pl"
    version: int = 1  # the row version the state below was read at (see RoomStore controls)
    revealed: bool = False  # the group result is shown on the projector and the phones
    timer_ends_at: dt.datetime | None = None
    current_round: int = 1
    group_no: int = 1
    tables: tuple[str, ...] = ()

    def seconds_left(self, now: dt.datetime) -> int | None:
        """Whole seconds until the countdown ends (0 once it has), ``None`` without one."""
        if self.timer_ends_at is None:
            return None
        return max(0, math.ceil((self.timer_ends_at - now).total_seconds()))

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def expires_at(self) -> dt.datetime:
        """When the room and all its answers are deleted (by ``purge_expired``) at the latest."""
        return self.created_at + dt.timedelta(days=self.retention_days)


@dataclass(frozen=True)
class Joined:
    """What a participant's session keeps after joining: the room and their own secret token."""

    room_id: str
    participant_token: str
    title: str | None
    tables: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankEntry:
    form: str
    eligible: bool
    score: float


@dataclass(frozen=True)
class SubmissionSummary:
    """What the app stores about one result, next to the profile that produced it.

    ``ranking`` is the recommender's ranking reduced to ``{form, eligible, score}``; ``blockers``
    maps each ineligible form to the ids of the rules that block it; ``priorities`` are the
    weights the ranking used (criterion id -> 0..4; ``None``: take the profile's own);
    ``finished`` is true once the participant has reached their result.
    """

    ranking: tuple[RankEntry, ...]
    blockers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    priorities: Mapping[str, int] | None = None
    finished: bool = True
    reasons: tuple[str, ...] = ()  # ids of the pros that weighed most for the first form

    @property
    def top_form(self) -> str | None:
        """The first form of the ranking if it is eligible (the contract lists eligible first)."""
        if self.ranking and self.ranking[0].eligible:
            return self.ranking[0].form
        return None

    @classmethod
    def from_result(
        cls,
        result: Mapping[str, Any],
        *,
        priorities: Mapping[str, int] | None = None,
        finished: bool = True,
    ) -> SubmissionSummary:
        """Reduce a contract result object (``recommend --format json``) to a summary."""
        ranking = result.get("ranking") if isinstance(result, Mapping) else None
        if not isinstance(ranking, list):
            raise InvalidSubmission("result: expected an object with a 'ranking' list")
        entries: list[dict[str, Any]] = []
        blockers: dict[str, list[Any]] = {}
        reasons: list[Any] = []
        first = ranking[0] if ranking and isinstance(ranking[0], Mapping) else None
        if first is not None and first.get("eligible") is True:
            pros = [p for p in first.get("pros") or [] if isinstance(p, Mapping)]
            pros = [p for p in pros if isinstance(p.get("contribution"), int | float)]
            pros.sort(key=lambda p: -float(p["contribution"]))
            reasons = [p.get("id") for p in pros[:MAX_REASONS] if p["contribution"] > 0]
        for i, item in enumerate(ranking):
            if not isinstance(item, Mapping):
                raise InvalidSubmission(f"ranking[{i}]: expected an object")
            entries.append(
                {
                    "form": item.get("form"),
                    "eligible": item.get("eligible"),
                    "score": item.get("score"),
                }
            )
            rules = [
                b.get("rule") if isinstance(b, Mapping) else b for b in item.get("blockers") or []
            ]
            if rules:
                blockers[str(item.get("form"))] = rules
        return cls.parse(
            {
                "ranking": entries,
                "blockers": blockers,
                "priorities": priorities,
                "finished": finished,
                "reasons": reasons,
            }
        )

    @classmethod
    def parse(cls, data: SubmissionSummary | Mapping[str, Any]) -> SubmissionSummary:
        """Validate a summary given as a mapping (or re-validate an instance)."""
        if isinstance(data, SubmissionSummary):
            data = data.to_json()
        if not isinstance(data, Mapping):
            raise InvalidSubmission("summary: expected an object")
        unknown = set(data) - {
            "ranking",
            "blockers",
            "priorities",
            "finished",
            "top_form",
            "reasons",
        }
        if unknown:
            raise InvalidSubmission(f"summary: unknown field {sorted(unknown)[0]!r}")
        return cls(
            ranking=_parse_ranking(data.get("ranking")),
            blockers=_parse_blockers(data.get("blockers") or {}),
            priorities=None
            if data.get("priorities") is None
            else parse_priorities(data["priorities"]),
            finished=_parse_bool(data.get("finished", True), "finished"),
            reasons=_parse_reasons(data.get("reasons") or ()),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ranking": [asdict(e) for e in self.ranking],
            "blockers": {k: list(v) for k, v in self.blockers.items()},
            "priorities": None if self.priorities is None else dict(self.priorities),
            "finished": self.finished,
            "reasons": list(self.reasons),
        }


def _parse_reasons(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or len(value) > MAX_REASONS:
        raise InvalidSubmission(f"reasons: expected at most {MAX_REASONS} pro ids")
    try:
        return tuple(dict.fromkeys(check_slug(r, "reasons pro id") for r in value))
    except InvalidIdentifier as exc:
        raise InvalidSubmission(str(exc)) from None


def _parse_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidSubmission(f"{where}: expected true or false")
    return value


def _parse_form(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in FORM_IDS:
        raise InvalidSubmission(f"{where}: unknown form id")
    return value


def _parse_ranking(value: Any) -> tuple[RankEntry, ...]:
    if not isinstance(value, list | tuple):
        raise InvalidSubmission("ranking: expected a list")
    if len(value) > len(FORM_IDS):
        raise InvalidSubmission("ranking: too many entries")
    out: list[RankEntry] = []
    seen: set[str] = set()
    for i, item in enumerate(value):
        if not isinstance(item, Mapping) or set(item) - {"form", "eligible", "score"}:
            raise InvalidSubmission(f"ranking[{i}]: expected {{form, eligible, score}}")
        form = _parse_form(item.get("form"), f"ranking[{i}].form")
        if form in seen:
            raise InvalidSubmission(f"ranking[{i}].form: {form} listed twice")
        seen.add(form)
        score = item.get("score")
        if (
            isinstance(score, bool)
            or not isinstance(score, int | float)
            or not math.isfinite(score)
            or not 0 <= score <= 100
        ):
            raise InvalidSubmission(f"ranking[{i}].score: expected a number 0..100")
        eligible = _parse_bool(item.get("eligible"), f"ranking[{i}].eligible")
        out.append(RankEntry(form=form, eligible=eligible, score=float(score)))
    return tuple(out)


def _parse_blockers(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidSubmission("blockers: expected an object form -> rule ids")
    out: dict[str, tuple[str, ...]] = {}
    for form, rules in value.items():
        form = _parse_form(form, "blockers")
        if not isinstance(rules, list | tuple) or len(rules) > MAX_RULES_PER_FORM:
            raise InvalidSubmission(f"blockers.{form}: expected a list of rule ids")
        try:
            out[form] = tuple(sorted({check_slug(r, f"blockers.{form} rule id") for r in rules}))
        except InvalidIdentifier as exc:
            raise InvalidSubmission(str(exc)) from None
    return dict(sorted(out.items()))


def parse_priorities(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping) or len(value) > MAX_PRIORITIES:
        raise InvalidSubmission("priorities: expected an object criterion id -> 0..4")
    out: dict[str, int] = {}
    for crit, weight in value.items():
        try:
            crit = check_slug(crit, "priorities criterion id")
        except InvalidIdentifier as exc:
            raise InvalidSubmission(str(exc)) from None
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int)
            or not PRIORITY_MIN <= weight <= PRIORITY_MAX
        ):
            raise InvalidSubmission(f"priorities.{crit}: expected a whole number 0..4")
        out[crit] = weight
    return dict(sorted(out.items()))


@dataclass(frozen=True)
class SubmissionRecord:
    """One stored submission, as its own participant may read it back."""

    id: int
    created_at: dt.datetime
    finished: bool
    profile: dict[str, Any]
    top_form: str | None
    ranking: tuple[RankEntry, ...]
    blockers: dict[str, tuple[str, ...]]
    priorities: dict[str, int]
    reasons: tuple[str, ...] = ()
    group_no: int = 1
    round_no: int = 1
    table: str | None = None


@dataclass(frozen=True)
class FieldCounts:
    """How the counted participants answered one profile field.

    ``values``: answer -> number of participants (list fields: each participant counts once per
    value they chose); ``unknown``: participants who left the field unknown.
    """

    values: dict[str, int]
    unknown: int


@dataclass(frozen=True)
class RuledOut:
    """A form that was ineligible for ``count`` participants, and how often each rule blocked it."""

    form: str
    count: int
    rules: dict[str, int]


@dataclass(frozen=True)
class RoomStats:
    """Live aggregates for the trainer dashboard.

    Each participant counts once: by their latest *finished* submission (or, with
    ``include_unfinished``, their latest submission of any kind). ``counted`` is how many
    submissions the distributions below are built from.
    """

    room_id: str
    joined: int
    submitted: int
    finished: int
    counted: int
    include_unfinished: bool
    top_forms: dict[str, int]
    without_top_form: int
    answers: dict[str, FieldCounts]
    average_priorities: dict[str, float]
    ruled_out: tuple[RuledOut, ...]
    # how many counted participants gave each criterion 0, 1, 2, 3, 4
    priority_spread: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # (form, pro id) -> how many had that pro among the decisive reasons of their first form
    decisive: tuple[tuple[str, str, int], ...] = ()
    group_no: int = 1
    round_no: int = 1
    table: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
