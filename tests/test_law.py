"""The law registry, provisions, publication dates, staleness and the "Zmiany w prawie" page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from recommender.loading import KnowledgeBase, KnowledgeError, load_knowledge
from recommender.models import Provision
from recommender.staleness import Amendment, age_limit, assess, known_on_or_after
from tests.conftest import ROOT
from tests.test_check import edit, problems

KNOWLEDGE = ROOT / "knowledge"
_KB_FOR_IDS = load_knowledge(KNOWLEDGE)


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


# -- provisions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        "art. 10 ust. 1",
        "art. 4 ust. 3–4 pkt 2",
        "art. 40–43",
        "art. 10a",
        "art. 2 pkt 1 lit. a",
        "art. 42-46",
        "art. 4 ust. 1 pkt 1, 2",
        "§ 3 ust. 1",
        "art. 17a ust. 1 zd. 2",
    ],
)
def test_well_formed_references_are_accepted(ref: str) -> None:
    assert Provision(act="ustawa-o-pozytku", ref=ref).ref == ref


@pytest.mark.parametrize(
    "ref", ["", "10 ust. 1", "art.10", "art. ust. 1", "article 10", "art. 10 ust.", "art. 10;"]
)
def test_malformed_references_are_rejected(ref: str) -> None:
    with pytest.raises(ValidationError):
        Provision(act="ustawa-o-pozytku", ref=ref)


def test_a_provision_of_an_unknown_act_is_a_problem(kdir: Path) -> None:
    def add(data: dict) -> None:
        data["facts"]["min_founders"]["provisions"] = [{"act": "no-such-act", "ref": "art. 1"}]

    edit(kdir / "forms" / "fundacja.yaml", add)
    found = problems(kdir)
    assert any(
        "forms/fundacja.yaml: facts.min_founders.provisions[0].act: unknown act 'no-such-act'" in p
        for p in found
    ), found


def test_a_malformed_reference_in_knowledge_is_a_problem(kdir: Path) -> None:
    def add(data: dict) -> None:
        data["rules"][0]["provisions"] = [{"act": "ustawa-o-fundacjach", "ref": "10"}]

    edit(kdir / "forms" / "fundacja.yaml", add)
    assert any("rules[0].provisions[0].ref" in p for p in problems(kdir))


def test_acts_yaml_is_required(kdir: Path) -> None:
    (kdir / "acts.yaml").unlink()
    assert any("acts.yaml: (file): file is missing" in p for p in problems(kdir))


def test_law_as_of_after_an_act_check_is_a_problem(kdir: Path) -> None:
    edit(kdir / "acts.yaml", lambda d: d.__setitem__("law_as_of", dt.date(2099, 1, 1)))
    assert any("acts[0].checked" in p and "law_as_of" in p for p in problems(kdir))


def test_law_change_references_are_checked(kdir: Path) -> None:
    def bad(data: dict) -> None:
        data["law_changes"][0]["forms"] = ["no-such-form"]
        data["law_changes"][0]["facts"] = ["no_such_fact"]
        data["law_changes"][0]["act"] = "no-such-act"

    edit(kdir / "law_changes.yaml", bad)
    found = problems(kdir)
    for fragment in (
        "unknown form 'no-such-form'",
        "unknown fact key 'no_such_fact'",
        "unknown act",
    ):
        assert any(fragment in p for p in found), (fragment, found)


# -- the registry and the law date ---------------------------------------------------------------


def test_every_act_of_the_agreed_list_is_registered(kb: KnowledgeBase) -> None:
    agreed = {
        "prawo-o-stowarzyszeniach", "ustawa-o-fundacjach", "ustawa-o-pozytku",
        "ustawa-o-spoldzielniach-socjalnych", "ustawa-o-zatrudnieniu-socjalnym",
        "ustawa-o-rehabilitacji", "ksh", "ustawa-o-kgw", "ustawa-o-ekonomii-spolecznej",
        "ustawa-o-rynku-pracy", "ustawa-o-rachunkowosci", "ustawa-o-krs",
        "ustawa-o-oplacie-skarbowej", "ustawa-o-kosztach-sadowych", "prawo-spoldzielcze",
        "ustawa-o-cit", "prawo-o-notariacie",
    }  # fmt: skip
    assert agreed <= set(kb.acts)


def test_law_as_of_is_not_after_any_act_check(kb: KnowledgeBase) -> None:
    assert all(act.checked >= kb.law_as_of for act in kb.acts.values())


@pytest.mark.parametrize("act_id", sorted(load_knowledge(KNOWLEDGE).acts))
def test_act_entry_is_coherent(kb: KnowledgeBase, act_id: str) -> None:
    act = kb.acts[act_id]
    eu = act.journal.startswith("Dz.Urz. UE ")  # an EU regulation that applies directly
    assert act.journal.startswith("Dz.U. ") or eu
    # published in the year it was passed, or the next (an act of December 2016 in Dz.U. 2017)
    published = re.search(r"\b(19|20)\d\d\b", act.journal)
    assert published is not None
    assert int(published.group(0)) in (act.date.year, act.date.year + 1), act.journal
    if act.last_amendment is not None:
        assert act.last_amendment >= act.date
    assert act.isap_url.startswith(
        "https://eur-lex.europa.eu/" if eu else "https://isap.sejm.gov.pl/"
    )


def test_law_changes_are_bills_first_then_newest_first(kb: KnowledgeBase) -> None:
    from recommender.loading import law_change_order

    keys = [law_change_order(c) for c in kb.law_changes]
    assert keys == sorted(keys, reverse=True)
    assert kb.law_changes[0].status == "pending"


@pytest.mark.parametrize("change_id", [c.id for c in _KB_FOR_IDS.law_changes])
def test_law_change_is_sourced_and_dated_or_says_why(kb: KnowledgeBase, change_id: str) -> None:
    change = next(c for c in kb.law_changes if c.id == change_id)
    assert change.forms
    if not change.sources:  # only a change reported by pages we could not read, and it says so
        assert change.unverified and change.uncertainty is not None
        assert "niepotwierdz" in change.uncertainty.pl.lower()
        assert "not confirmed" in change.uncertainty.en.lower()
    if change.status != "pending":  # a bill has no date in force yet
        assert change.in_force is not None or change.uncertainty is not None


# -- staleness: the rule -------------------------------------------------------------------------

AS_OF = dt.date(2026, 12, 2)
AMENDED = Amendment("ustawa-o-rehabilitacji", dt.date(2026, 1, 1))


def verdict(published, amendments=(AMENDED,), amount=False, years=3):
    return assess(published, amendments, is_amount=amount, as_of=AS_OF, amount_max_age_years=years)


def test_sources_older_than_the_amendment_make_an_item_stale() -> None:
    v = verdict([dt.date(2025, 10, 9), 2024, "undated"])
    assert v.stale and v.reason == "amendment" and v.amended == dt.date(2026, 1, 1)
    assert "ustawa-o-rehabilitacji" in v.why


def test_one_source_after_the_amendment_is_enough() -> None:
    assert not verdict([dt.date(2019, 1, 1), dt.date(2026, 1, 27)]).stale


def test_a_year_counts_as_after_only_when_the_whole_year_is() -> None:
    assert verdict([2026]).stale is False  # amendment on 1 January: all of 2026 is on or after
    late = Amendment("x", dt.date(2026, 6, 1))
    assert verdict([2026], (late,)).stale  # 2026 may be before 1 June
    assert not verdict([2027], (late,)).stale


def test_undated_and_not_yet_dated_sources_never_prove_currency() -> None:
    assert verdict(["undated"]).stale
    assert verdict([None]).stale


def test_the_latest_of_several_amendments_counts() -> None:
    old = Amendment("a", dt.date(2016, 5, 20))
    new = Amendment("b", dt.date(2025, 6, 1))
    v = verdict([dt.date(2020, 1, 1)], (old, new))
    assert v.stale and v.act == "b"


def test_items_without_provisions_are_judged_only_as_amounts() -> None:
    assert not verdict([dt.date(2001, 1, 1)], ()).stale
    v = verdict([dt.date(2001, 1, 1)], (), amount=True)
    assert v.stale and v.reason == "amount_age"
    assert not verdict([dt.date(2025, 1, 1)], (), amount=True).stale


def test_an_item_without_sources_is_not_judged() -> None:
    assert not verdict([], amount=True).stale


def test_age_limit_handles_leap_days() -> None:
    assert age_limit(dt.date(2028, 2, 29), 3) == dt.date(2025, 2, 28)


published_values = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.integers(1990, 2030),
    st.just("undated"),
    st.none(),
)
amendments = st.lists(
    st.builds(Amendment, st.sampled_from(["a", "b", "c"]), st.dates(dt.date(1990, 1, 1), AS_OF)),
    max_size=3,
)


@given(st.lists(published_values, min_size=1, max_size=5), amendments, st.booleans())
def test_adding_a_source_never_makes_an_item_stale(published, amends, amount) -> None:
    before = verdict(published, amends, amount)
    after = verdict([*published, AS_OF], amends, amount)  # a source published on the law date
    assert not after.stale or before.stale
    assert not after.stale  # ... and one that recent is never stale


@given(st.lists(published_values, min_size=1, max_size=5), amendments, st.booleans())
def test_a_later_amendment_never_makes_an_item_current(published, amends, amount) -> None:
    before = verdict(published, amends, amount)
    later = verdict(published, [*amends, Amendment("z", AS_OF)], amount)
    assert later.stale or not before.stale


@given(st.lists(published_values, min_size=1, max_size=5), amendments)
def test_stale_by_amendment_means_no_source_known_after_it(published, amends) -> None:
    v = verdict(published, amends)
    if v.stale:
        assert v.reason == "amendment" and v.amended is not None
        assert not any(known_on_or_after(p, v.amended) for p in published)
    elif amends:
        latest = max(a.date for a in amends)
        assert any(known_on_or_after(p, latest) for p in published)


@given(published_values, st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_known_on_or_after_is_monotone_in_the_day(published, day) -> None:
    if known_on_or_after(published, day):
        assert known_on_or_after(published, day - dt.timedelta(days=1))


# -- staleness: in the knowledge base ------------------------------------------------------------


def test_every_stale_item_carries_its_warning(kb: KnowledgeBase) -> None:
    from recommender.provenance import contact_entry, form_entries, status_entries

    entries = [e for f in kb.forms.values() for e in form_entries(f)]
    entries += [e for i, s in enumerate(kb.statuses.values()) for e in status_entries(s, i)]
    entries += [contact_entry(c, i) for i, c in enumerate(kb.contacts.values())]
    warn = load_acts_warnings()
    assert {e.key for e in entries} == set(kb.staleness)
    for e in entries:
        if kb.staleness[e.key].stale:
            assert e.obj.uncertainty is not None, e.key
            text = e.obj.uncertainty.pl
            assert any(opening in text for opening in warn.values()), e.key


def load_acts_warnings() -> dict[str, str]:
    import yaml

    data = yaml.safe_load((KNOWLEDGE / "acts.yaml").read_text(encoding="utf-8"))
    # the fixed opening of each Polish warning (before its first placeholder)
    return {k: v["pl"].split("{")[0] for k, v in data["stale_warning"].items()}


def test_a_stale_fact_shows_the_amendment_date(kdir: Path) -> None:
    def cite(data: dict) -> None:
        data["facts"]["min_founders"]["provisions"] = [
            {"act": "ustawa-o-rehabilitacji", "ref": "art. 29 ust. 1"}
        ]

    edit(kdir / "forms" / "fundacja.yaml", cite)
    kb = load_knowledge(kdir)
    assert kb.staleness[("fact", "fundacja", "min_founders")].stale
    unc = kb.forms["fundacja"].facts["min_founders"].uncertainty
    assert unc is not None and "1.01.2026" in unc.pl and "2026-01-01" in unc.en


def test_invalid_knowledge_still_raises(kdir: Path) -> None:
    (kdir / "law_changes.yaml").write_text("law_changes: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        load_knowledge(kdir)


def test_the_registry_of_acts_is_a_mapping_of_act_entries(kb: KnowledgeBase) -> None:
    assert isinstance(kb.acts, dict)
    assert all(act.id == key for key, act in kb.acts.items())


# -- provisions on every rule and core fact ------------------------------------------------------

_KB = load_knowledge(KNOWLEDGE)
_ESTABLISHED = {f: a.id for a in _KB.acts.values() for f in a.establishes}


def _pending_items() -> set[tuple[str, str]]:
    import yaml

    data = yaml.safe_load((KNOWLEDGE / "acts.yaml").read_text(encoding="utf-8"))
    return {(p["form"], p["item"]) for p in data.get("pending_provisions") or ()}


_LEGAL_ITEMS = [
    (fid, f"facts.{key}")
    for fid in _ESTABLISHED
    for key, fk in _KB.fact_keys.items()
    if fk.core and key in _KB.forms[fid].facts
] + [(fid, f"rules.{rule.id}") for fid in _ESTABLISHED for rule in _KB.forms[fid].rules]


@pytest.mark.parametrize("form_id,item", _LEGAL_ITEMS, ids=[f"{f}:{i}" for f, i in _LEGAL_ITEMS])
def test_rule_or_core_fact_cites_a_registered_provision(form_id: str, item: str) -> None:
    form = _KB.forms[form_id]
    kind, key = item.split(".", 1)
    obj = form.facts[key] if kind == "facts" else next(r for r in form.rules if r.id == key)
    if (form_id, item) in _pending_items():
        assert not obj.provisions, "cites a provision now: remove it from pending_provisions"
        assert obj.uncertainty is not None  # the reason is shown to the user
        return
    assert obj.provisions, f"{form_id}: {item} cites no provision"
    for prov in obj.provisions:
        assert prov.act in _KB.acts


def test_pending_provisions_stay_few() -> None:
    # each one is a gap to close by reading the act; the list must not become a way around check
    assert len(_pending_items()) <= 6


def test_forms_no_act_establishes_are_known() -> None:
    assert set(_KB.forms) - set(_ESTABLISHED) == {"grupa-nieformalna", "wolontariat"}


def test_a_missing_provision_fails_check(kdir: Path) -> None:
    def drop(data: dict) -> None:
        data["facts"]["registry"].pop("provisions", None)

    edit(kdir / "forms" / "fundacja.yaml", drop)
    found = problems(kdir)
    assert any(
        "forms/fundacja.yaml: facts.registry.provisions: needs a provision" in p for p in found
    ), found


def test_a_pending_entry_for_a_cited_item_fails_check(kdir: Path) -> None:
    def add(data: dict) -> None:
        data["pending_provisions"].append(
            {"form": "fundacja", "item": "facts.registry", "reason": {"pl": "x", "en": "x"}}
        )

    edit(kdir / "acts.yaml", add)
    assert any("cites a provision now" in p for p in problems(kdir))


def test_provisions_read_in_a_current_consolidated_text_count_as_a_current_source() -> None:
    # the social cooperatives act was consolidated in 2026, after every amendment considered
    verdict = _KB.staleness[("fact", "spoldzielnia-socjalna", "economic_activity")]
    assert not verdict.stale


def test_zaz_facts_resting_on_pre_2026_pages_are_flagged() -> None:
    # the 2026 amendment changed art. 29 of the rehabilitation act; the 2024 consolidated text
    # predates it, so only a page published after 1 January 2026 makes a ZAZ fact current
    act = _KB.acts["ustawa-o-rehabilitacji"]
    assert act.last_amendment == dt.date(2026, 1, 1)
    for key, fact in _KB.forms["zaz"].facts.items():
        if not fact.provisions or not any(p.act == act.id for p in fact.provisions):
            continue
        dates = [_KB.sources[s].published for s in fact.sources]
        current = any(isinstance(d, dt.date) and d >= act.last_amendment for d in dates)
        assert _KB.staleness[("fact", "zaz", key)].stale is not current, key


# -- publication dates of sources -----------------------------------------------------------------


# Sources re-read in this review whose page date is still to be recorded. The list may only
# shrink: a source listed here that now has `published` fails the test until it is removed.
UNDATED_GAPS: frozenset[str] = frozenset()


@pytest.mark.parametrize("source_id", sorted(_KB.sources))
def test_a_source_checked_in_this_review_states_when_it_was_published(source_id: str) -> None:
    """Every source compared with its page on or after the law date records `published` (a
    date, a year or "undated"); only entries nobody has re-read since may still lack it."""
    src = _KB.sources[source_id]
    if source_id in UNDATED_GAPS:
        assert src.published is None, f"{source_id} is dated now: remove it from UNDATED_GAPS"
    elif src.checked >= _KB.law_as_of:
        assert src.published is not None, f"{source_id}: checked {src.checked} but no published"
    if isinstance(src.published, dt.date):
        assert src.published <= src.checked, "published after it was checked"
    if isinstance(src.published, int):
        assert src.published <= src.checked.year


def test_most_sources_are_dated() -> None:
    dated = sum(1 for s in _KB.sources.values() if s.published is not None)
    assert dated / len(_KB.sources) >= 0.25


def test_journal_references_polish_and_eu() -> None:
    """A Polish act is cited by its Journal of Laws item, an EU regulation that applies directly
    (the GDPR) by the EU's Official Journal, and its text is read on EUR-Lex."""
    import re

    from recommender.models import ACT_URL_PATTERN, JOURNAL_PATTERN

    for ok in ("Dz.U. 2024 poz. 1491", "Dz.U. 1989 nr 20 poz. 104", "M.P. 2023 poz. 5",
               "Dz.Urz. UE L 119 z 4.5.2016, s. 1"):  # fmt: skip
        assert re.match(JOURNAL_PATTERN, ok), ok
    for bad in ("Dz.U. 2024", "Dz.Urz. UE L 119", "OJ L 119, 4.5.2016", "poz. 5"):
        assert not re.match(JOURNAL_PATTERN, bad), bad
    assert re.match(ACT_URL_PATTERN, "https://eur-lex.europa.eu/eli/reg/2016/679/oj")
    assert not re.match(ACT_URL_PATTERN, "https://example.org/rodo")
