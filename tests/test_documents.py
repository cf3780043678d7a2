"""Document drafts: every element the law requires is there (named by its provision), answers
fill what they give and nothing else, Markdown and DOCX carry the same clauses, odd input is
safe, and ``check`` rejects templates citing unknown acts or forms."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from recommender.document_loading import placeholder_names
from recommender.documents import (
    UnknownDocument,
    draft_docx,
    draft_markdown,
    drafts_for,
    render_draft,
)
from recommender.loading import KnowledgeBase, KnowledgeError, load_knowledge
from recommender.profile import FORM_IDS
from tests.conftest import ROOT
from tests.strategies import profiles

TODAY = dt.date(2026, 12, 2)
FULL = {
    "founders": 12,
    "goals": ["community", "culture_education"],
    "target_groups": ["seniors", "children_youth"],
    "governance": "democratic",
    "economic_activity": True,
    "funding": ["sales", "small_grants", "membership_fees"],
    "capital_pln": 2500,
}

# Every element an act requires, as (document, act, provision, what it is, clause id). A test
# per row checks the clause exists, cites exactly this provision and reaches every draft.
REQUIRED: list[tuple[str, str, str, str, str]] = [
    # Prawo o stowarzyszeniach, art. 40 ust. 2: the regulamin of a stowarzyszenie zwykłe
    *[
        ("regulamin-stowarzyszenia-zwyklego", "prawo-o-stowarzyszeniach", "art. 40 ust. 2", e, c)
        for e, c in (
            ("nazwa", "name"),
            ("cel lub cele", "goals"),
            ("teren i środki działania", "area-and-means"),
            ("siedziba", "seat"),
            ("przedstawiciel albo zarząd", "representation"),
            ("zasady zmian regulaminu", "changes"),
            ("nabycie i utrata członkostwa", "membership"),
            ("rozwiązanie", "dissolution"),
        )
    ],
    # Prawo o stowarzyszeniach, art. 10 ust. 1 (statute), art. 11 (bodies), art. 9 and 12 (founding)
    *[
        ("statut-stowarzyszenia", "prawo-o-stowarzyszeniach", f"art. 10 ust. 1 pkt {pkt}", e, c)
        for pkt, e, c in (
            ("1", "nazwa odróżniająca", "name"),
            ("2", "teren działania i siedziba", "area-and-seat"),
            ("3", "cele i sposoby ich realizacji", "goals-and-means"),
            ("4", "członkostwo, prawa i obowiązki członków", "membership"),
            ("5", "władze, tryb wyboru, uzupełniania składu, kompetencje", "authorities"),
            ("5a", "wynagrodzenie członków zarządu", "board-pay"),
            ("6", "reprezentacja, zobowiązania majątkowe, ważność uchwał", "representation"),
            ("7", "środki finansowe i składki", "funds"),
            ("8", "zmiany statutu", "statute-changes"),
            ("9", "rozwiązanie", "dissolution"),
        )
    ],
    (
        "statut-stowarzyszenia",
        "prawo-o-stowarzyszeniach",
        "art. 11 ust. 1",
        "walne zebranie",
        "general-meeting",
    ),
    ("statut-stowarzyszenia", "prawo-o-stowarzyszeniach", "art. 11 ust. 3", "zarząd", "board"),
    (
        "statut-stowarzyszenia",
        "prawo-o-stowarzyszeniach",
        "art. 11 ust. 3",
        "organ kontroli",
        "audit-committee",
    ),
    (
        "protokol-zebrania-zalozycielskiego",
        "prawo-o-stowarzyszeniach",
        "art. 9",
        "uchwalenie statutu",
        "resolution-statute",
    ),
    (
        "protokol-zebrania-zalozycielskiego",
        "prawo-o-stowarzyszeniach",
        "art. 9",
        "wybór komitetu albo zarządu",
        "resolution-board",
    ),
    (
        "protokol-zebrania-zalozycielskiego",
        "prawo-o-stowarzyszeniach",
        "art. 11 ust. 3",
        "wybór organu kontroli",
        "resolution-audit",
    ),
    (
        "protokol-zebrania-zalozycielskiego",
        "prawo-o-stowarzyszeniach",
        "art. 12 ust. 1",
        "wniosek do KRS",
        "resolution-krs",
    ),
    (
        "lista-zalozycieli",
        "prawo-o-stowarzyszeniach",
        "art. 12 ust. 1",
        "lista założycieli do KRS",
        "krs-list",
    ),
    # Ustawa o fundacjach, art. 5 ust. 1 (statute), art. 2 ust. 2 (seat), art. 3 (declaration)
    *[
        ("statut-fundacji", "ustawa-o-fundacjach", "art. 5 ust. 1", e, c)
        for e, c in (
            ("nazwa", "name"),
            ("siedziba", "seat"),
            ("majątek", "assets"),
            ("cele", "goals"),
            ("zasady, formy i zakres działalności", "activity"),
            ("skład i organizacja zarządu", "board"),
            ("sposób powoływania zarządu", "board-appointment"),
            ("obowiązki i uprawnienia zarządu", "board-powers"),
        )
    ],
    ("statut-fundacji", "ustawa-o-fundacjach", "art. 2 ust. 2", "siedziba w Polsce", "seat"),
    (
        "oswiadczenie-fundatora",
        "ustawa-o-fundacjach",
        "art. 3 ust. 1",
        "akt notarialny",
        "notarial-form",
    ),
    ("oswiadczenie-fundatora", "ustawa-o-fundacjach", "art. 3 ust. 2", "cel fundacji", "goal"),
    (
        "oswiadczenie-fundatora",
        "ustawa-o-fundacjach",
        "art. 3 ust. 2",
        "składniki majątkowe",
        "assets",
    ),
    # Prawo spółdzielcze, art. 5 § 1; ustawa o spółdzielniach socjalnych, art. 2 and 3
    *[
        ("statut-spoldzielni-socjalnej", "prawo-spoldzielcze", f"art. 5 § 1 pkt {pkt}", e, c)
        for pkt, e, c in (
            ("1", "nazwa z dodatkiem spółdzielnia i siedziba", "name-and-seat"),
            ("2", "przedmiot działalności i czas trwania", "object"),
            ("3", "wpisowe i udziały", "fees-and-shares"),
            ("4", "prawa i obowiązki członków", "rights"),
            ("5", "przyjmowanie, wypowiadanie, wykluczanie członków", "membership"),
            ("6", "walne zgromadzenie", "general-meeting"),
            ("7", "wybór i odwoływanie organów", "bodies"),
            ("8", "podział nadwyżki i pokrywanie strat", "surplus"),
        )
    ],
    (
        "statut-spoldzielni-socjalnej",
        "ustawa-o-spoldzielniach-socjalnych",
        "art. 3",
        "nazwa „spółdzielnia socjalna”",
        "name-and-seat",
    ),
    (
        "statut-spoldzielni-socjalnej",
        "ustawa-o-spoldzielniach-socjalnych",
        "art. 2",
        "wspólne przedsiębiorstwo",
        "object",
    ),
    # Ustawa o działalności pożytku publicznego i o wolontariacie, art. 44
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 44 ust. 1",
        "zakres świadczeń",
        "scope",
    ),
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 44 ust. 1",
        "sposób i czas",
        "manner-and-time",
    ),
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 44 ust. 1",
        "możliwość rozwiązania",
        "termination",
    ),
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 44 ust. 4",
        "forma pisemna ponad 30 dni",
        "written-form",
    ),
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 45 ust. 1",
        "obowiązki korzystającego",
        "host-duties",
    ),
    (
        "porozumienie-wolontariackie",
        "ustawa-o-pozytku",
        "art. 46 ust. 3",
        "ubezpieczenie NNW do 30 dni",
        "insurance",
    ),
    # Ustawa o zatrudnieniu socjalnym: KIS (art. 18, 18a) and CIS (art. 3 ust. 2, art. 4 ust. 2)
    (
        "lista-kontrolna-kis",
        "ustawa-o-zatrudnieniu-socjalnym",
        "art. 18 ust. 1",
        "kto prowadzi KIS",
        "who",
    ),
    (
        "lista-kontrolna-kis",
        "ustawa-o-zatrudnieniu-socjalnym",
        "art. 18a ust. 2",
        "wpis do rejestru wojewody",
        "registration",
    ),
    (
        "lista-kontrolna-kis",
        "ustawa-o-zatrudnieniu-socjalnym",
        "art. 18a ust. 6",
        "sprawozdanie do 31 marca",
        "report",
    ),
    (
        "lista-kontrolna-cis",
        "ustawa-o-zatrudnieniu-socjalnym",
        "art. 3 ust. 2",
        "kto tworzy CIS",
        "founder",
    ),
    (
        "lista-kontrolna-cis",
        "ustawa-o-zatrudnieniu-socjalnym",
        "art. 4 ust. 2",
        "wniosek o status",
        "application",
    ),
    # Ustawa o rehabilitacji, art. 29 ust. 1 (ZAZ)
    (
        "lista-kontrolna-zaz",
        "ustawa-o-rehabilitacji",
        "art. 29 ust. 1",
        "kto tworzy ZAZ",
        "founder",
    ),
    (
        "lista-kontrolna-zaz",
        "ustawa-o-rehabilitacji",
        "art. 29 ust. 1",
        "opinia starosty",
        "starosta",
    ),
    # Ustawa o spółdzielniach socjalnych, art. 4–5 (founders); ustawa o KGW, art. 4
    (
        "protokol-zebrania-zalozycielskiego-spoldzielni",
        "ustawa-o-spoldzielniach-socjalnych",
        "art. 5",
        "liczba założycieli",
        "founders-status",
    ),
    ("statut-kgw", "ustawa-o-kgw", "art. 4 ust. 3", "członkowie pełnoletni", "membership"),
    ("statut-kgw", "ustawa-o-kgw", "art. 4 ust. 4", "udział osób od 13 lat", "membership"),
    ("lista-kontrolna-arimr", "ustawa-o-kgw", "art. 4 ust. 1", "jedno koło we wsi", "village"),
    # Kodeks spółek handlowych, art. 157; non-profit conditions of the public benefit act
    ("lista-kontrolna-spolki", "ksh", "art. 157 § 1", "firma i siedziba", "name-and-seat"),
    ("lista-kontrolna-spolki", "ksh", "art. 157 § 1", "przedmiot działalności", "object"),
    ("lista-kontrolna-spolki", "ksh", "art. 157 § 1", "kapitał i udziały", "capital"),
    ("lista-kontrolna-spolki", "ksh", "art. 157 § 2", "akt notarialny", "notary"),
    (
        "lista-kontrolna-spolki",
        "ustawa-o-pozytku",
        "art. 3 ust. 3 pkt 4",
        "warunki non-profit",
        "non-profit",
    ),
    (
        "uchwala-o-zalozeniu-stowarzyszenia-zwyklego",
        "prawo-o-stowarzyszeniach",
        "art. 40 ust. 2",
        "uchwalenie regulaminu",
        "resolution-rules",
    ),
    (
        "uchwala-o-zalozeniu-stowarzyszenia-zwyklego",
        "prawo-o-stowarzyszeniach",
        "art. 40 ust. 2",
        "wybór przedstawiciela albo zarządu",
        "resolution-representative",
    ),
]

AGREED_IDS = {
    "regulamin-stowarzyszenia-zwyklego",
    "uchwala-o-zalozeniu-stowarzyszenia-zwyklego",
    "lista-zalozycieli",
    "statut-stowarzyszenia",
    "protokol-zebrania-zalozycielskiego",
    "statut-fundacji",
    "oswiadczenie-fundatora",
    "statut-kgw",
    "lista-kontrolna-arimr",
    "statut-spoldzielni-socjalnej",
    "protokol-zebrania-zalozycielskiego-spoldzielni",
    "porozumienie-grupy",
    "umowa-patronacka",
    "porozumienie-wolontariackie",
    "lista-kontrolna-kis",
    "lista-kontrolna-cis",
    "lista-kontrolna-zaz",
    "lista-kontrolna-spolki",
}


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _pairs(kb: KnowledgeBase) -> list[tuple[str, str]]:
    return [(fid, d.id) for d in kb.documents.values() for fid in d.forms]


KB = load_knowledge()
PAIRS = _pairs(KB)


def test_document_ids_are_the_agreed_ones(kb):
    assert set(kb.documents) == AGREED_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_form_has_drafts_or_a_checklist(kb, form_id):
    assert drafts_for(kb, form_id), f"{form_id} has no document"


@pytest.mark.parametrize("doc_id", ["statut-fundacji", "oswiadczenie-fundatora"])
def test_foundation_business_clause_and_fund_follow_planned_sales(kb, doc_id):
    def business(profile: dict[str, Any]) -> Any:
        draft = render_draft(kb, doc_id, profile, "pl", TODAY, form_id="fundacja")
        found = [c for c in draft.clauses if c.id in ("business", "business-fund")]
        return (found[0], draft) if found else (None, draft)

    clause, draft = business({"funding": ["sales"]})
    assert clause is not None and clause.optional is None
    assert "1 000" in clause.text
    assert any("art. 5 ust. 5" in draft.notes[n - 1] for n in clause.notes)
    clause, _ = business({"economic_activity": False, "funding": ["donations"]})
    assert clause is None
    clause, _ = business({})
    assert clause is not None and clause.optional  # unknown: kept, marked as optional


@pytest.mark.parametrize(("doc_id", "act", "ref", "element", "clause_id"), REQUIRED)
def test_required_element_is_present(kb, doc_id, act, ref, element, clause_id):
    template = kb.documents[doc_id]
    clause = next((c for c in template.clauses if c.id == clause_id), None)
    assert clause is not None, f"{doc_id}: no clause for {element} ({ref})"
    assert (act, ref) in {(p.act, p.ref) for p in clause.required_by}, (
        f"{doc_id}.{clause_id} must cite {ref} for {element}"
    )
    assert clause.when is None, f"a required element ({element}) cannot depend on the answers"
    for form_id in template.forms:
        if clause.forms and form_id not in clause.forms:
            continue
        for profile in ({}, FULL):
            draft = render_draft(kb, doc_id, profile, "pl", TODAY, form_id=form_id)
            rendered = next(c for c in draft.clauses if c.id == clause_id)
            notes = [draft.notes[n - 1] for n in rendered.notes]
            assert any(n.startswith(f"{ref} — ") for n in notes), notes
            assert not rendered.suggestion


@pytest.mark.parametrize(("form_id", "doc_id"), PAIRS)
def test_every_clause_is_required_or_a_suggestion(kb, form_id, doc_id):
    draft = render_draft(kb, doc_id, FULL, "en", TODAY, form_id=form_id)
    for clause in draft.clauses:
        assert bool(clause.notes) != clause.suggestion, clause.id
        for n in clause.notes:
            assert 1 <= n <= len(draft.notes)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_drafts_for_lists_the_forms_templates(kb, form_id):
    found = drafts_for(kb, form_id)
    assert all(form_id in d.forms for d in found)
    assert [d.kind for d in found] == sorted((d.kind for d in found), key=lambda k: k != "draft")


@pytest.mark.parametrize(("form_id", "doc_id"), PAIRS)
def test_docx_opens_and_holds_the_goals_in_words(kb, form_id, doc_id):
    draft = render_draft(kb, doc_id, FULL, "pl", TODAY, form_id=form_id)
    text = _docx_text(draft_docx(draft))
    assert draft.title in text
    assert "nie porada prawna" in text
    assert TODAY.isoformat() in text
    if "goals" in draft.filled:
        label = kb.vocabulary[("goals", "culture_education")].label.pl.lower()
        assert label in text.lower()


def test_goals_reach_the_statute_when_a_template_uses_them(kb):
    uses = [d.id for d in kb.documents.values() if any("{goals}" in c.text.pl for c in d.clauses)]
    assert "regulamin-stowarzyszenia-zwyklego" in uses


@pytest.mark.parametrize(("form_id", "doc_id"), PAIRS)
def test_markdown_and_docx_hold_the_same_clauses(kb, form_id, doc_id):
    draft = render_draft(kb, doc_id, FULL, "pl", TODAY, form_id=form_id)
    md = draft_markdown(draft)
    text = _docx_text(draft_docx(draft))
    for clause in draft.clauses:
        for piece in (clause.text, *clause.items, *(clause.heading or "",)):
            assert piece in md, piece
            assert piece in text, piece
    for note in draft.notes:
        assert note in md and note in text


@pytest.mark.parametrize(("form_id", "doc_id"), PAIRS)
def test_missing_answers_leave_placeholders_and_nothing_is_invented(kb, form_id, doc_id):
    template = kb.documents[doc_id]
    for lang in ("pl", "en"):
        draft = render_draft(kb, doc_id, {}, lang, TODAY, form_id=form_id)
        # With no answers, only the product's constants are filled in ...
        assert set(draft.filled) <= {p.id for p in kb.placeholders.values() if p.value}
        # ... every other placeholder shows as "[label]" ...
        for name in draft.missing:
            label = kb.placeholders[name].label.get(lang)
            assert f"[{label}]" in draft_markdown(draft)
        # ... and each clause is its template text with only those substitutions.
        by_id = {c.id: c for c in template.clauses}
        for clause in draft.clauses:
            source = by_id[clause.id].text.get(lang)
            expected = "".join(
                lit
                + (
                    ""
                    if name is None
                    else (
                        draft.filled[name]
                        if name in draft.filled
                        else f"[{kb.placeholders[name].label.get(lang)}]"
                    )
                )
                for lit, name, _, _ in string.Formatter().parse(source)
            )
            assert clause.text == expected


@pytest.mark.parametrize(("form_id", "doc_id"), PAIRS)
def test_filled_values_come_only_from_answers_constants_or_given_text(kb, form_id, doc_id):
    draft = render_draft(kb, doc_id, FULL, "pl", TODAY, form_id=form_id)
    for name in draft.filled:
        ph = kb.placeholders[name]
        assert ph.value is not None or ph.field in FULL, name
    given = render_draft(kb, doc_id, FULL, "pl", TODAY, form_id=form_id, values={"seat": "Obory"})
    assert given.filled.get("seat", "Obory") == "Obory"
    assert set(given.filled) - set(draft.filled) <= {"seat"}


def test_answers_fill_founders_goals_and_governance(kb):
    draft = render_draft(kb, "uchwala-o-zalozeniu-stowarzyszenia-zwyklego", FULL, "pl", TODAY)
    assert draft.filled["founders"] == "12"
    assert "founders" not in draft.missing
    reg = render_draft(kb, "regulamin-stowarzyszenia-zwyklego", FULL, "en", TODAY)
    assert "neighbourhood life and the local community" in reg.filled["goals"]
    assert "all members decide" in reg.filled["decisions"]
    undecided = render_draft(
        kb, "regulamin-stowarzyszenia-zwyklego", {**FULL, "governance": "any"}, "en", TODAY
    )
    assert "decisions" in undecided.missing


def test_founders_table_has_a_row_per_founder_and_no_data(kb):
    draft = render_draft(kb, "lista-zalozycieli", {"founders": 23}, "pl", TODAY)
    table = next(c.table for c in draft.clauses if c.table is not None)
    assert table.rows == 23
    small = render_draft(kb, "lista-zalozycieli", {"founders": 2}, "pl", TODAY)
    assert next(c.table for c in small.clauses if c.table).rows == 10
    document = docx.Document(io.BytesIO(draft_docx(draft)))
    rows = document.tables[0].rows
    assert len(rows) == 24
    assert all(cell.text == "" for row in rows[1:] for cell in row.cells[1:])


def test_clause_limited_to_a_form_shows_only_there(kb):
    def ids(form_id: str) -> set[str]:
        draft = render_draft(kb, "lista-zalozycieli", {}, "pl", TODAY, form_id=form_id)
        return {c.id for c in draft.clauses}

    assert "krs-list" in ids("stowarzyszenie")
    assert "krs-list" not in ids("stowarzyszenie-zwykle")
    unknown_form = render_draft(kb, "lista-zalozycieli", {}, "pl", TODAY)
    clause = next(c for c in unknown_form.clauses if c.id == "krs-list")
    assert clause.optional and kb.form_name("stowarzyszenie", "pl") in clause.optional


@pytest.mark.parametrize(
    "name",
    [
        "\x00\x01\x1fKoło\x0b\ufffe \ud800" + "<b>&amp;</b>",
        "Ż" * 10_000,
        "\u202eRTL\u202c {goals} {0} [x](http://e.example) # *",
        "",
    ],
)
def test_odd_names_are_cleaned_and_never_crash(kb, name):
    draft = render_draft(
        kb, "regulamin-stowarzyszenia-zwyklego", FULL, "pl", TODAY, values={"name": name}
    )
    value = draft.filled.get("name", "")
    assert len(value) <= 200
    assert not any(ch in value for ch in "\x00\x01\x0b\ufffe\u202e<>{}[]")
    text = _docx_text(draft_docx(draft))
    assert draft.title in text
    md = draft_markdown(draft)
    assert "{goals}" not in md


def test_unknown_document_and_wrong_form_are_clear_errors(kb):
    with pytest.raises(UnknownDocument):
        render_draft(kb, "no-such-document", {}, "pl", TODAY)
    with pytest.raises(UnknownDocument):
        render_draft(kb, "lista-zalozycieli", {}, "pl", TODAY, form_id="fundacja")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_any_valid_profile_renders_every_template(profile):
    for doc_id in KB.documents:
        draft = render_draft(KB, doc_id, profile, "pl", TODAY)
        md = draft_markdown(draft)
        assert draft.title in md
        for name in placeholder_names(md):
            raise AssertionError(f"unfilled brace {{{name}}} in {doc_id}")


def test_header_states_draft_not_advice_and_law_date(kb):
    draft = render_draft(kb, "regulamin-stowarzyszenia-zwyklego", {}, "en", TODAY)
    assert "not legal advice" in draft.notice[0]
    law = getattr(kb, "law_as_of", None) or kb.last_checked
    assert law.isoformat() in draft.notice[1]


# -- check rejects broken templates -------------------------------------------------------------


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    return [str(p) for p in err.value.problems]


def test_check_rejects_an_unknown_act(kdir):
    path = kdir / "documents" / "regulamin-stowarzyszenia-zwyklego.yaml"
    _edit(path, lambda d: d["clauses"][0]["required_by"][0].update(act="ustawa-o-niczym"))
    assert any("unknown act 'ustawa-o-niczym'" in p for p in _problems(kdir))


def test_check_rejects_an_unknown_form(kdir):
    path = kdir / "documents" / "lista-zalozycieli.yaml"
    _edit(path, lambda d: d["forms"].append("spolka-akcyjna"))
    assert any("forms[3]: unknown form 'spolka-akcyjna'" in p for p in _problems(kdir))


def test_check_rejects_an_unknown_placeholder(kdir):
    path = kdir / "documents" / "regulamin-stowarzyszenia-zwyklego.yaml"
    _edit(path, lambda d: d["clauses"][0]["text"].update(pl="Nazwa: {nazwisko_prezesa}"))
    assert any("unknown placeholder {nazwisko_prezesa}" in p for p in _problems(kdir))


def test_check_rejects_a_clause_neither_required_nor_suggested(kdir):
    path = kdir / "documents" / "regulamin-stowarzyszenia-zwyklego.yaml"
    _edit(path, lambda d: d["clauses"][1].pop("required_by"))
    assert any("clauses[1]" in p and "suggestion: true" in p for p in _problems(kdir))


def test_check_rejects_id_differing_from_file_name(kdir):
    path = kdir / "documents" / "lista-zalozycieli.yaml"
    _edit(path, lambda d: d.update(id="lista"))
    assert any("differs from the file name" in p for p in _problems(kdir))


# -- command line ---------------------------------------------------------------------------------


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recommender", "draft", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_writes_markdown_and_docx(tmp_path):
    profile = json.dumps(FULL)
    res = _run(
        "--form", "stowarzyszenie-zwykle", "--doc", "regulamin-stowarzyszenia-zwyklego",
        "--profile", "-", stdin=profile,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "gmina Konstancin-Jeziorna" in res.stdout
    out = tmp_path / "r.docx"
    res = _run(
        "--form", "stowarzyszenie-zwykle", "--doc", "regulamin-stowarzyszenia-zwyklego",
        "--profile", "-", "--format", "docx", "--out", str(out), "--name", "Nasz Mirków",
        stdin=profile,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "Nasz Mirków" in _docx_text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--form", "fundacja", "--doc", "x", "--format", "docx"), "--out"),
        (("--form", "nope", "--doc", "lista-zalozycieli"), "unknown form"),
        (("--form", "fundacja", "--doc", "lista-zalozycieli"), "not one of the drafts"),
        (("--form", "kgw", "--doc", "missing-doc"), "unknown document"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(args, fragment):
    res = _run(*args, "--profile", "-", stdin="{}")
    assert res.returncode == 2
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_cli_rejects_a_bad_profile():
    res = _run("--form", "kgw", "--doc", "lista-zalozycieli", "--profile", "-", stdin='{"x": 1}')
    assert res.returncode == 2 and "x: unknown field" in res.stderr
