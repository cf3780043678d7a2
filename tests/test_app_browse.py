"""The browsing pages (Porównaj, Formy, Lokalnie, Słowniczek, O projekcie) and their renderers.

Pure helpers are tested directly; the pages run in Streamlit's AppTest against the real knowledge
base, in both languages, with tampered URL parameters. Expected texts are taken from the knowledge
base and the catalogs, so the tests follow the content instead of freezing it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from recommender.i18n import t as tr
from recommender.loading import KnowledgeBase
from tests.apptest import element_texts
from tests.conftest import ROOT
from ui import browse

BOLD = re.compile(r"(?<!\\)\*\*")
PAGES = {
    "compare": "views/porownaj.py",
    "forms": "views/formy.py",
    "local": "views/lokalnie.py",
    "glossary": "views/slowniczek.py",
    "about": "views/o-projekcie.py",
}


def unescape(text: str) -> str:
    """Markdown as the reader sees it (our escaping undone)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def run_page(page: str, lang: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if lang is not None:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def norm(text: str) -> str:
    return " ".join(text.split())


def texts(at: AppTest) -> str:
    """Everything the page wrote as text (markdown, captions, headings, alerts), as the reader
    sees it: escaping undone, bold marks dropped, whitespace collapsed (as the page does)."""
    parts = element_texts(
        at,
        ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error"),
        lambda text: unescape(BOLD.sub("", text)),
    )
    for table in at.table:
        frame = table.value
        parts.extend(unescape(str(c)) for c in frame.columns)
        parts.extend(unescape(str(i)) for i in frame.index)
        parts.extend(unescape(str(v)) for v in frame.to_numpy().ravel())
    for ex in at.expander:
        parts.append(unescape(str(ex.label)))
    return "\n".join(norm(p) for p in parts)


def qp(at: AppTest, key: str) -> str:
    """One query parameter as the page left it (AppTest may hold a string or a list)."""
    value = at.query_params[key]
    return value if isinstance(value, str) else ",".join(value)


def warnings(at: AppTest) -> list[str]:
    return [unescape(str(w.value)) for w in at.warning]


# -- pure helpers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["a *b* _c_", "[x](javascript:alert(1))", "$5$ :red[x] <b>h</b>", "1. item", "# h"]
)
def test_md_escapes_every_markdown_mark(raw: str) -> None:
    escaped = browse.md(raw)
    assert unescape(escaped) == raw
    for mark in "*_[]()$:<>#.":
        assert f"\\{mark}" in escaped or mark not in raw


def test_md_collapses_whitespace() -> None:
    assert browse.md("  a\n\n b\tc ") == "a b c"


def test_link_encodes_brackets_in_urls() -> None:
    assert browse.link("t", "https://x.org/a (b)") == "[t](https://x.org/a%20%28b%29)"


def test_parse_form_list_accepts_commas_and_repeats() -> None:
    valid, unknown = browse.parse_form_list(["fundacja,,kis", "kis", "x y"], ["fundacja", "kis"])
    assert valid == ["fundacja", "kis"]
    assert unknown == ["x y"]


def test_compare_selection(kb: KnowledgeBase) -> None:
    assert browse.compare_selection(None, kb).forms == ("fundacja", "stowarzyszenie")
    assert browse.compare_selection([], kb).notices == ()
    sel = browse.compare_selection(["kis,nope"], kb)
    assert sel.forms[0] == "kis" and len(sel.forms) == 2
    assert [k for k, _ in sel.notices] == ["browse.compare.unknown_ids", "browse.compare.completed"]
    many = browse.compare_selection([",".join(kb.forms)], kb)
    assert many.forms == tuple(list(kb.forms)[:4])
    assert [k for k, _ in many.notices] == ["browse.compare.too_many"]
    long_value = browse.compare_selection(["x" * 500], kb)
    shown = long_value.notices[0][1]["ids"]
    assert len(shown) <= browse.MAX_SHOWN_PARAM


