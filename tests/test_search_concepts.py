"""Everyday words as knowledge (knowledge/concepts.yaml): validation, morphology, question kinds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from recommender.concepts import QUESTION_TYPES, SUGGEST_FIELDS
from recommender.loading import KnowledgeBase, KnowledgeError, load_knowledge
from recommender.morphology import Analyzer, normalise, stem
from recommender.profile import FIELDS
from recommender.search import index_for
from tests.conftest import ROOT

KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def edit(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(kdir: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    return [str(p) for p in err.value.problems]


# -- the file -------------------------------------------------------------------------------


def test_concepts_are_loaded(kb: KnowledgeBase) -> None:
    assert len(kb.concepts.concepts) >= 20
    assert {q.id for q in kb.concepts.question_types} == set(QUESTION_TYPES)


@pytest.mark.parametrize(
    "concept", [c.id for c in load_knowledge().concepts.concepts], ids=lambda c: c
)
def test_each_concept_is_usable(kb: KnowledgeBase, concept: str) -> None:
    c = next(x for x in kb.concepts.concepts if x.id == concept)
    assert c.words.pl, f"{concept}: no Polish words"
    for field, values in c.suggests.items():
        assert field in SUGGEST_FIELDS
        assert set(values) <= set(FIELDS[field].values)
    # every word can be turned into at least one term
    analyzer = index_for(kb).langs["pl"].vocab.analyzer
    for phrase in c.words.pl:
        assert analyzer.terms(phrase), f"{concept}: {phrase!r} has no words"


def test_check_reports_an_unknown_value(kdir: Path) -> None:
    edit(kdir / "concepts.yaml", lambda d: d["concepts"][0].update(suggests={"goals": ["golf"]}))
    found = problems(kdir)
    assert any(
        p.startswith(f"{kdir / 'concepts.yaml'}: concepts[0].suggests.goals[0]") and "golf" in p
        for p in found
    ), found


def test_check_reports_an_unknown_field_and_duplicate_id(kdir: Path) -> None:
    def change(d: Any) -> None:
        d["concepts"][1]["id"] = d["concepts"][0]["id"]
        d["concepts"][2]["rules_out"] = {"colour": ["red"]}

    edit(kdir / "concepts.yaml", change)
    found = "\n".join(problems(kdir))
    assert "concepts[1]: duplicate concept id" in found
    assert "concepts[2].rules_out: unknown field 'colour'" in found


def test_check_reports_a_value_both_suggested_and_ruled_out(kdir: Path) -> None:
    def change(d: Any) -> None:
        d["concepts"][0]["suggests"] = {"goals": ["sport_recreation"]}
        d["concepts"][0]["rules_out"] = {"goals": ["sport_recreation"]}

    edit(kdir / "concepts.yaml", change)
    assert any("both suggested and ruled out" in p for p in problems(kdir))


def test_check_reports_a_bad_question_type(kdir: Path) -> None:
    def change(d: Any) -> None:
        d["question_types"][0]["id"] = "gossip"
        d["question_types"][1]["prefer"] = ["rumours"]

    edit(kdir / "concepts.yaml", change)
    found = "\n".join(problems(kdir))
    assert "question_types[0].id: unknown question type 'gossip'" in found
    assert "question_types[1].prefer[0]: unknown answer kind 'rumours'" in found


def test_check_reports_unknown_keys_and_yaml_errors(kdir: Path) -> None:
    (kdir / "concepts.yaml").write_text("concepts:\n  - id: x\n    colour: red\n", "utf-8")
    assert any("concepts.yaml: concepts[0]" in p for p in problems(kdir))
    (kdir / "concepts.yaml").write_text("concepts: [\n", "utf-8")
    assert any("invalid YAML" in p for p in problems(kdir))


def test_without_the_file_there_are_no_concepts(kdir: Path) -> None:
    (kdir / "concepts.yaml").unlink()
    kb = load_knowledge(kdir)
    assert kb.concepts.concepts == ()


# -- morphology -----------------------------------------------------------------------------


def test_lemmas_join_inflected_forms_with_and_without_polish_letters(kb: KnowledgeBase) -> None:
    a = index_for(kb).langs["pl"].vocab.analyzer
    for one, other in [
        ("pieniędzy", "pieniądze"),
        ("pieniedzy", "pieniądz"),
        ("dzieciom", "dziecko"),
        ("ubogich", "ubodzy"),
        ("stowarzyszeniu", "stowarzyszenia"),
        ("fundacje", "fundacji"),
    ]:
        assert set(a.terms(one)) & set(a.terms(other)), (one, other)


def test_years_meet_in_every_form_of_rok(kb: KnowledgeBase) -> None:
    """'lata' is years (or summer) here, not 'latać': 'ile lat' meets 'co najmniej 2 lata'."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for form in ("lata", "lat", "latach", "rok"):
        assert "rok" in a.terms(form), form
    assert "latac" not in a.terms("lata")
    assert "lato" in a.terms("lata") and "lato" in a.terms("latem")


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("klub", ("klub", "klubu", "kluby", "klubami", "klubach", "klubom")),
        ("senior", ("senior", "seniora", "seniorzy", "seniorami", "seniorach", "seniorom")),
        ("szlak", ("szlak", "szlaki", "szlakami")),
        ("dach", ("dach", "dachy", "dachach")),
        ("bon", ("bon", "bony")),
        ("pomiar", ("pomiar", "pomiary", "pomiarach")),
    ],
)
def test_plurals_meet_their_noun_not_a_rare_homograph(
    kb: KnowledgeBase, lemma: str, forms: tuple[str, ...]
) -> None:
    """'kluby' is not the nautical 'kluba', 'dachy' not 'dacha', 'bony' not 'bona': 'kluby
    seniora' meets 'klub seniora'."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for form in forms:
        assert lemma in a.terms(form), form


def test_a_sick_mother_is_no_choir(kb: KnowledgeBase) -> None:
    """'chorą', 'chorej' (sick) are not the stem of 'chóru' (a choir) once the accents go."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for form in ("chora", "chorej", "chorzy", "chorych"):
        assert "chory" in a.terms(form) and not set(a.terms(form)) & set(a.terms("choru")), form


