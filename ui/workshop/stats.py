"""Pure helpers that turn a room's aggregates into what the screens show (no drawing)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from recommender.loading import KnowledgeBase
from recommender.models import Question
from recommender.rooms import (
    RoomStats,
)
from recommender.rooms.export import rule_summary

from ..state import (
    question_fields,
)
from .common import Tr

# -- trainer: pure helpers for the overview -------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    label: str
    count: int


@dataclass(frozen=True)
class QuestionSummary:
    question: str
    rows: tuple[AnswerRow, ...]  # choice questions: one row per option
    unknown: int
    numbers: tuple[int, ...] = ()  # number questions: every answer given (expanded)
    number: bool = False


def _value_key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def question_summary(q: Question, stats: RoomStats, lang: str) -> QuestionSummary | None:
    """How the room answered one question (labels from the questionnaire)."""
    fields = question_fields(q)
    if not fields or fields[0] not in stats.answers:
        return None
    main = fields[0]
    counts = stats.answers[main]
    if q.kind == "number":
        numbers: list[int] = []
        for value, n in counts.values.items():
            numbers.extend([int(value)] * n)
        return QuestionSummary(
            q.text.get(lang), (), counts.unknown, tuple(sorted(numbers)), number=True
        )
    rows: list[AnswerRow] = []
    for option in q.options:
        if option.unknown:
            continue
        if q.kind == "multi":
            if option.value is None:
                continue  # "none of these" sets the whole list: not countable from the tallies
            rows.append(
                AnswerRow(option.label.get(lang), counts.values.get(_value_key(option.value), 0))
            )
        elif option.sets:
            field, value = next(iter(option.sets.items()))
            tally = stats.answers.get(field)
            n = tally.values.get(_value_key(value), 0) if tally is not None else 0
            rows.append(AnswerRow(option.label.get(lang), n))
    return QuestionSummary(q.text.get(lang), tuple(rows), counts.unknown)


def number_line(summary: QuestionSummary, tr: Tr) -> str:
    if not summary.numbers:
        return tr("ws.answers.no_numbers")
    median = statistics.median(summary.numbers)
    shown = f"{median:g}" if isinstance(median, float) else str(median)
    return tr(
        "ws.answers.number",
        median=shown,
        low=summary.numbers[0],
        high=summary.numbers[-1],
        count=len(summary.numbers),
    )


def ruled_out_lines(
    kb: KnowledgeBase, stats: RoomStats, lang: str
) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(form name, how many had it ruled out, [(rule message, count), ...]) by frequency."""
    out = []
    for entry in stats.ruled_out:
        form = kb.forms.get(entry.form)
        if form is None:
            continue
        rules = {r.id: r for r in form.rules}
        lines = []
        for rule_id, n in entry.rules.items():
            rule = rules.get(rule_id)
            text = rule_summary(rule.message.get(lang)) if rule is not None else rule_id
            lines.append((text, n))
        out.append((form.name.get(lang), entry.count, lines))
    return out


# -- the group result (console, projector, phones, PDF) -------------------------------------------


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: int  # of the people counted, rounded; never shown for a count of 0


@dataclass(frozen=True)
class PriorityRow:
    label: str
    counts: tuple[int, ...]  # people who gave 0, 1, 2, 3, 4
    average: float


@dataclass(frozen=True)
class GroupResult:
    """What a group's result says, in one language, ready to draw or print.

    Only forms, reasons and blockers that somebody actually had are listed: no line says
    "0 people" or "0%".
    """

    counted: int
    top: tuple[Share, ...]
    no_form: int
    reasons: tuple[Share, ...]  # "pro text (form)", how many had it among the decisive ones
    blockers: tuple[Share, ...]  # "form: rule", how many had the form ruled out by it
    priorities: tuple[PriorityRow, ...]


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def group_result(kb: KnowledgeBase, stats: RoomStats, lang: str, limit: int = 5) -> GroupResult:
    total = stats.counted
    top = tuple(
        Share(kb.form_name(form, lang), n, _percent(n, total))
        for form, n in sorted(stats.top_forms.items(), key=lambda kv: -kv[1])
        if n > 0
    )
    reasons: list[Share] = []
    for form_id, pro_id, n in stats.decisive:
        form = kb.forms.get(form_id)
        pro = next((p for p in form.pros if p.id == pro_id), None) if form else None
        if form is None or pro is None or n <= 0:
            continue
        label = f"{pro.text.get(lang)} ({form.name.get(lang)})"
        reasons.append(Share(label, n, _percent(n, total)))
    blockers: list[Share] = []
    for name, _count, rules in ruled_out_lines(kb, stats, lang):
        for text, n in rules:
            if n > 0:
                blockers.append(Share(f"{name}: {text}", n, _percent(n, total)))
    blockers.sort(key=lambda s: -s.count)
    priorities = []
    for cid, counts in stats.priority_spread.items():
        crit = kb.criteria.get(cid)
        people = sum(counts)
        if crit is None or people == 0:
            continue
        average = sum(i * c for i, c in enumerate(counts)) / people
        priorities.append(PriorityRow(crit.label.get(lang), tuple(counts), average))
    priorities.sort(key=lambda p: (-p.average, p.label))
    return GroupResult(
        counted=total,
        top=top,
        no_form=stats.without_top_form,
        reasons=tuple(reasons[:limit]),
        blockers=tuple(blockers[:limit]),
        priorities=tuple(priorities),
    )


def fmt_average(value: float, lang: str) -> str:
    shown = f"{value:.1f}"
    return shown.replace(".", ",") if lang == "pl" else shown


def countdown(seconds: int | None) -> str | None:
    """``m:ss`` for a countdown (``None`` without one).

    >>> countdown(125), countdown(0), countdown(None)
    ('2:05', '0:00', None)
    """
    if seconds is None:
        return None
    return f"{seconds // 60}:{seconds % 60:02d}"