def test_form_from_param(kb: KnowledgeBase) -> None:
    first = next(iter(kb.forms))
    assert browse.form_from_param("kis", kb) == ("kis", None)
    assert browse.form_from_param(None, kb) == (first, None)
    assert browse.form_from_param("../etc", kb) == (first, "../etc")


def test_fmt_pln() -> None:
    assert browse.fmt_pln(1000, "pl") == "1\u00a0000\u00a0zł"
    assert browse.fmt_pln(1000, "en") == "PLN 1,000"


# -- comparison -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_comparison_rows_follow_the_knowledge_base(kb: KnowledgeBase, lang: str) -> None:
    forms = ["fundacja", "stowarzyszenie", "kgw"]
    cmp = browse.compare(kb, forms, lang)
    labels = [r.label for r in cmp.rows]
    for key in kb.fact_keys.values():
        if key.core:
            assert key.label.get(lang) in labels
    assert tr("browse.compare.row.pros", lang) in labels
    assert cmp.names == tuple(kb.form_name(f, lang) for f in forms)
    pros = next(r for r in cmp.rows if r.id == "pros")
    for cell, f in zip(pros.cells, forms, strict=True):
        assert [e.text for e in cell.entries] == [p.text.get(lang) for p in kb.forms[f].pros]
    # every statement in the table is sourced or openly unverified
    for row in cmp.rows:
        for cell in row.cells:
            for e in cell.entries:
                assert e.sources or e.unverified or cell.missing, (row.id, e.text)
    assert set(cmp.footnotes) <= set(kb.sources)


def test_only_differences_hides_equal_rows(kb: KnowledgeBase) -> None:
    forms = ["fundacja", "stowarzyszenie"]
    full = browse.compare(kb, forms, "pl")
    diff = browse.compare(kb, forms, "pl", only_differences=True)
    equal = [r.id for r in full.rows if r.equal and not r.always]
    assert diff.hidden == len(equal)
    assert [r.id for r in diff.rows] == [r.id for r in full.rows if r.id not in equal]
    assert {"pros", "cons"} <= {r.id for r in diff.rows}
    # a form compared with itself differs nowhere but in the rows that are always kept
    same = browse.compare(kb, ["kis", "kis"], "pl", only_differences=True)
    assert {r.id for r in same.rows} == {"pros", "cons"}


def test_registration_cost_sums_known_steps(kb: KnowledgeBase) -> None:
    for form in kb.forms.values():
        total, complete, any_known = browse.registration_cost(form)
        known = [s.cost_range for s in form.steps if s.cost_range is not None]
        assert total.min == sum(r.min for r in known)
        assert total.max == sum(r.max for r in known)
        assert complete == (bool(form.steps) and len(known) == len(form.steps))
        text = browse.cost_text(form, "pl")
        if complete:
            assert text == browse.fmt_pln(total, "pl")
        elif not known or total.max == 0:
            assert text == tr("browse.cost.unknown", "pl")
        else:
            assert browse.fmt_pln(total, "pl") in text and "nieznany" in text


def _read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_comparison_csv_contains_the_table_and_its_sources(kb: KnowledgeBase, lang: str) -> None:
    forms = ["fundacja", "stowarzyszenie-zwykle", "grupa-nieformalna"]
    cmp = browse.compare(kb, forms, lang)
    rows = _read_csv(browse.comparison_csv(cmp, kb, lang))
    assert rows[0] == [
        tr("browse.compare.attribute", lang),
        *(kb.form_name(f, lang) for f in forms),
    ]
    by_label = {r[0]: r for r in rows if r}
    for row in cmp.rows:
        assert row.label in by_label
    first_pro = kb.forms["fundacja"].pros[0].text.get(lang)
    assert first_pro.lstrip("=+-@") in by_label[tr("browse.compare.row.pros", lang)][1]
    urls = "\n".join(" ".join(r) for r in rows)
    for sid in cmp.footnotes:
        assert kb.sources[sid].url in urls
    assert any(kb.version in " ".join(r) for r in rows)


