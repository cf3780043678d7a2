"""Per-entry checks of the knowledge base: a failure names the file and the item."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from recommender.loading import load_knowledge
from recommender.models import Text
from recommender.profile import FORM_IDS
from tests.conftest import ROOT

KB = load_knowledge()
FORMS = list(KB.forms.values())
ITEMS = [
    (f.id, kind, item)
    for f in FORMS
    for kind, seq in (("pro", f.pros), ("con", f.cons))
    for item in seq
]
TODAY = dt.date(2026, 12, 7)  # the date of the latest check of a source


def texts(obj, path=""):
    """Every Text inside a model, with its path."""
    if isinstance(obj, Text):
        yield path, obj
    elif hasattr(type(obj), "model_fields"):
        for name in type(obj).model_fields:
            yield from texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, tuple | list):
        for i, v in enumerate(obj):
            yield from texts(v, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from texts(v, f"{path}.{k}")


def test_all_contract_forms_present():
    assert list(KB.forms) == list(FORM_IDS)


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_form_has_enough_pros_and_cons(form):
    assert len(form.pros) >= 5 and len(form.cons) >= 5


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_form_has_steps_and_sources(form):
    assert form.steps, "a registration or joining checklist"
    assert form.sources
    for step in form.steps:
        assert step.sources or step.unverified


@pytest.mark.parametrize(
    ("form", "kind", "item"), ITEMS, ids=[f"{f}:{k}:{i.id}" for f, k, i in ITEMS]
)
def test_item(form, kind, item):
    assert item.sources or (item.unverified and item.uncertainty), (
        "every pro and con cites a source or says it is unverified"
    )
    assert item.criteria and all(c in KB.criteria for c in item.criteria)
    assert 1 <= item.strength <= 3
    assert item.text.pl.strip() and item.text.en.strip()


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_rules_are_sourced_and_explained(form):
    for rule in form.rules:
        assert rule.sources, rule.id
        assert rule.message.pl and rule.change.pl and rule.message.en and rule.change.en


@pytest.mark.parametrize("source", list(KB.sources.values()), ids=list(KB.sources))
def test_source(source):
    assert re.match(r"^https?://[^\s/]+\.[^\s]+", source.url)
    assert source.checked <= TODAY
    assert source.title.strip() and source.publisher.strip()


@pytest.mark.parametrize("form", FORMS, ids=[f.id for f in FORMS])
def test_texts_are_translated(form):
    for path, text in texts(form):
        if len(text.pl) > 40:
            assert text.pl != text.en, f"{form.id}: {path} is not translated"


def test_no_personal_names_anywhere():
    """Names printed on the local pages must not be copied into the knowledge base."""
    names = ["Kittel", "Baran", "Myszkowski"]
    for path in (ROOT / "knowledge").rglob("*.yaml"):
        body = path.read_text(encoding="utf-8")
        for name in names:
            assert name not in body, f"{path}: contains a personal name"


def test_kis_covers_the_seed_guide():
    """All five pluses and five minuses of the KIS guide, each citing it."""
    kis = KB.forms["kis"]
    guide = [s for s in KB.sources.values() if "klubu-integracji-spolecznej-kis" in s.url]
    assert guide, "the guide page the seed reproduces is a source"
    gid = guide[0].id
    assert sum(gid in i.sources for i in kis.pros) >= 5
    assert sum(gid in i.sources for i in kis.cons) >= 5


def test_flagged_conflict_is_shown_as_uncertain():
    """The fact sheet flags OPP for a stowarzyszenie zwykłe as conflicting: the user must see it."""
    fact = KB.forms["stowarzyszenie-zwykle"].facts["opp_eligible"]
    assert fact.uncertainty is not None


def test_core_facts_match_the_law_summary():
    facts = {
        fid: {
            k: f.facts[k].value
            for k in (
                "min_founders",
                "min_capital_pln",
                "legal_personality",
                "registry",
                "economic_activity",
            )
        }
        for fid, f in KB.forms.items()
    }
    assert facts["stowarzyszenie"]["min_founders"] == 7
    assert facts["stowarzyszenie-zwykle"]["min_founders"] == 3
    assert facts["stowarzyszenie-zwykle"]["registry"] == "starosta"
    assert facts["spolka-non-profit"]["min_capital_pln"] == 5000
    assert facts["kgw"]["min_founders"] == 10 and facts["kgw"]["registry"] == "arimr"
    assert facts["spoldzielnia-socjalna"]["economic_activity"] == "core"
    assert facts["kis"]["legal_personality"] is False
    assert facts["fundacja"]["legal_personality"] is True


def test_wolontariat_explains_how_to_join_kiss():
    w = KB.forms["wolontariat"]
    joined = " ".join(s.text.pl for s in w.steps).lower()
    assert "kiss" in joined
    assert "kiss" in KB.contacts
    kiss = KB.contacts["kiss"]
    assert kiss.how_to_join is not None and kiss.meetings is not None


def test_every_question_has_help_and_dont_know():
    for section in KB.questionnaire.sections:
        for q in section.questions:
            assert q.help.pl and q.help.en
            if q.kind != "number":
                assert sum(o.unknown for o in q.options) == 1


def test_questionnaire_covers_every_profile_field():
    from recommender.profile import FIELDS

    covered = set()
    for section in KB.questionnaire.sections:
        for q in section.questions:
            if q.field:
                covered.add(q.field)
            for o in q.options:
                covered.update((o.sets or {}).keys())
    assert covered == set(FIELDS)


def test_schema_files_are_current(tmp_path):
    from recommender.schema import write_schemas

    for path in write_schemas(tmp_path):
        committed = ROOT / "docs" / "schema" / path.name
        assert committed.read_text() == path.read_text(), (
            f"regenerate with python -m recommender schema: {path.name}"
        )


def test_glossary_has_the_basics():
    terms = {g.term.pl.lower() for g in KB.glossary.values()}
    for term in ("krs", "opp", "statut", "owes", "kontrakt socjalny"):
        assert any(term in t for t in terms), term


def test_contacts_have_no_unsourced_details():
    for c in KB.contacts.values():
        assert c.sources
        if c.email:
            assert "@" in c.email


FAQ = list(KB.faq.values())
SHORT_MAX = 300  # characters of a short answer, per language
LONG_ANSWER = 900  # an answer longer than this needs a short one


@pytest.mark.parametrize("entry", FAQ, ids=[e.id for e in FAQ])
def test_faq_long_answer_has_a_short_one(entry):
    if entry.short is None:
        assert len(entry.answer.pl) <= LONG_ANSWER, f"faq {entry.id}: a long answer needs `short`"
        return
    for lang in ("pl", "en"):
        short, full = entry.short.get(lang), entry.answer.get(lang)
        assert 0 < len(short) <= SHORT_MAX, f"faq {entry.id}: `short` ({lang}) too long"
        assert len(short) < len(full) / 2, f"faq {entry.id}: `short` ({lang}) is not short"
        # the short answer cites no article: the provisions and sources are in the full one
        assert "art." not in short, f"faq {entry.id}: `short` ({lang}) cites a provision"
