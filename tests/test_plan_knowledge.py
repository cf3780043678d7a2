"""The plan's knowledge: founding steps with offices, costs and times; local offices; yearly
duties and funding routes (per entry), and the checks that catch broken entries."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from recommender.conditions import parse_condition
from recommender.loading import KnowledgeError, load_knowledge
from recommender.models import Span
from recommender.profile import FORM_IDS
from tests.conftest import ROOT

KB = load_knowledge()
DOCUMENT_IDS = frozenset(KB.documents)  # the templates in knowledge/documents/
KNOWLEDGE = ROOT / "knowledge"
LOCAL_OFFICES = (
    "starostwo-piaseczno",
    "muw-warszawa",
    "arimr-piaseczno",
    "owes-piaseczno",
    "sad-rejonowy-krs-warszawa",
)
# the step of each form where the body comes into being (or gets its status)
REGISTRATION = {
    "stowarzyszenie-zwykle": "starosta-application",
    "stowarzyszenie": "krs-application",
    "fundacja": "krs-application",
    "kgw": "arimr-application",
    "spoldzielnia-socjalna": "krs-application",
    "spolka-non-profit": "krs-application",
    "kis": "notify-voivode",
    "cis": "file-with-voivode",
    "zaz": "status-decision",
}
STEPS = [(fid, s) for fid, f in KB.forms.items() for s in f.steps]


@pytest.mark.parametrize("office", LOCAL_OFFICES)
def test_local_office_is_a_sourced_contact(office):
    c = KB.contacts[office]
    assert c.kind in ("office", "institution", "support_centre")
    assert c.sources and all(s in KB.sources for s in c.sources)
    # without a confirmed address the contact must say whom to ask
    if c.address is None or c.hours is None:
        assert c.uncertainty is not None
        assert any(w in c.uncertainty.pl.lower() for w in ("zapytaj", "sprawdź"))


def test_no_contact_details_without_a_page():
    for c in KB.contacts.values():
        for detail in (c.address, c.email, c.hours):
            if detail is not None:
                assert c.sources, c.id


@pytest.mark.parametrize(("fid", "step"), STEPS, ids=[f"{f}:{s.id}" for f, s in STEPS])
def test_step_references(fid, step):
    if step.office is not None:
        assert step.office in KB.contacts
    assert set(step.documents) <= DOCUMENT_IDS
    rng = step.cost_range
    if rng is not None:
        assert 0 <= rng.min <= rng.max
    if step.time_days is not None:
        assert 0 <= step.time_days.min <= step.time_days.max <= 366
    assert step.sources or step.unverified


@pytest.mark.parametrize(("fid", "step_id"), sorted(REGISTRATION.items()))
def test_registration_step_has_office_and_cost_or_whom_to_ask(fid, step_id):
    step = next(s for s in KB.forms[fid].steps if s.id == step_id)
    assert step.office in LOCAL_OFFICES
    if step.cost_pln is None:  # unknown: the step says why, or the office is named to ask
        assert step.cost_note is not None or step.uncertainty is not None
    office = KB.contacts[step.office]
    assert office.sources


def test_fees_from_the_court_costs_act():
    fundacja = {s.id: s for s in KB.forms["fundacja"].steps}["krs-application"]
    # 250 zł (the notice in MSiG, 100 zł more, is not settled by our sources), or 500 + 100
    assert fundacja.cost_range == Span(min=250, max=600)
    assert fundacja.cost_note is not None and "sądzie rejestrowym" in fundacja.cost_note.pl
    assert {p.act for p in fundacja.provisions} >= {"ustawa-o-kosztach-sadowych"}
    zwykle = {s.id: s for s in KB.forms["stowarzyszenie-zwykle"].steps}["starosta-application"]
    assert zwykle.cost_range == Span(min=0, max=0)
    assert zwykle.time_days == Span(min=1, max=7)
    deed = {s.id: s for s in KB.forms["fundacja"].steps}["notarial-deed"]
    assert deed.cost_range is not None and deed.cost_range.min == 123  # 100 zł + 23% VAT


@pytest.mark.parametrize("duty", KB.duties, ids=[d.id for d in KB.duties])
def test_duty(duty):
    assert set(duty.forms) <= set(FORM_IDS)
    assert duty.sources or (duty.unverified and duty.uncertainty is not None)
    if duty.applies_when is not None:
        parse_condition(duty.applies_when)
    if duty.recurrence == "yearly":
        assert duty.due is not None or duty.uncertainty is not None
    if duty.recurrence == "once":
        assert duty.after_days is not None
    for ref in (duty.office,):
        assert ref is None or ref in KB.contacts


def test_duties_cover_what_the_law_asks():
    ids = {d.id for d in KB.duties}
    assert {
        "financial-statement-prepare",
        "simplified-records",
        "cit-8",
        "foundation-report-minister",
        "opp-report",
        "kgw-aid-settlement",
        "kis-report",
        "cis-report",
        "zaz-report",
    } <= ids
    by_id = {d.id: d for d in KB.duties}
    assert (by_id["opp-report"].due.month, by_id["opp-report"].due.day) == (7, 15)
    assert any(p.ref.startswith("art. 10a") for p in by_id["simplified-records"].provisions)


@pytest.mark.parametrize("route", KB.funding, ids=[f.id for f in KB.funding])
def test_funding_route(route):
    assert set(route.forms) <= set(FORM_IDS)
    assert route.sources
    assert route.as_of.year >= 2022
    if route.applies_when is not None:
        parse_condition(route.applies_when)
    if route.contact is not None:
        assert route.contact in KB.contacts


def test_funding_covers_the_routes():
    ids = {f.id for f in KB.funding}
    assert {
        "dzialaj-lokalnie",
        "nowefio",
        "gmina-open-competition",
        "small-grant-19a",
        "local-initiative",
        "arimr-kgw-aid",
        "pfron-zaz",
        "labour-fund-cooperative",
        "social-enterprise-status",
        "one-and-half-percent",
        "membership-fees",
        "sponsorship-donations",
    } <= ids
    kgw = next(f for f in KB.funding if f.id == "arimr-kgw-aid")
    assert kgw.amount_pln == Span(min=8000, max=10000)
    dl = next(f for f in KB.funding if f.id == "dzialaj-lokalnie")
    assert "grupa-nieformalna" in dl.forms and "patron" in dl.text.en


# -- broken entries are caught ----------------------------------------------------------------


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    return [str(p) for p in err.value.problems]


D, F, S = "duties.yaml", "funding.yaml", "forms/fundacja.yaml"
BROKEN = {  # id: (file, list key, index, fields to set, location, message fragment)
    "duty-form": (D, "duties", 0, {"forms": ["fundacjaa"]}, "duties[0].forms[0]", "unknown form"),
    "duty-day": (D, "duties", 0, {"due": {"month": 2, "day": 30}}, "duties[0].due", "not a day"),
    "duty-condition": (
        D, "duties", 0, {"applies_when": {"field": "nope", "eq": 1}},
        "duties[0].applies_when", "unknown profile field",
    ),
    "duty-source": (
        D, "duties", 0, {"sources": ["no-such-source"]}, "duties[0].sources[0]", "unknown source"
    ),
    "funding-range": (
        F, "funding", 0, {"amount_pln": {"min": 5, "max": 1}}, "funding[0].amount_pln", "min must"
    ),
    "funding-contact": (F, "funding", 0, {"contact": "x"}, "funding[0].contact", "unknown contact"),
    "step-office": (S, "steps", 4, {"office": "nowhere"}, "steps[4].office", "unknown contact"),
    "step-document": (
        S, "steps", 4, {"documents": ["statut-x"]}, "steps[4].documents[0]", "unknown document"
    ),
    "step-time": (
        S, "steps", 4, {"time_days": {"min": 9, "max": 2}}, "steps[4].time_days", "min must"
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN.values(), ids=list(BROKEN))
def test_check_catches(kdir, case):
    rel, key, index, fields, location, fragment = case
    _edit(kdir / rel, lambda d: d[key][index].update(fields))
    found = _problems(kdir)
    prefix = f"{kdir / rel}: {location}"
    assert any(p.startswith(prefix) and fragment in p for p in found), "\n".join(found)