def test_comparison_cards_carry_the_same_content(kb: KnowledgeBase) -> None:
    forms = ["kis", "cis"]
    cmp = browse.compare(kb, forms, "en")
    cards = browse.comparison_cards(cmp, "en")
    assert [name for name, _ in cards] == [kb.form_name(f, "en") for f in forms]
    for (_, body), f in zip(cards, forms, strict=True):
        shown = unescape(BOLD.sub("", body))
        for row in cmp.rows:
            assert f"{row.label}:" in shown
        for con in kb.forms[f].cons:
            assert norm(con.text.en) in norm(shown)


def test_comparison_csv_neutralises_formulas(kb: KnowledgeBase) -> None:
    evil = ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"]
    cells = tuple(browse.Cell((browse.Entry(text),), text) for text in evil)
    row = browse.Row("evil", "=label", cells)
    cmp = browse.Comparison(
        tuple(f"f{i}" for i in range(len(evil))),
        tuple(f"-name{i}" for i in range(len(evil))),
        (row,),
    )
    rows = _read_csv(browse.comparison_csv(cmp, kb, "pl"))
    for r in rows:
        for cell in r:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][1] == "'" + evil[0]
    assert rows[0][1] == "'-name0"


def test_comparison_table_escapes_knowledge_text(kb: KnowledgeBase) -> None:
    cell = browse.Cell((browse.Entry("*bold* [x](javascript:y)", ("nope",)),), 1)
    cmp = browse.Comparison(("a", "b"), ("A", "B"), (browse.Row("r", "R", (cell, cell)),))
    frame = browse.comparison_table(cmp, "pl")
    value = frame.iloc[0, 0]
    assert "\\*bold\\*" in value and "\\[x\\]\\(javascript\\:y\\)" in value


# -- catalogs -------------------------------------------------------------------------------------


def test_browse_catalogs_have_the_same_keys_and_placeholders() -> None:
    pl = json.loads((ROOT / "locales/pl/browse.json").read_text(encoding="utf-8"))
    en = json.loads((ROOT / "locales/en/browse.json").read_text(encoding="utf-8"))
    assert set(pl) == set(en)
    import string

    for key in pl:
        names = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert names(pl[key]) == names(en[key]), key


def test_every_contact_and_source_kind_has_a_label(kb: KnowledgeBase) -> None:
    for lang in ("pl", "en"):
        for c in kb.contacts.values():
            assert tr(f"browse.local.kind.{c.kind}", lang) != f"browse.local.kind.{c.kind}"
        for s in kb.sources.values():
            assert tr(f"browse.source_kind.{s.kind}", lang) != f"browse.source_kind.{s.kind}"


# -- Porównaj -------------------------------------------------------------------------------------


def test_compare_defaults_to_two_forms(kb: KnowledgeBase) -> None:
    at = run_page("compare")
    assert at.multiselect[0].value == ["fundacja", "stowarzyszenie"]
    assert qp(at, "forms") == "fundacja,stowarzyszenie"
    # the table for wide screens and one card per form for phones (CSS picks one)
    cards = [unescape(m.value) for m in at.markdown if m.value.startswith("## ")]
    assert cards == ["## " + kb.form_name(f, "pl") for f in ("fundacja", "stowarzyszenie")]
    frame = at.table[0].value
    assert [unescape(c) for c in frame.columns] == [
        kb.form_name("fundacja", "pl"),
        kb.form_name("stowarzyszenie", "pl"),
    ]
    page = texts(at)
    assert norm(kb.forms["fundacja"].cons[0].text.pl) in page
    cmp = browse.compare(kb, ["fundacja", "stowarzyszenie"], "pl")
    for sid in cmp.footnotes:
        assert norm(kb.sources[sid].title) in page
    assert warnings(at) == []
    assert at.get("download_button")[0].label == tr("browse.compare.download", "pl")
    links = {pl.proto.query_string for pl in at.get("page_link")}
    assert {"form=fundacja", "form=stowarzyszenie"} <= links


def test_compare_reads_three_forms_from_the_url(kb: KnowledgeBase) -> None:
    at = run_page("compare", forms="kis,cis,zaz")
    assert at.multiselect[0].value == ["kis", "cis", "zaz"]
    assert len(at.table[0].value.columns) == 3
    assert warnings(at) == []


