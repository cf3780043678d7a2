"""The "Zmiany w prawie" page and the law date in the footer, in Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from recommender.i18n import t as tr
from recommender.loading import KnowledgeBase
from tests.conftest import ROOT
from tests.test_app_browse import texts


def run(page: str, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def footer(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_law_changes_page_lists_every_change_and_act(kb: KnowledgeBase, lang: str) -> None:
    at = run("views/zmiany-w-prawie.py", lang)
    shown = texts(at)
    assert tr("law.title", lang) in shown
    for change in kb.law_changes:
        assert change.title.get(lang) in shown
        assert " ".join(change.text.get(lang).split()) in shown
        if change.journal:
            assert change.journal in shown
    for act in kb.acts.values():
        assert act.title.get(lang) in shown
    date = kb.law_as_of
    shown_date = f"{date.day}.{date.month:02d}.{date.year}" if lang == "pl" else date.isoformat()
    assert shown_date in shown


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_change_only_reported_says_so_next_to_its_status(kb: KnowledgeBase, lang: str) -> None:
    at = run("views/zmiany-w-prawie.py", lang)
    shown = texts(at)
    reported = [c for c in kb.law_changes if c.unverified]
    assert reported, "the knowledge base has a change known only from reports"
    marker = f"{tr('law.status.in_force', lang)} ({tr('law.status.unverified', lang)})"
    assert shown.count(marker) == len(reported)
    for change in reported:
        assert change.uncertainty is not None
        assert " ".join(change.uncertainty.get(lang).split()) in shown


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_footer_states_the_law_date(kb: KnowledgeBase, lang: str) -> None:
    at = run("views/slowniczek.py", lang)
    expected = tr("law.footer", lang, date=kb.law_as_of.isoformat())
    assert expected in footer(at)


def _warning_opening(kb: KnowledgeBase, lang: str) -> str:
    """The fixed opening of the amendment warning (before its first placeholder)."""
    import yaml

    data = yaml.safe_load((ROOT / "knowledge" / "acts.yaml").read_text(encoding="utf-8"))
    return data["stale_warning"]["amendment"][lang].split("{")[0].strip()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_stale_fact_shows_its_warning_on_the_form_page(kb: KnowledgeBase, lang: str) -> None:
    stale = [
        k
        for k, v in kb.staleness.items()
        if v.stale and v.reason == "amendment" and kb.acts[v.act or ""].last_amendment is not None
    ]
    assert stale, "the knowledge base has no stale item to show"
    kind, form_id, _ = next(k for k in stale if k[0] == "fact")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["form"] = form_id
    at.switch_page("views/formy.py")
    at.run()
    assert not at.exception
    shown = texts(at)
    assert _warning_opening(kb, lang) in shown
    verdict = next(kb.staleness[k] for k in stale if k[0] == "fact" and k[1] == form_id)
    act = kb.acts[verdict.act or ""]
    assert act.short.get(lang) in shown


def test_stale_items_show_their_warning_on_the_result_page(kb: KnowledgeBase) -> None:
    """Ruled-out forms and steps on the result page carry the warnings of stale items."""
    from tests.test_app_flow import app, ok, open_sections
    from tests.test_app_flow import texts as flow_texts

    params = {"founders": "2", "capital_pln": "0", "economic_activity": "true"}
    at = open_sections(ok(app("views/wynik.py", params)), "ruled_out", "steps")
    shown = flow_texts(at)
    import yaml

    data = yaml.safe_load((ROOT / "knowledge" / "acts.yaml").read_text(encoding="utf-8"))
    openings = [v["pl"].split("{")[0].strip() for v in data["stale_warning"].values()]
    # the non-profit company is ruled out by its capital rule, which rests on the Commercial
    # Companies Code; it is stale, so its blocker carries a warning
    assert kb.staleness[("rule", "spolka-non-profit", "min_capital")].stale
    assert any(o in shown for o in openings), shown[:2000]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_form_page_shows_the_provisions_a_fact_rests_on(kb: KnowledgeBase, lang: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["form"] = "stowarzyszenie"
    at.switch_page("views/formy.py")
    at.run()
    assert not at.exception
    shown = texts(at)
    fact = kb.forms["stowarzyszenie"].facts["min_founders"]
    prov = fact.provisions[0]
    act = kb.acts[prov.act]
    assert f"{tr('law.provisions_line', lang)}: {prov.ref} – [{act.short.get(lang)}](" in shown
    assert act.isap_url in "\n".join(str(m.value) for m in at.markdown)


def test_an_act_whose_current_text_is_unconfirmed_leaves_its_items_stale(kb: KnowledgeBase) -> None:
    """The National Court Register Act's current text and last amendment are not established, so
    no page can show that the registration deadline is current: the item is stale, and its warning
    says the act's current text was not confirmed."""
    act = kb.acts["ustawa-o-krs"]
    assert act.consolidated is None and act.last_amendment is None
    verdict = kb.staleness[("fact", "stowarzyszenie", "registration_time")]
    assert verdict.stale and verdict.act == "ustawa-o-krs"
    fact = kb.forms["stowarzyszenie"].facts["registration_time"]
    assert act.short.pl in fact.uncertainty.pl and "Nie potwierdziliśmy" in fact.uncertainty.pl


def test_an_amendment_after_the_sources_names_its_date(kb: KnowledgeBase) -> None:
    """The Commercial Companies Code's consolidated text (2024) is confirmed and it was amended in
    2026: the company's capital rule rests on older pages, so its warning names the amendment."""
    act = kb.acts["ksh"]
    assert act.consolidated == "Dz.U. 2024 poz. 18" and act.last_amendment is not None
    verdict = kb.staleness[("rule", "spolka-non-profit", "min_capital")]
    assert verdict.stale and verdict.act == "ksh" and verdict.amended == act.last_amendment
    rule = next(r for r in kb.forms["spolka-non-profit"].rules if r.id == "min_capital")
    day = act.last_amendment
    assert f"{day.day}.{day.month:02d}.{day.year}" in rule.uncertainty.pl