def test_every_form_of_starszy_meets_the_others_not_stary(kb: KnowledgeBase) -> None:
    """'starsze osoby' and 'osób starszych' (elderly people) meet; 'starych koni' (old
    horses) is not elderly."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for form in ("starsze", "starsi", "starszych", "starszym", "starszej", "starsza"):
        assert "starszy" in a.terms(form), form
    assert "starszy" not in a.terms("starych") and "starszy" not in a.terms("stare")


def test_an_acronym_declined_without_its_hyphen_is_the_acronym(kb: KnowledgeBase) -> None:
    """People write "do krsu", "w krsie", "z zusem": the endings of a declined acronym."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for form, acronym in [("krsu", "krs"), ("krsie", "krs"), ("zusem", "zus"), ("pfronu", "pfron")]:
        assert a.terms(form) == a.terms(acronym) == [acronym], form
    # a word the dictionary knows keeps its own lemma ("cisu" is the yew tree's genitive, too)
    assert a.terms("ubogich") == a.terms("ubodzy")


def test_common_spelling_slips_read_as_the_word_meant(kb: KnowledgeBase) -> None:
    """'rz' for 'ż' and back, 'u' for 'ó', 'h' for 'ch' and back and 'j' for 'i' before a
    vowel: "załorzyć stowazyszenie dla senjorów" is "założyć stowarzyszenie dla seniorów"."""
    a = index_for(kb).langs["pl"].vocab.analyzer
    for slip, meant in [
        ("załorzyć", "założyć"),
        ("stowazyszenie", "stowarzyszenie"),
        ("senjorów", "seniorów"),
        ("młodzierzy", "młodzieży"),
        ("ktury", "który"),
        ("alkocholików", "alkoholików"),
        ("wolontarjusz", "wolontariusz"),
    ]:
        assert a.terms(slip) == a.terms(meant), slip
    # a word of its own is never taken for a slip: the sea ("morze") is not "może"
    assert a.terms("morze") != a.terms("może")
    assert a.terms("lód") != a.terms("lud")
    # the ending "-ch" is grammar: "dzieciah" is no slip people make
    assert "dzieciah" not in a.lexicon