def test_compare_tampered_url_gives_a_notice_not_an_error(kb: KnowledgeBase) -> None:
    at = run_page("compare", forms="fundacja,<script>alert(1)</script>,=cmd")
    assert at.multiselect[0].value == ["fundacja", "stowarzyszenie"]
    shown = warnings(at)
    assert len(shown) == 2
    assert "<script>alert(1)</script>" in shown[0] and "=cmd" in shown[0]
    # the notice is markdown-escaped, so nothing in it can render as markup
    assert "\\<script\\>" in at.warning[0].value
    assert qp(at, "forms") == "fundacja,stowarzyszenie"


def test_compare_cuts_more_than_four(kb: KnowledgeBase) -> None:
    at = run_page("compare", forms=",".join(kb.forms))
    assert at.multiselect[0].value == list(kb.forms)[:4]
    assert any(str(browse.MAX_COMPARE) in w for w in warnings(at))


def test_compare_only_differences_toggle(kb: KnowledgeBase) -> None:
    at = run_page("compare", forms="fundacja,stowarzyszenie")
    rows_all = len(at.table[0].value.index)
    at.toggle[0].set_value(True).run()
    assert not at.exception
    rows_diff = len(at.table[0].value.index)
    hidden = browse.compare(kb, ["fundacja", "stowarzyszenie"], "pl", only_differences=True).hidden
    assert rows_diff == rows_all - hidden
    assert tr("browse.compare.hidden", "pl", count=hidden) in texts(at)


def test_compare_changing_the_selection_updates_the_url(kb: KnowledgeBase) -> None:
    at = run_page("compare")
    at.multiselect[0].select("kgw").run()
    assert qp(at, "forms") == "fundacja,stowarzyszenie,kgw"
    assert len(at.table[0].value.columns) == 3
    at.multiselect[0].unselect("fundacja").unselect("stowarzyszenie").run()
    assert not at.exception
    assert at.info and not at.table


def test_compare_in_english(kb: KnowledgeBase) -> None:
    at = run_page("compare", lang="en", forms="fundacja,kgw")
    assert at.title[0].value == tr("browse.compare.title", "en")
    assert [unescape(c) for c in at.table[0].value.columns] == [
        kb.form_name("fundacja", "en"),
        kb.form_name("kgw", "en"),
    ]
    assert norm(kb.forms["kgw"].pros[0].text.en) in texts(at)


# -- Formy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("form_id", ["fundacja", "stowarzyszenie-zwykle", "kis", "wolontariat"])
def test_form_page_shows_everything_with_sources(kb: KnowledgeBase, form_id: str) -> None:
    form = kb.forms[form_id]
    at = run_page("forms", form=form_id)
    assert at.selectbox[0].value == form_id
    assert at.header[0].value == form.name.pl
    page = texts(at)
    assert norm(form.summary.pl) in page
    for key, fact in form.facts.items():
        assert norm(f"{kb.fact_keys[key].label.pl}: {fact.text.pl}") in page
        if fact.uncertainty is not None:
            assert norm(fact.uncertainty.pl) in page
    for item in (*form.pros, *form.cons):
        assert norm(item.text.pl) in page
    for sid in browse.form_sources(kb, form):
        assert norm(kb.sources[sid].title) in page
    assert "sprawdzono " + kb.sources[form.sources[0]].checked.isoformat() in page
    steps = [cb for cb in at.checkbox if cb.key and cb.key.startswith(f"step-{form_id}-")]
    assert len(steps) == len(form.steps)
    for step in form.steps:
        if step.cost_pln is None:
            assert "koszt nieznany" in page
        if step.time is None:
            assert "czas nieznany" in page
    links = {pl.proto.query_string for pl in at.get("page_link")}
    for pw in form.pathways:
        assert f"form={pw.to}" in links
    if not form.statuses:
        names = ", ".join(s.name.pl for s in kb.statuses.values())
        assert norm(tr("browse.status.none", "pl", names=names)) in page
    for sid in form.statuses:
        assert norm(kb.statuses[sid].name.pl) in page
        for cond in kb.statuses[sid].conditions:
            assert norm(cond.text.pl) in page
    assert warnings(at) == []


