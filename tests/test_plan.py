"""The founding plan: per form sourced steps, the JSON contract and its schema, the duties
calendar, and every bad input (unknown or ruled-out form, missing answers, odd names, founding
dates out of bounds) on the library and the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from icalendar import Calendar

from recommender.calendar import duties_ics
from recommender.loading import load_knowledge
from recommender.plan import (
    FoundingDateError,
    UnknownForm,
    build_plan,
    check_founding_date,
    plan_markdown,
)
from recommender.profile import FORM_IDS, ProfileError
from tests.conftest import ROOT
from tests.strategies import profiles
from tests.test_knowledge import TODAY as LATEST_CHECK  # no source was checked after this day

KB = load_knowledge()
TODAY = dt.date(2026, 12, 2)
SCHEMA = json.loads((ROOT / "docs" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FULL = {
    "founders": 12,
    "goals": ["community", "culture_education"],
    "economic_activity": False,
    "governance": "democratic",
    "funding": ["small_grants", "donations", "membership_fees", "one_and_half_percent"],
}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recommender", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("form", FORM_IDS)
@pytest.mark.parametrize("lang", ["pl", "en"])
def test_plan_per_form_has_sourced_steps_and_valid_json(form, lang):
    plan = build_plan(KB, FULL, form, lang, TODAY)
    assert plan.form == form and plan.steps
    for step in plan.steps:
        assert step.sources, step.id  # every founding step is sourced and dated
        assert all(s.checked <= LATEST_CHECK and s.url.startswith("http") for s in step.sources)
        assert step.where.name
        if step.cost is None or (step.time_days is None and not step.time_text):
            assert step.ask  # unknown: the plan says whom to ask
    data = plan.to_dict()
    VALIDATOR.validate(data)
    assert data["earliest_start"] >= TODAY.isoformat()
    assert data["total_cost_pln"]["min"] <= data["total_cost_pln"]["max"]
    # the total is the sum of the known step costs
    known = [s.cost for s in plan.steps if s.cost is not None]
    assert plan.total_cost.min == sum(c.min for c in known)
    assert plan.total_cost.max == sum(c.max for c in known)
    json.dumps(data, ensure_ascii=False)


def test_registration_steps_name_the_local_office_with_its_address():
    plan = build_plan(KB, FULL, "stowarzyszenie-zwykle", "pl", TODAY)
    filing = next(s for s in plan.steps if s.id == "starosta-application")
    assert filing.where.contact == "starostwo-piaseczno"
    assert filing.where.address and "Piaseczno" in filing.where.address
    assert filing.time_days is not None and filing.time_days.max == 7
    fundacja = build_plan(KB, FULL, "fundacja", "pl", TODAY)
    krs = next(s for s in fundacja.steps if s.id == "krs-application")
    assert krs.where.contact == "sad-rejonowy-krs-warszawa"
    assert krs.cost is not None and (krs.cost.min, krs.cost.max) == (250, 600)
    assert any("kosztach sądowych" in p for p in krs.provisions)


def test_earliest_start_counts_the_shortest_times_from_today():
    plan = build_plan(KB, FULL, "fundacja", "pl", TODAY)
    days = sum(s.time_days.min for s in plan.steps if s.time_days is not None)
    assert plan.earliest_start == TODAY + dt.timedelta(days=days)
    assert plan.typical_start >= plan.earliest_start


def test_ruled_out_form_leads_with_blockers_and_what_lifts_them():
    plan = build_plan(KB, {"founders": 2, "economic_activity": True}, "stowarzyszenie-zwykle")
    assert not plan.eligible
    assert {b.rule for b in plan.blockers} == {"min_founders", "no_business"}
    assert all(b.change for b in plan.blockers)
    md = plan_markdown(plan)
    assert md.index(plan.blockers[0].message[:20]) < md.index("## Decyzje")
    assert plan.to_dict()["eligible"] is False


def test_default_form_is_the_best_fit():
    from recommender.engine import recommend
    from recommender.profile import parse_profile

    best = recommend(KB, parse_profile(FULL, KB.criteria)).ranking[0].form
    assert build_plan(KB, FULL, None, "pl", TODAY).form == best


def test_missing_answers_give_placeholders_never_guesses():
    plan = build_plan(KB, {}, "stowarzyszenie", "pl", TODAY)
    values = {d.id: d for d in plan.decisions}
    assert values["name"].value == "[nazwa]" and not values["name"].from_answers
    assert values["goals"].value == "[cele]" and not values["goals"].from_answers
    assert values["who"].value == "[kto reprezentuje]"
    # duties and funding that depend on an unanswered question are kept and marked
    opp = next(d for d in plan.duties if d.id == "opp-report")
    assert opp.depends_on == ("funding",)
    with_goals = build_plan(KB, {"goals": ["environment"]}, "stowarzyszenie", "en", TODAY)
    goals = next(d for d in with_goals.decisions if d.id == "goals")
    assert goals.from_answers and goals.value == KB.vocabulary[("goals", "environment")].label.en


def test_conditions_leave_out_what_does_not_apply():
    plan = build_plan(KB, {"funding": ["sales"], "economic_activity": True}, "fundacja")
    ids = {d.id for d in plan.duties}
    assert "opp-report" not in ids and "simplified-records" not in ids
    assert "cit-8" in ids and "foundation-report-minister" in ids
    assert "dzialaj-lokalnie" not in {f.id for f in plan.funding}


def test_unknown_form_and_bad_profile():
    with pytest.raises(UnknownForm):
        build_plan(KB, {}, "fundacjaa")
    with pytest.raises(ProfileError):
        build_plan(KB, {"founders": -1}, "fundacja")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2027-03-01", True),
        ("2026-01-15", True),
        ("2024-01-01", False),
        ("2099-01-01", False),
        ("31.12.2026", False),
        ("", True),
    ],
)
def test_founding_date_bounds(value, ok):
    if ok:
        day = check_founding_date(value, TODAY)
        assert day == (dt.date.fromisoformat(value) if value else TODAY)
    else:
        with pytest.raises(FoundingDateError) as err:
            check_founding_date(value, TODAY, "pl")
        assert "RRRR-MM-DD" in str(err.value)


@pytest.mark.parametrize("form", FORM_IDS)
def test_ics_parses_and_holds_the_dated_duties(form):
    plan = build_plan(KB, FULL, form, "pl", TODAY, founding_date="2027-02-01")
    cal = Calendar.from_ical(duties_ics(plan))
    events = {str(e.get("uid")).split(".")[0]: e for e in cal.walk("VEVENT")}
    dated = [d for d in plan.duties if d.first_due is not None]
    assert set(events) == {d.id for d in dated}
    for d in dated:
        ev = events[d.id]
        assert ev.decoded("dtstart") == d.first_due
        assert d.first_due >= dt.date(2027, 2, 1)
        assert (ev.get("rrule") is not None) == (d.recurrence == "yearly")
        assert str(ev.get("summary")) == d.title


def test_ics_yearly_duty_dates():
    plan = build_plan(KB, FULL, "fundacja", "pl", TODAY, founding_date="2027-05-10")
    due = {d.id: d.first_due for d in plan.duties}
    assert due["cit-8"] == dt.date(2028, 3, 31)  # the return for 2027
    assert due["foundation-report-minister"] == dt.date(2028, 12, 31)
    kgw = build_plan(KB, {}, "kgw", "pl", TODAY, founding_date="2027-05-10")
    assert {d.id: d.first_due for d in kgw.duties}["kgw-aid-application"] == dt.date(2027, 9, 30)
    assert {d.id: d.first_due for d in kgw.duties}["kgw-board"] == dt.date(2027, 8, 8)


def test_odd_text_is_escaped_in_markdown():
    plan = build_plan(KB, {}, "fundacja", "pl", TODAY)
    md = plan_markdown(plan)
    assert "<script" not in md and "\\[nazwa\\]" in md


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_profile_gives_a_valid_plan(profile):
    plan = build_plan(KB, profile, None, "pl", TODAY)
    VALIDATOR.validate(plan.to_dict())
    assert plan.eligible == (not plan.blockers)


# -- command line -------------------------------------------------------------------------------


def test_cli_json_validates(tmp_path):
    out = run("plan", "--profile", "-", "--form", "kgw", "--lang", "en", stdin=json.dumps(FULL))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    VALIDATOR.validate(data)
    assert data["form"] == "kgw" and data["lang"] == "en"


def test_cli_md_and_ics(tmp_path: Path):
    out = run("plan", "--profile", "-", "--format", "md", stdin="{}")
    assert out.returncode == 0 and out.stdout.startswith("# ")
    ics = tmp_path / "duties.ics"
    out = run(
        "plan", "--profile", "-", "--form", "fundacja", "--format", "ics", "--out", str(ics),
        "--founding-date", "2027-01-10", stdin="{}",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) >= 3


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (("--form", "nope"), "{}", "unknown form"),
        (("--format", "ics"), "{}", "needs --out"),
        (("--format", "docx"), "{}", "needs --out"),
        ((), '{"founders": "x"}', "founders"),
        ((), "[1, 2]", "one JSON object"),
        ((), "{not json", "invalid JSON"),
        (("--founding-date", "2099-01-01"), "{}", "founding-date"),
        (("--founding-date", "someday"), "{}", "YYYY-MM-DD"),
    ],
)
def test_cli_bad_input_exit_2_one_line(args, stdin, fragment):
    out = run("plan", "--profile", "-", *args, stdin=stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert "Traceback" not in out.stderr


def test_cli_docx_opens_and_holds_the_goals(tmp_path: Path):
    import docx

    out_file = tmp_path / "plan.docx"
    profile = {"founders": 8, "goals": ["environment"]}
    out = run(
        "plan", "--profile", "-", "--form", "stowarzyszenie", "--format", "docx",
        "--out", str(out_file), stdin=json.dumps(profile),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    document = docx.Document(str(out_file))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert KB.vocabulary[("goals", "environment")].label.pl in text
    assert "[nazwa]" in text  # the name stays for the user to fill in
    plan = build_plan(KB, profile, "stowarzyszenie", "pl", TODAY)
    assert all(s.title in text for s in plan.steps)
