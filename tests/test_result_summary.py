"""The first screen's step line: cost and time in words, as the plan counts them."""

from __future__ import annotations

from recommender.i18n import t
from recommender.loading import load_knowledge
from recommender.models import Span
from recommender.plan import fmt_days
from ui.result.summary import step_cost_time

KB = load_knowledge()


def _step(form: str, step_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in KB.forms[form].steps if s.id == step_id)


def test_a_step_the_founders_do_themselves_costs_nothing_as_in_the_plan() -> None:
    step = _step("stowarzyszenie-zwykle", "adopt-rules")
    assert step.internal and step.cost_pln is None
    line = step_cost_time(step, "pl", lambda key, **kw: t(key, "pl", **kw))
    assert "koszt 0 zł" in line and "do sprawdzenia" not in line


def test_one_day_is_singular_in_both_languages() -> None:
    assert fmt_days(Span(min=1, max=1), "pl") == "1 dzień"
    assert fmt_days(Span(min=1, max=1), "en") == "1 day"
    assert fmt_days(Span(min=7, max=7), "pl") == "7 dni"
    step = _step("stowarzyszenie-zwykle", "choose-representative")
    if step.time_days is not None and step.time_days.min == step.time_days.max == 1:
        line = step_cost_time(step, "pl", lambda key, **kw: t(key, "pl", **kw))
        assert "1 dzień" in line and "1 dni" not in line