def test_form_page_unknown_id_falls_back_with_a_notice(kb: KnowledgeBase) -> None:
    first = next(iter(kb.forms))
    at = run_page("forms", form="fundacja'; DROP TABLE x;--")
    assert at.selectbox[0].value == first
    assert len(warnings(at)) == 1 and "DROP TABLE" in warnings(at)[0]
    assert qp(at, "form") == first
    at.checkbox[0].check().run()  # the notice stays while the fallback is shown
    assert len(warnings(at)) == 1
    at.selectbox[0].select("kgw").run()
    assert warnings(at) == []
    assert qp(at, "form") == "kgw"
    assert at.header[0].value == kb.forms["kgw"].name.pl


def test_form_page_in_english(kb: KnowledgeBase) -> None:
    form = kb.forms["spoldzielnia-socjalna"]
    at = run_page("forms", lang="en", form=form.id)
    assert at.header[0].value == form.name.en
    page = texts(at)
    assert norm(form.pros[0].text.en) in page
    assert "checked " in page
    assert [t.label for t in at.tabs][0] == tr("browse.form.tab.facts", "en")


def test_form_page_steps_are_a_checklist(kb: KnowledgeBase) -> None:
    form = next(f for f in kb.forms.values() if f.steps)
    at = run_page("forms", form=form.id)
    box = next(cb for cb in at.checkbox if cb.key == f"step-{form.id}-{form.steps[0].id}")
    assert box.value is False
    box.check().run()
    assert (
        next(cb for cb in at.checkbox if cb.key == f"step-{form.id}-{form.steps[0].id}").value
        is True
    )


# -- Lokalnie -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_local_page_puts_kiss_first_and_cites_everything(kb: KnowledgeBase, lang: str) -> None:
    at = run_page("local", lang=lang)
    contacts = browse.ordered_contacts(kb)
    assert "kiss" in contacts[0].id
    headings = [unescape(m.value) for m in at.markdown if m.value.startswith("#")]
    assert headings[0].split(" ", 1)[1] == contacts[0].name.get(lang)
    assert [h.split(" ", 1)[1] for h in headings] == [c.name.get(lang) for c in contacts]
    page = texts(at)
    checked = tr("browse.checked", lang, date="")
    for c in contacts:
        assert norm(c.description.get(lang)) in page
        if c.how_to_join is not None:
            assert norm(c.how_to_join.get(lang)) in page
        if c.meetings is not None:
            assert norm(c.meetings.get(lang)) in page
        if c.uncertainty is not None:
            assert norm(c.uncertainty.get(lang)) in page
        for s in kb.source_list(c.sources):
            assert norm(s.title) in page
    assert page.count(checked) >= len(contacts)


# -- Słowniczek -----------------------------------------------------------------------------------


def test_glossary_lists_every_entry(kb: KnowledgeBase) -> None:
    at = run_page("glossary")
    terms = [s.value for s in at.subheader]
    assert sorted(terms) == sorted(e.term.pl for e in kb.glossary.values())
    assert tr(
        "browse.glossary.count", "pl", count=len(kb.glossary), total=len(kb.glossary)
    ) in texts(at)


def test_glossary_filter_narrows_and_ignores_diacritics(kb: KnowledgeBase) -> None:
    entry = next(iter(kb.glossary.values()))
    word = max(entry.term.pl.split(), key=len)
    at = run_page("glossary")
    at.text_input[0].input(browse.fold(word).upper()).run()
    terms = [s.value for s in at.subheader]
    assert entry.term.pl in terms
    assert terms == [e.term.pl for e in browse.glossary_matches(kb, word, "pl")]
    entry_forms = [f for f in entry.forms if f in kb.forms]
    page_links = {pl.proto.query_string for pl in at.get("page_link")}
    assert {f"form={f}" for f in entry_forms} <= page_links


def test_glossary_no_match_says_so() -> None:
    at = run_page("glossary")
    at.text_input[0].input("qqqxxzz *[evil]*").run()
    assert not at.exception
    assert len(at.subheader) == 0
    assert "qqqxxzz *[evil]*" in unescape(at.info[0].value)