def test_an_idea_with_spelling_slips_finds_its_group(kb: KnowledgeBase) -> None:
    from recommender.suggest import suggest

    seniors = [c.value for c in suggest(kb, "chór dla senjorów").target_groups]
    assert seniors[:1] == ["seniors"]
    youth = [c.value for c in suggest(kb, "świetlica dla młodzierzy z osiedla").target_groups]
    assert "children_youth" in youth


def test_unknown_words_are_stemmed_on_both_sides() -> None:
    a = Analyzer("pl", {})
    assert a.terms("rejestracji") == a.terms("rejestracja")
    assert stem("foundations", "en") == stem("foundation", "en")


def test_normalise_strips_everything_but_letters_and_digits() -> None:
    assert normalise("Ćma 🦋 żółw — 1,5%") == "cma zolw 1 5"
    # the knowledge base is written in the Latin script: other scripts carry nothing to match
    assert normalise("Привет мир KRS") == "krs"


# -- what a query is ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("co to jest KRS", "definition"),
        ("czym jest OPP?", "definition"),
        ("what is a foundation", "definition"),
        ("ile kosztuje zalozenie fundacji", "cost"),
        ("ile trwa rejestracja", "time"),
        ("jak dostac 1,5 procent", "howto"),
        ("jak zarejestrowac stowarzyszenie zwykle", "howto"),
        ("gdzie zarejestrowac stowarzyszenie zwykle", "where"),
        ("do kogo zglosic zbiorke publiczna", "where"),
        ("where do we register an association", "where"),
        ("skad wziac kase na dzialalnosc grupy", "money"),
        ("skąd wziąć pieniądze na festyn", "money"),
        ("kto daje granty na kulture", "money"),
        # "skąd wziąć", "kto da" ask where money comes from only beside a word of money
        ("skąd wziąć NIP i REGON dla koła gospodyń?", None),
        ("skad wziac wolontariuszy do schroniska", None),
        ("kto da nam sale na probe chorku", None),
        ("where can we find grants for a youth project", "money"),
        ("zamiast fundacji lepiej stowarzyszenie?", "comparison"),
        ("ktora forma daje osobowosc prawna", "comparison"),
        ("jakie dokumenty sa potrzebne do rejestracji fundacji", "documents"),
        ("what documents do we need to register", "documents"),
        # a form's name alone asks what the form is
        ("stowarzyszenie zwykłe", "definition"),
        ("statut i zarząd", None),
    ],
)
def test_question_kind(kb: KnowledgeBase, query: str, kind: str | None) -> None:
    lang = "en" if query.startswith(("what", "where")) else "pl"
    assert index_for(kb).analyse(query, lang).question_type == kind


@pytest.mark.parametrize(
    ("query", "lang", "form"),
    [
        ("co to jest spółdzielnia socjalna", "pl", "spoldzielnia-socjalna"),
        ("czym jest fundacja", "pl", "fundacja"),
        ("what is a social cooperative", "en", "spoldzielnia-socjalna"),
        ("stowarzyszenie zwykle", "pl", "stowarzyszenie-zwykle"),
    ],
)
def test_what_is_a_form_answers_with_the_form_itself(
    kb: KnowledgeBase, query: str, lang: str, form: str
) -> None:
    """The form's own description comes before the questions people ask about it."""
    index = index_for(kb)
    assert index.analyse(query, lang).names_only
    assert index.search(query, lang, limit=1)[0].doc.id == f"form:{form}"


def test_a_comparison_or_a_question_about_a_part_is_not_about_the_form_itself(
    kb: KnowledgeBase,
) -> None:
    index = index_for(kb)
    assert not index.analyse("czym się różni fundacja od stowarzyszenia", "pl").names_only
    assert not index.analyse("co to jest fundacja rodzinna", "pl").names_only
    assert index.search("co to jest fundacja rodzinna", "pl", limit=1)[0].doc.id != (
        "form:fundacja"
    )


