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

from ..state import (
    question_fields,
)
from .common import Tr

# -- trainer: pure helpers for the overview -------------------------------------------------------


def rule_summary(template: str) -> str:
    """A blocker message without the clause that quotes one person's answers.

    Rule messages say e.g. "... at least 7 founders; you have {founders}." The overview counts
    many people, so it keeps the general part.

    >>> rule_summary("An association needs at least 7 founders; you have {founders}.")
    'An association needs at least 7 founders.'
    >>> rule_summary("No placeholders here.")
    'No placeholders here.'
    """
    start = template.find("{")
    if start < 0:
        return template
    head = template[:start]
    cut = max(head.rfind(". "), head.rfind("; "), head.rfind("? "), head.rfind("! "))
    if cut <= 0:
        return template.replace("{", "").replace("}", "")
    text = head[:cut].rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


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