def test_glossary_in_english(kb: KnowledgeBase) -> None:
    at = run_page("glossary", lang="en")
    assert sorted(s.value for s in at.subheader) == sorted(e.term.en for e in kb.glossary.values())
    assert at.text_input[0].label == tr("browse.glossary.search", "en")


# -- O projekcie ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_about_lists_every_source_and_the_version(kb: KnowledgeBase, lang: str) -> None:
    at = run_page("about", lang=lang)
    page = texts(at)
    for src in kb.sources.values():
        assert norm(src.title) in page, src.id
        assert src.url in page, src.id
        assert src.checked.isoformat() in page
    licensed = [s for s in kb.sources.values() if s.licence]
    for s in licensed:
        assert s.licence in page
    assert kb.version in page
    assert "CC BY-NC-ND" in page
    assert "python -m recommender check" in page
    assert str(kb.scoring.robustness_samples) in page
    assert any(
        tr("browse.about.not_legal_advice", lang)[:40] in unescape(w.value) for w in at.warning
    )
    kinds = {s.kind for s in kb.sources.values()}
    assert len(at.expander) == len(kinds)


# -- robustness against odd URLs on every page ----------------------------------------------------


TITLE_KEYS = {
    "compare": "browse.compare.title",
    "forms": "browse.forms.title",
    "local": "browse.local.title",
    "glossary": "browse.glossary.title",
    "about": "browse.about.title",
}


@pytest.fixture(params=sorted(PAGES))
def any_page(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.param


@pytest.mark.parametrize(
    "params",
    [
        {"form": "", "forms": ""},
        {"form": "x" * 5000, "forms": ",,,"},
        {"form": "%00\n", "forms": "zaz,zaz,zaz", "lang": "xx"},
    ],
)
def test_odd_query_params_never_raise(any_page: str, params: dict[str, Any]) -> None:
    params = dict(params)
    lang = params.pop("lang", None)
    at = run_page(any_page, lang=lang, **params)
    assert at.title, "the page rendered"
    if lang is not None:  # an unknown language falls back to Polish
        assert at.title[0].value == tr(f"{TITLE_KEYS[any_page]}", "pl")


def test_compare_follows_the_language_switch_and_keeps_the_choice_across_pages(
    kb: KnowledgeBase,
) -> None:
    at = run_page("compare", forms="kis,cis,zaz")
    # the widgets are keyed by language: after the switch they draw English names and labels
    at.radio(key="lang_switch").set_value("en").run()
    picker = at.multiselect[0]
    assert picker.key == "compare_forms_en" and picker.value == ["kis", "cis", "zaz"]
    assert picker.label.startswith("Forms to compare")
    assert [picker.format_func(f) for f in picker.value] == [
        kb.form_name(f, "en") for f in ("kis", "cis", "zaz")
    ]
    assert at.toggle[0].label == tr("browse.compare.only_diff", "en")
    # to another page through the menu (no ?forms=) and back: the choice is still there
    at.switch_page("views/start.py")
    at.query_params.pop("forms", None)
    at.run()
    at.switch_page("views/porownaj.py")
    at.query_params.pop("forms", None)
    at.run()
    assert at.multiselect[0].value == ["kis", "cis", "zaz"]


def test_a_fact_that_does_not_apply_says_so_and_why(kb: KnowledgeBase) -> None:
    """A foundation has no members: its membership cell says "nie dotyczy" with the reason and
    its sources, not "brak danych"."""
    cmp = browse.compare(kb, ["fundacja", "stowarzyszenie"], "pl")
    row = next(r for r in cmp.rows if r.id == "fact:membership")
    cell = row.cells[0]
    assert not cell.missing
    text = cell.entries[0].text
    assert text.startswith("nie dotyczy – ") and "nie ma członków" in text
    assert cell.entries[0].sources
    fact = kb.forms["fundacja"].facts["membership"]
    assert fact.not_applicable and fact.provisions
    assert not row.equal  # it differs from an association's membership