def test_a_named_status_puts_the_items_about_it_first(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    about = index.langs["pl"].extra["doc_statuses"]
    ids = [d.id for d in index.docs]
    assert "opp" in about[ids.index("fundacja:fact:opp_eligible")]
    assert "opp" in about[ids.index("status:opp:duties:0")]
    assert "opp" not in about[ids.index("fundacja:fact:registration_cost")]
    query = index.analyse("ile lat trzeba dzialac zeby zostac opp", "pl")
    assert "opp" in query.statuses

    def share(doc_id: str) -> float:
        i = ids.index(doc_id)
        return index._unnamed_share(index.docs[i], query, about[i])

    assert share("fundacja:fact:opp_eligible") == 1.0
    assert share("faq:ile-osob-fundacja") < 1.0


def test_a_documents_question_puts_the_drafts_first(kb: KnowledgeBase) -> None:
    top = index_for(kb).search("jakie dokumenty do rejestracji fundacji", "pl", limit=3)
    assert any(r.doc.type == "document" or r.doc.type == "step" for r in top)


def test_question_words_are_not_compared_with_the_items(kb: KnowledgeBase) -> None:
    q = index_for(kb).analyse("co to jest KRS", "pl")
    assert q.content == "krs"


def test_a_concept_adds_the_knowledge_base_words(kb: KnowledgeBase) -> None:
    q = index_for(kb).analyse("kasa na festyn", "pl")
    assert {"money", "local-event"} <= set(q.concepts)
    assert any("mikrogrant" in group or "grant" in group for group in q.synonyms)


def test_a_longer_phrase_of_another_concept_wins(kb: KnowledgeBase) -> None:
    q = index_for(kb).analyse("walczymy o ścieżki rowerowe", "pl")
    assert "advocacy" in q.concepts and "sport" not in q.concepts


def test_check_reports_a_bare_number_and_an_unknown_preferred_answer(kdir: Path) -> None:
    def change(d: Any) -> None:
        d["concepts"][0]["words"]["pl"].append("1%")  # compared as "1": any number one
        d["concepts"][1]["prefer"] = ["rumours"]

    edit(kdir / "concepts.yaml", change)
    found = "\n".join(problems(kdir))
    assert "only a number once normalised: '1%'" in found
    assert "concepts[1].prefer[0]: unknown answer kind 'rumours'" in found


def test_vague_phrases_need_a_concept_of_their_kind(kb: KnowledgeBase) -> None:
    from recommender.search import compile_question_types, question_type

    types = compile_question_types(kb.concepts, "pl")
    money = next(t for t in types if t.id == "money")
    assert ("skad", "wziac") in money.vague and money.vague_needs == "funding"
    words = ("skad", "wziac", "nip")
    # without a concept preferring funding the vague phrase says no kind; with one it does;
    # with nothing known (``None``) it is read as before
    assert question_type(types, words, frozenset())[0] is None
    assert question_type(types, words, frozenset({"funding"}))[0] is money
    assert question_type(types, words)[0] is money


def test_a_number_alone_is_not_the_tax_percent(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    assert "tax-percent" not in index.analyse("zarząd to 1 osoba", "pl").concepts
    assert "tax-percent" in index.analyse("jak dostać 1% podatku", "pl").concepts
    assert "tax-percent" in index.analyse("jak dostac 1,5%", "pl").concepts


def test_a_money_word_puts_funding_routes_first_unless_the_question_says_otherwise(
    kb: KnowledgeBase,
) -> None:
    index = index_for(kb)
    money = index.analyse("hajs dla grupy sąsiedzkiej", "pl")
    assert "funding" in money.prefer and money.question_type is None
    top = index.search("hajs dla grupy sąsiedzkiej", "pl")[:3]
    assert any(r.doc.kind == "funding" for r in top), [r.doc.id for r in top]
    # "co to jest" asks for a definition: the glossary comes first even with a money word
    first = index.search("co to jest regranting", "pl")[0]
    assert first.doc.kind == "glossary", first.doc.id


def test_everyday_words_for_the_facts_of_a_form(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    for query, expected in [
        ("kto pilnuje fundacji", {"fundacja:fact:supervision"}),
        ("ile osob w zarzadzie stowarzyszenia", {"stowarzyszenie:fact:governing_bodies"}),
        ("kto doradzi przy zakladaniu spoldzielni", {"contact:owes-piaseczno", "faq:owes"}),
    ]:
        ids = [r.doc.id for r in index.search(query, "pl")[:3]]
        assert expected & set(ids), (query, ids)


def test_a_room_lent_for_free_finds_the_loan_for_use(kb: KnowledgeBase) -> None:
    # "ksiądz da salkę": the agreement for a room used without rent is a loan for use
    ids = [r.doc.id for r in index_for(kb).search("ksiadz da nam salke, czy trzeba umowy", "pl")]
    assert "faq:darmowy-lokal-podatek" in ids[:3], ids


def test_paying_someone_in_cash_is_about_pay_not_funding(kb: KnowledgeBase) -> None:
    # "cash" alone asks for money; paying a coach in cash asks how to pay people
    q = index_for(kb).analyse("we pay our coach in cash every month, is that ok", "en")
    assert "pay" in q.concepts
    assert "money" not in q.concepts
    assert "funding" not in q.prefer


def test_one_concept_with_several_phrases_does_not_swallow_another(kb: KnowledgeBase) -> None:
    # "pracę znajdą" and "zatrudnienia" are both the employment concept; "zatrudnienia" is also
    # work for excluded people, which must survive (only a longer single phrase wins)
    q = index_for(kb).analyse("pracę znajdą osoby długo bez zatrudnienia", "pl")
    assert {"employment", "jobs"} <= set(q.concepts)


def test_where_people_live_is_not_a_goal(kb: KnowledgeBase) -> None:
    from recommender.suggest import suggest

    goals = [c.value for c in suggest(kb, "protest przeciwko zamknieciu szkoly w naszej wsi").goals]
    assert "advocacy" in goals and "rural_tradition" not in goals
    goals = [c.value for c in suggest(kb, "gospodynie z naszej wsi gotuja na dozynki").goals]
    assert "rural_tradition" in goals


def test_a_loose_typo_guess_is_no_evidence_and_short_words_match_by_lemma(
    kb: KnowledgeBase,
) -> None:
    index = index_for(kb)
    # "leczenie" is not a misspelt "orzeczenie" (disability), "chorych" is not "chór" (culture)
    q = index.analyse("zbieramy pieniadze na leczenie chorych dzieci", "pl")
    assert "disability" not in q.concepts and "culture" not in q.concepts
    assert "social-help" in q.concepts
    # a close misspelling still counts
    assert "seniors" in index.analyse("klub dla seniorw", "pl").concepts


def test_a_query_naming_two_forms_puts_items_about_both_first(kb: KnowledgeBase) -> None:
    top = index_for(kb).search("fundacja czy stowarzyszenie co lepsze", "pl")[0]
    assert {"fundacja", "stowarzyszenie"} <= set(top.doc.forms), top.doc.id


def test_duties_of_a_status_are_duties(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    duties = [d for d in index.docs if d.id.startswith("status:opp:duties:")]
    assert duties and all("duty" in d.tags for d in duties)
    ids = [r.doc.id for r in index.search("obowiazki organizacji pozytku publicznego", "pl")[:3]]
    assert any(i.startswith("status:opp:duties:") or i == "duty:opp-report" for i in ids), ids


def test_founding_capital_is_capital_not_registration(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    q = index.analyse("what is the founding capital of a foundation", "en")
    assert "capital" in q.concepts and "registration" not in q.concepts
    ids = [r.doc.id for r in index.search("what is the founding capital of a foundation", "en")]
    assert "glossary:fundusz-zalozycielski" in ids[:3], ids


def test_a_goal_phrase_does_not_hide_a_target_group_word(kb: KnowledgeBase) -> None:
    # "wsparcie dla rodziców" is helping people (a goal); "rodziców" is still families
    q = index_for(kb).analyse("wsparcie dla rodziców dzieci", "pl")
    assert {"social-help", "families"} <= set(q.concepts)


def test_one_word_asks_what_it_is(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    assert index.analyse("krs", "pl").question_type == "definition"
    for word, answers in [("krs", {"glossary:krs"}), ("opp", {"glossary:opp", "faq:opp"})]:
        assert index.search(word, "pl")[0].doc.id in answers


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("czy mozna zalozyc stowarzyszenie przez internet", "online"),
        ("chcemy zrobic festyn za miesiac", "soon"),
        ("can pensioners start a foundation", "who-can-found"),
        ("czy mozemy sobie placic za prace w stowarzyszeniu", "pay"),
        ("can we pay ourselves from the grant", "pay"),
        ("ktos nam chce przekazac 2000zl, jak to przyjac", "donations"),
    ],
)
def test_everyday_phrases_of_questions(kb: KnowledgeBase, query: str, concept: str) -> None:
    lang = "en" if query.startswith("can") else "pl"
    assert concept in index_for(kb).analyse(query, lang).concepts


def test_a_status_is_named_by_its_name_abbreviation_or_concept(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    assert index.analyse("warunki statusu opp", "pl").statuses == {"opp"}
    assert index.analyse("obowiazki organizacji pozytku publicznego", "pl").statuses == {"opp"}
    assert index.analyse("jak dostac 1,5 procent", "pl").statuses == {"opp"}  # via the concept
    assert "przedsiebiorstwo-spoleczne" in index.analyse("co daje status ps", "pl").statuses
    assert index.analyse("co musze robic co roku w stowarzyszeniu", "pl").statuses == set()


def test_a_status_s_duties_come_after_everyones_unless_it_is_named(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    plain = [r.doc.id for r in index.search("obowiązki co roku stowarzyszenie", "pl")[:3]]
    assert not any(i.startswith("status:") for i in plain), plain
    named = [r.doc.id for r in index.search("obowiązki OPP", "pl")[:3]]
    assert any(i.startswith("status:opp:duties") or i == "duty:opp-report" for i in named), named


def test_a_duty_of_a_status_s_holders_counts_as_that_status(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    report = next(d for d in index.docs if d.id == "duty:opp-report")
    assert report.holders_of == "opp"
    general = [r.doc.id for r in index.search("yearly duties of an association", "en")]
    assert "stowarzyszenie:step:yearly-duties" in general[:5], general
    # the OPP report, a duty of OPP holders only, comes after everyone's yearly duties (or not
    # at all)
    before = general[: general.index("stowarzyszenie:step:yearly-duties")]
    assert "duty:opp-report" not in before, general
    # the body that receives the report names the status ("NIW" keeps the OPP database)
    niw = [r.doc.id for r in index.search("kiedy sprawozdanie do niw", "pl")[:1]]
    assert niw == ["duty:opp-report"]


def test_a_step_after_founding_is_a_duty(kb: KnowledgeBase) -> None:
    step = next(d for d in index_for(kb).docs if d.id == "stowarzyszenie:step:yearly-duties")
    assert "duty" in step.tags
    assert step.heading.en == "duty after founding"


def test_a_function_word_matches_no_concept_through_a_shared_lemma(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    # "mamy" is mostly "we have" and "mają" "they have", though both share a lemma with "mama"
    assert "families" not in index.analyse("mamy juz sale i maja chetnych", "pl").concepts
    assert "families" in index.analyse("grupa mam z dziecmi", "pl").concepts
    assert "families" in index.analyse("pomoc dla mamy z malym dzieckiem", "pl").concepts


def test_a_short_stem_joins_nothing(kb: KnowledgeBase) -> None:
    # "marsze" and "Maria" share the stem "mar"; "prawo jazdy" is not "prawie"
    index = index_for(kb)
    assert "sport" not in index.analyse("maria chce pomagac", "pl").concepts
    assert "jobs" not in index.analyse("prawie skonczylismy", "pl").concepts
    assert "sport" in index.analyse("marsze z kijkami", "pl").concepts


def test_a_denied_form_is_not_the_form_asked_about(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    q = "czy da sie dostac mala kase na festyn bez zakladania fundacji"
    assert "fundacja" not in index.analyse(q, "pl").forms
    assert "fundacja" in index.analyse("ile kosztuje zalozenie fundacji", "pl").forms


def test_closing_down_in_everyday_words_finds_the_liquidation_answers(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    top = [r.doc.id for r in index.search("chcemy zakonczyc dzialalnosc stowarzyszenia", "pl")[:2]]
    assert "faq:likwidacja-stowarzyszenia" in top, top
    top = [r.doc.id for r in index.search("how do we wind up our foundation", "en")[:1]]
    assert top == ["faq:likwidacja-fundacji"]


@pytest.mark.parametrize(
    ("file", "list_key", "key", "value", "message"),
    [
        ("duties.yaml", "duties", "status", "no-such-status", "unknown status 'no-such-status'"),
        ("concepts.yaml", "concepts", "neutral", "sometimes", "neutral"),
        (
            "concepts.yaml",
            "concepts",
            "implies",
            {"target_groups": ["martians"]},
            "unknown value 'martians'",
        ),
    ],
)
def test_check_reports_a_bad_new_field(
    kdir: Path, file: str, list_key: str, key: str, value: Any, message: str
) -> None:
    def change(data: Any) -> None:
        data[list_key][0][key] = value

    edit(kdir / file, change)
    assert any(message in p for p in problems(kdir))


def test_check_reports_an_unknown_form_a_concept_points_to(kdir: Path) -> None:
    edit(kdir / "concepts.yaml", lambda d: d["concepts"][0].update(forms=["kibbutz"]))
    assert any("concepts[0].forms[0]: unknown form 'kibbutz'" in p for p in problems(kdir))


def test_a_word_marked_as_written_matches_only_that_form(kb: KnowledgeBase) -> None:
    from recommender.search import EXACT_MARK, find_concepts, text_phrase_terms

    L = index_for(kb).langs["pl"]
    business = next(c for c in L.concepts if c.id == "social-enterprise")
    assert any(EXACT_MARK + "warsztat" in word for p in business.phrase_sets for word in p)

    def found(text: str) -> bool:
        words = text.split()
        sets = [text_phrase_terms(L.vocab, w, L.vocab.word(w), "pl") for w in words]
        return any(
            h.concept.id == "social-enterprise" for h in find_concepts([business], sets, words)
        )

    assert found("warsztat stolarski") and found("w warsztacie stolarskim")
    assert not found("warsztaty stolarskie") and not found("na warsztatach stolarskich")


@pytest.mark.parametrize(
    "query",
    [
        "czy w stowarzyszeniu zwykłym może być firma",
        "czy w stowarzyszeniu zwyklym moze byc firma",
        "statut stowarzyszenia zwyklego",
        "stowarzyszenie zwykle ile osob",
    ],
)
def test_a_form_is_recognised_in_any_case(kb: KnowledgeBase, query: str) -> None:
    # "zwykłe" in the form's name is the adjective, not the adverb "zwykle" ("usually")
    assert index_for(kb).analyse(query, "pl").forms == ("stowarzyszenie-zwykle",)


def test_the_adverb_alone_names_no_form(kb: KnowledgeBase) -> None:
    assert index_for(kb).analyse("co zwykle trzeba zrobic na poczatku", "pl").forms == ()


def test_neighbours_meeting_is_not_the_social_integration_of_a_kis(kb: KnowledgeBase) -> None:
    # "integracja" in everyday speech is getting to know each other; the knowledge base's
    # "integracja społeczna" is the KIS and CIS for people at risk of exclusion
    from recommender.search import search

    for query in (
        "klub dla mieszkańców osiedla, herbatka i pogaduchy",
        "skad wziac kase dla grupy sasiedzkiej",
    ):
        top = search(kb, query, "pl", limit=3)
        assert not [r.doc.id for r in top if r.doc.form in ("kis", "cis")], query


@pytest.mark.parametrize(
    ("query", "lang", "term"),
    [
        ("co to jest organizacja pozarządowa", "pl", "glossary:organizacja-pozarzadowa"),
        ("co to jest organizacja pożytku publicznego", "pl", "glossary:opp"),
        ("what is an NGO", "en", "glossary:organizacja-pozarzadowa"),
    ],
)
def test_asking_what_a_term_is_puts_its_glossary_entry_first(
    kb: KnowledgeBase, query: str, lang: str, term: str
) -> None:
    # not the entries that only share its words ("Program współpracy z organizacjami
    # pozarządowymi"); the name in brackets counts as the term too
    from recommender.search import search

    assert search(kb, query, lang, limit=1)[0].doc.id == term


def test_a_question_about_more_than_the_term_gets_no_definition_boost(kb: KnowledgeBase) -> None:
    from recommender.search import search

    top = [
        r.doc.id
        for r in search(kb, "what are the duties of a public benefit organisation", "en", limit=3)
    ]
    assert any(i.startswith(("status:opp:duties", "duty:opp")) for i in top), top


def test_how_to_with_no_form_named_is_not_answered_by_one_forms_step(kb: KnowledgeBase) -> None:
    from recommender.search import search

    top = [r.doc.id for r in search(kb, "how to get a grant from the municipality", "en", limit=3)]
    assert "faq:dotacje-z-gminy" in top, top
    assert not [i for i in top if ":step:" in i], top
    # a form named keeps its steps first among the answers of how to do it
    top = [r.doc.id for r in search(kb, "jak założyć stowarzyszenie zwykłe", "pl", limit=3)]
    assert any(":step:" in i for i in top), top


def test_no_concept_lists_a_word_twice() -> None:
    data = yaml.safe_load((KNOWLEDGE / "concepts.yaml").read_text(encoding="utf-8"))
    twice = [
        (concept["id"], lang, word)
        for concept in data["concepts"]
        for lang, words in concept.get("words", {}).items()
        for word in {w.lower() for w in words}
        if [w.lower() for w in words].count(word) > 1
    ]
    assert not twice, twice


def test_check_reports_a_profile_fact_that_is_not_true_or_false(kdir: Path) -> None:
    def change(d: Any) -> None:
        d["concepts"][0]["profile"] = {"founders": True}
        d["concepts"][1]["profile"] = {"colour": False}

    edit(kdir / "concepts.yaml", change)
    found = "\n".join(problems(kdir))
    assert "concepts[0].profile: not a true/false profile field: 'founders'" in found
    assert "concepts[1].profile: not a true/false profile field: 'colour'" in found


def test_a_neutral_word_hides_no_other_word_by_sharing_its_stem(kb: KnowledgeBase) -> None:
    """A one-word phrase of a neutral concept ("another meaning", "a place") must not share a
    term with a different one-word phrase of a concept that suggests something, or of a
    vocabulary description: "shopping" (buying) stems to "shop" and hid the "shop" of a social
    business; such a word is written with "=" to match only as written."""
    from recommender.morphology import normalise
    from recommender.search import EXACT_MARK, _concept_word_terms

    clashes = []
    for lang in ("pl", "en"):
        L = index_for(kb).langs[lang]

        def single(phrases: Any, L: Any = L, lang: str = lang) -> list[tuple[str, frozenset[str]]]:
            out = []
            for phrase in phrases:
                if " " in phrase.strip() or phrase.startswith(EXACT_MARK):
                    continue
                word = normalise(phrase)
                if word and " " not in word:
                    out.append((word, _concept_word_terms(L.vocab, word, lang)))
            return out

        telling = [
            (c.id, w, t)
            for c in kb.concepts.concepts
            if not c.neutral and (c.suggests or c.forms)
            for w, t in single(c.words.get(lang))
        ]
        telling += [
            (f"{field}:{value}", phrase, frozenset().union(*(ts for ts, _ in pwords)))
            for field, entries in L.extra["suggest"].fields.items()
            for value, plist in entries
            for phrase, pwords in plist
            if len(pwords) == 1
        ]
        for c in kb.concepts.concepts:
            if not c.neutral:
                continue
            for word, terms in single(c.words.get(lang)):
                clashes += [
                    (lang, c.id, word, where, other)
                    for where, other, their in telling
                    if terms & their and other != word
                ]
    assert not clashes, clashes
