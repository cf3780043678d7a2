"""Start, Ankieta and Wynik in Streamlit's AppTest: the questionnaire → result flow, URL state,
tampered links, priorities, what-ifs and the English version."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from recommender.engine import recommend
from recommender.loading import KnowledgeBase
from recommender.profile import parse_profile
from tests.apptest import element_texts
from tests.conftest import ROOT, load_scenarios
from ui.state import encode_profile, question_fields

SCENARIOS = {s["name"]: s for s in load_scenarios()}
TIMEOUT = 60


def app(page: str | None = None, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    if page:
        at.switch_page(page)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, headings, alerts, option labels)."""
    parts = element_texts(at)
    parts += [el.label for el in at.expander]
    parts += [el.label for el in at.get("button_group")]
    for group in at.get("button_group"):
        parts += [o.content for o in group.proto.options]
    return "\n".join(parts)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_sections(at: AppTest, *tools: str) -> AppTest:
    """Open panels of the result page's tool picker (built only while open), as a click would."""
    picker = at.button_group(key="jf_tools")
    return ok(picker.set_value(sorted(set(picker.value or []) | set(tools))).run())


def section(at: AppTest, tool: str) -> str:
    """The markdown texts of an open tool panel."""
    box = at.get_by_key(f"jf_tool_{tool}")
    return "\n".join(str(m.value) for m in box.markdown)


def page_title(at: AppTest) -> str:
    """The page's name: ``st.title``, the result's first-screen label, or a markdown ``# …``."""
    if at.title:
        return str(at.title[0].value)
    first = str(at.markdown[0].value)
    found = re.search(r'<p class="jf-eyebrow">([^<]+)</p>', first)
    if found:
        return html.unescape(found.group(1))
    assert first.startswith("# "), first
    return first.split("\n", 1)[0][2:].strip()


def first_heading(at: AppTest) -> str:
    """The first screen's main heading (the best fit, or what is missing to name one)."""
    found = re.search(r"<h1>([^<]+)</h1>", str(at.markdown[0].value))
    assert found, at.markdown[0].value
    return html.unescape(found.group(1))


def top_line(at: AppTest) -> str:
    line = first_heading(at)
    if line.startswith(("Najlepiej pasuje", "Best fit")):
        return line
    raise AssertionError(f"no best-fit line on the page: {line}")


def footer(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


# -- Start ------------------------------------------------------------------------------------


def test_start_explains_offers_three_ways_and_the_local_network(kb: KnowledgeBase):
    at = ok(app())
    shown = texts(at)
    assert at.title[0].value.startswith("Jaka forma?")
    links = [link.label for link in at.get("page_link")] if hasattr(at, "get") else []
    assert any("pytania" in label for label in links), links
    assert "KISS" in shown
    kiss = kb.contacts["kiss"]
    for source in kb.source_list(kiss.sources):
        assert source.url in shown and source.checked.isoformat() in shown
    # "not legal advice" once: in the footer, not again in the page
    assert "To nie jest porada prawna" in footer(at) and "porada prawna" not in shown
    assert kb.last_checked.isoformat() in footer(at)
    # one primary button, and it opens the questionnaire
    primary = [b for b in at.button if b.proto.type == "primary"]
    assert len(primary) == 1
    ok(primary[0].click().run())
    assert at.title[0].value == "Ankieta"


def test_start_in_english():
    at = ok(app(params={"lang": "en"}))
    shown = texts(at)
    assert "Choose a form" in shown
    assert "This is not legal advice" in footer(at)
    assert "To nie jest porada prawna" not in shown + footer(at)


# -- Ankieta ------------------------------------------------------------------------------------


def test_questionnaire_first_step_has_progress_help_and_dont_know(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py"))
    total = len(kb.questionnaire.sections)
    assert at.get("progress")[0].proto.text == f"Krok 1 z {total}"
    first = kb.questionnaire.sections[0]
    assert at.header[0].value == first.title.pl
    radio = at.radio(key=f"jf_q_{first.questions[0].id}")
    assert radio.value is None  # nothing is answered for the user
    labels = [
        radio.format_func(o) if callable(getattr(radio, "format_func", None)) else o
        for o in radio.options
    ]
    assert any("Nie wiem" in label for label in labels)
    why = [e for e in at.expander if e.label == "Dlaczego pytamy?"]
    assert len(why) == len(first.questions)
    assert why[0].markdown[0].value == first.questions[0].help.pl
    assert at.button(key="jf_back").disabled
    assert not at.button(key="jf_result_now").disabled


def test_questionnaire_in_english(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py", {"lang": "en"}))
    first = kb.questionnaire.sections[0]
    assert at.title[0].value == "Questionnaire"
    assert at.header[0].value == first.title.en
    assert at.get("progress")[0].proto.text.startswith("Step 1 of")
    assert at.radio(key=f"jf_q_{first.questions[0].id}").label == first.questions[0].text.en
    assert any(e.label == "Why do we ask?" for e in at.expander)


def answer_section(at: AppTest, kb: KnowledgeBase, index: int, target: dict[str, Any]) -> AppTest:
    """Answer every visible question of one step so that the answers equal ``target``."""
    section = kb.questionnaire.sections[index]
    for question in section.questions:
        key = f"jf_q_{question.id}"
        if question.kind == "number":
            inputs = [w for w in at.number_input if w.key == key]
            if not inputs:
                continue  # hidden by show_when
            value = target.get(question.field or "")
            if value is None:
                at.checkbox(key=key + "_unknown").check().run()
            else:
                inputs[0].set_value(value).run()
        elif question.kind == "single":
            choice = next(
                (
                    o.id
                    for o in question.options
                    if o.sets and all(target.get(k) == v for k, v in o.sets.items())
                ),
                next(o.id for o in question.options if o.unknown),
            )
            at.radio(key=key).set_value(choice).run()
        else:
            field = question.field or ""
            if field not in target:
                choice = [next(o.id for o in question.options if o.unknown)]
            elif target[field] == []:
                choice = [
                    next(o.id for o in question.options if o.sets is not None and not o.unknown)
                ]
            else:
                choice = [o.id for o in question.options if o.value in target[field]]
            at.button_group(key=key).set_value(choice).run()
        ok(at)
    return at


def current_answers(at: AppTest) -> dict[str, Any]:
    return dict(at.session_state["jf_profile"])


@pytest.mark.skipif("catering" not in SCENARIOS, reason="example situations not available")
def test_answering_every_step_gives_the_catering_result(kb: KnowledgeBase):
    story = SCENARIOS["catering"]
    target = parse_profile(story["profile"]).to_dict()
    at = ok(app("views/ankieta.py"))
    sections = kb.questionnaire.sections
    for index in range(len(sections)):
        assert at.get("progress")[0].proto.text == f"Krok {index + 1} z {len(sections)}"
        answer_section(at, kb, index, target)
        # show_when may reveal a question once an earlier answer is known: answer again
        answer_section(at, kb, index, target)
        if index < len(sections) - 1:
            ok(at.button(key="jf_next").click().run())
    assert current_answers(at) == target
    # the answers are mirrored in the URL
    assert at.query_params["founders"] == ["5"] or at.query_params["founders"] == "5"
    ok(at.button(key="jf_result_now").click().run())
    assert page_title(at) == "Twój wynik"
    line = top_line(at)
    assert any(kb.form_name(f, "pl") in line for f in story["expect"]["top1_in"]), line
    assert "Spółdzielnia socjalna" in line


def test_back_and_next_move_between_steps_and_answers_survive_page_switches(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py"))
    first = kb.questionnaire.sections[0].questions[0]
    option = next(o for o in first.options if o.sets)
    ok(at.radio(key=f"jf_q_{first.id}").set_value(option.id).run())
    ok(at.button(key="jf_next").click().run())
    assert at.header[0].value == kb.questionnaire.sections[1].title.pl
    at.switch_page("views/wynik.py")
    ok(at.run())
    at.switch_page("views/ankieta.py")
    ok(at.run())
    assert at.header[0].value == kb.questionnaire.sections[1].title.pl  # the step is kept
    ok(at.button(key="jf_back").click().run())
    assert at.radio(key=f"jf_q_{first.id}").value == option.id
    assert current_answers(at) == dict(option.sets or {})


def test_the_step_is_in_the_address_so_a_reload_or_back_returns_to_it(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py", {"founders": "3"}))
    assert at.query_params["step"] in ("1", ["1"])
    ok(at.button(key="jf_next").click().run())
    ok(at.button(key="jf_next").click().run())
    assert at.query_params["step"] in ("3", ["3"])
    # a reload: a new session opened on the same address keeps the step and the answers
    fresh = ok(app("views/ankieta.py", {"founders": "3", "step": "3"}))
    assert fresh.header[0].value == kb.questionnaire.sections[2].title.pl
    assert current_answers(fresh) == {"founders": 3}
    # the browser's Back: an older address of this session moves the step, answers stay
    ok(at.button(key="jf_next").click().run())
    at.query_params["step"] = "2"
    at.query_params.pop("founders", None)  # that older address was written before an answer
    ok(at.run())
    assert at.header[0].value == kb.questionnaire.sections[1].title.pl
    assert current_answers(at) == {"founders": 3}
    # a step that does not exist is ignored
    odd = ok(app("views/ankieta.py", {"step": "99"}))
    assert odd.header[0].value == kb.questionnaire.sections[0].title.pl
    assert not odd.warning


def test_one_see_the_result_button_on_every_step(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py"))
    total = len(kb.questionnaire.sections)
    for index in range(total):
        keys = [b.key for b in at.button]
        assert keys.count("jf_result_now") == 1 and "jf_finish" not in keys
        if index < total - 1:
            ok(at.button(key="jf_next").click().run())
    assert "jf_next" not in [b.key for b in at.button]


@pytest.mark.parametrize(
    ("answers", "asked"),
    [
        (
            {
                "founders": "4",
                "goals": "community",
                "target_groups": "residents",
                "employment": "none",
            },
            False,
        ),
        ({"founders": "4", "goals": "work_integration"}, True),
        ({"founders": "4", "goals": "community", "target_groups": "unemployed"}, True),
        (
            {
                "founders": "4",
                "goals": "community",
                "target_groups": "residents",
                "employment": "ourselves",
            },
            True,
        ),
        ({"founders": "0", "goals": "work_integration"}, False),
    ],
    ids=["neighbours-picnic", "work-integration", "serves-unemployed", "own-jobs", "no-founders"],
)
def test_the_at_risk_question_is_asked_only_when_it_matters(
    kb: KnowledgeBase, answers: dict[str, str], asked: bool
):
    from recommender.profile import parse_profile as parse
    from ui.state import question_visible

    profile = parse(
        {k: (v.split(",") if k in ("goals", "target_groups") else v) for k, v in answers.items()}
        | {"founders": int(answers["founders"])}
    )
    assert question_visible("founders_at_risk", kb.question_conditions, profile) is asked


def test_dont_know_leaves_the_field_unknown(kb: KnowledgeBase):
    at = ok(app("views/ankieta.py"))
    first = kb.questionnaire.sections[0].questions[0]
    unknown = next(o for o in first.options if o.unknown)
    ok(at.radio(key=f"jf_q_{first.id}").set_value(unknown.id).run())
    assert at.radio(key=f"jf_q_{first.id}").value == unknown.id
    assert not set(question_fields(first)) & set(current_answers(at))


def test_number_question_has_a_dont_know_box(kb: KnowledgeBase):
    index = next(
        i
        for i, s in enumerate(kb.questionnaire.sections)
        if any(q.kind == "number" for q in s.questions)
    )
    question = next(q for q in kb.questionnaire.sections[index].questions if q.kind == "number")
    at = app("views/ankieta.py")
    at.session_state["jf_step"] = index
    ok(at.run())
    ok(at.number_input(key=f"jf_q_{question.id}").set_value(4).run())
    assert current_answers(at)[question.field or ""] == 4
    ok(at.checkbox(key=f"jf_q_{question.id}_unknown").check().run())
    assert (question.field or "") not in current_answers(at)
    assert at.number_input(key=f"jf_q_{question.id}").disabled


def test_show_result_now_opens_the_result_with_what_is_known():
    at = ok(app("views/ankieta.py", {"founders": "2"}))
    ok(at.button(key="jf_result_now").click().run())
    assert page_title(at) == "Twój wynik"
    # one answer is too few to name a form: the page says so instead of claiming a best fit
    assert first_heading(at) == "Za mało odpowiedzi, by wskazać formę"
    at.switch_page("views/wynik.py")  # AppTest reruns the page it was told, not the one shown
    open_sections(at, "how")
    answers = section(at, "how").split("#### Twoje odpowiedzi")[1]
    assert answers.startswith(" (1)") and "liczba osób zakładających" in answers


# -- Wynik ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_shared_links_of_the_examples_give_the_expected_result(kb: KnowledgeBase, name: str):
    story = SCENARIOS[name]
    at = ok(app("views/wynik.py", encode_profile(story["profile"])))
    assert not at.warning  # a valid link raises no notice
    line = top_line(at)
    assert any(kb.form_name(f, "pl") in line for f in story["expect"]["top1_in"]), line
    shown = texts(at)
    for heading in ("Jak to policzyliśmy", "Wykluczone", "Kroki", "Udostępnij", "Dlaczego"):
        assert heading in shown
    assert "To nie jest porada prawna" in footer(at)
    assert kb.last_checked.isoformat() in footer(at)
    # the first screen speaks in words: no points, weights or samples
    first = str(at.markdown[0].value)
    for word in ("pkt", "waga", "wariant", "siła argumentu"):
        assert word not in first
    # the one button to the whole plan carries the form and the answers
    button = next(h.proto.body for h in at.get("html") if "jf-plan-btn" in h.proto.body)
    top = re.search(r'href="plan\?form=([a-z-]+)&amp;', button)
    assert top and top.group(1) in story["expect"]["top1_in"], button
    open_sections(at, "ruled_out", "share")
    ruled_out = section(at, "ruled_out")  # each ruled-out form in bold, then its reasons
    for form in story["expect"].get("ineligible", []):
        assert f"**{kb.form_name(form, 'pl')}**" in ruled_out
    assert at.get("download_button")  # PDF and Markdown


def test_result_shows_reasons_with_points_sources_and_uncertainty(kb: KnowledgeBase):
    profile = parse_profile(SCENARIOS["catering"]["profile"], kb.criteria)
    rec = recommend(kb, profile)
    at = ok(app("views/wynik.py", encode_profile(profile.to_dict())))
    open_sections(at, "how")
    shown = texts(at)
    # one leading form at a time: only the chosen form's reasons are on the page
    picker = at.button_group(key="jf_top_tab_pl")
    leading = rec.eligible[:3]
    labels = [f"{i}. {kb.form_name(r.form, 'pl')}" for i, r in enumerate(leading, 1)]
    assert list(picker.options) == labels and picker.value == 0
    for place, (label, r) in enumerate(zip(labels, leading, strict=True)):
        ok(at.button_group(key="jf_top_tab_pl").set_value(place).run())
        card = "\n".join(str(m.value) for m in at.markdown)
        assert f"### {label} · " in card
        assert not any(f"### {other} · " in card for other in labels if other != label)
        for c in (*r.pros, *r.cons):
            assert c.text.pl.split("(")[0][:40] in card.replace("\\", "")
            for s in kb.source_list(c.sources):
                assert s.url in card
            if c.uncertainty is not None:
                assert c.uncertainty.pl[:40] in card.replace("\\", "")
    # robustness in plain words, and the ruled-out forms with what would change it
    assert "Ten wynik się nie zmieni, nawet jeśli" in shown
    open_sections(at, "ruled_out", "steps")
    ruled_out = section(at, "ruled_out").replace("\\", "")
    for r in rec.ranking:
        for b in r.blockers:
            assert b.change["pl"][:30] in ruled_out
    # next steps of the top form: a checklist with cost and time (or "unknown")
    top = kb.forms[rec.eligible[0].form]
    step_boxes = [c.label for c in at.checkbox if c.key and c.key.startswith("jf_step_")]
    assert step_boxes == [s.text.pl for s in top.steps]
    steps = section(at, "steps")
    assert "Koszt" in steps and "Czas" in steps
    # the pathway of the top form: what it can start from and grow into, each with its sources
    pathway = steps.split("#### Droga: ")[1].replace("\\", "")
    starts = [f for f in kb.forms.values() for pw in f.pathways if pw.to == top.id]
    assert (top.pathways or starts) and "Źródła" in pathway
    for pw in top.pathways:
        assert kb.form_name(pw.to, "pl") in pathway and pw.text.pl[:30] in pathway
        for src in kb.source_list(pw.sources):
            assert src.url in pathway
    for f in starts:
        assert kb.form_name(f.id, "pl") in pathway


def test_tampered_link_shows_a_notice_and_still_works():
    params = {
        "founders": "-4",
        "goals": "community,<script>",
        "prio.cost": "9",
        "xyz": "1",
        "intent": "join",
        "capital_pln": "99999999999999999999",
    }
    at = ok(app("views/wynik.py", params))
    warning = "\n".join(w.value for w in at.warning)
    # the notice names the questions, not the URL's parameters (an unknown one stays as is)
    for name in ("„liczba osób zakładających”", "„cele”", "priorytet „Niskie koszty”", "`xyz`"):
        assert name in warning, warning
    assert "„pieniądze na start”" in warning
    for param in ("founders", "capital_pln", "prio.cost"):
        assert param not in warning
    assert "<script>" not in warning
    # one answer left: too few to name a form, and the page says so
    assert first_heading(at) == "Za mało odpowiedzi, by wskazać formę"
    assert current_answers(at) == {"intent": "join"}
    assert "xyz" not in at.query_params and at.query_params["intent"] in ("join", ["join"])


def test_empty_result_invites_to_answer_and_links_back_to_the_questions(kb: KnowledgeBase):
    at = ok(app("views/wynik.py"))
    shown = texts(at)
    # no claim at all: no best fit, no "stable"
    assert first_heading(at) == "Za mało odpowiedzi, by wskazać formę"
    for claim in ("Najlepiej pasuje", "nie zmieni", "stabiln"):
        assert claim not in shown
    assert "Te trzy pytania rozstrzygną najwięcej" in shown
    from ui.result.summary import decisive_questions

    rec = recommend(kb, parse_profile({}, kb.criteria))
    expected = decisive_questions(kb, rec, "pl")
    assert len(expected) == 3
    buttons = [b for b in at.button if b.key and b.key.startswith("jf_decisive_")]
    assert [b.label for b in buttons] == [q for _, q in expected]
    step = expected[0][0]
    ok(buttons[0].click().run())
    assert at.title[0].value == "Ankieta"
    assert at.header[0].value == kb.questionnaire.sections[step].title.pl


def test_priority_slider_reranks_and_goes_into_the_link(kb: KnowledgeBase):
    """Moving the slider the runner-up hint names puts the runner-up first."""
    candidates = [s["profile"] for s in SCENARIOS.values()] + [
        p.profile for p in kb.personas.values()
    ]
    candidates += [{"founders": 10, "rural_village": True}, {"founders": 7, "capital_pln": 5000}]
    for raw in candidates:
        profile = parse_profile(raw, kb.criteria)
        rec = recommend(kb, profile)
        if rec.runner_up is not None and rec.runner_up.change is not None:
            break
    else:
        pytest.skip("no example has a runner-up that one priority change puts first")
    change = rec.runner_up.change
    at = ok(app("views/wynik.py", encode_profile(profile.to_dict())))
    assert not at.slider  # the sliders are built only while their panel is open
    open_sections(at, "how")
    slider = at.slider(key=f"jf_prio_{change.criterion}")
    assert slider.value == change.old
    ok(slider.set_value(change.new).run())
    assert kb.form_name(rec.runner_up.form, "pl") in top_line(at)
    assert at.slider(key=f"jf_prio_{change.criterion}").value == change.new
    param = at.query_params[f"prio.{change.criterion}"]
    assert param in (str(change.new), [str(change.new)])
    ok(at.button(key="jf_prio_reset").click().run())
    assert f"prio.{change.criterion}" not in at.query_params


def test_what_if_toggles_show_how_the_ranking_moves(kb: KnowledgeBase):
    story = SCENARIOS["fundusz-stypendialny"]
    at = ok(app("views/wynik.py", encode_profile(story["profile"])))
    assert not at.toggle
    open_sections(at, "how")
    ok(at.toggle(key="jf_whatif_founders3").set_value(True).run())
    shown = section(at, "how").split("#### Co jeśli")[1].split("#### Twoje odpowiedzi")[0]
    assert "→" in shown
    assert any(
        x in shown for x in ("Pierwsze miejsce zmieniłoby się", "Pierwsze miejsce pozostałoby")
    )
    # founders 1 + 3 = 4 lifts the three-founder minimum of an ordinary association
    assert kb.form_name("stowarzyszenie-zwykle", "pl") in shown
    lifts = [t for t in at.toggle if t.key.startswith("jf_whatif_lift_")]
    assert lifts, "every blocker with a lift offers a toggle"


def test_result_in_english(kb: KnowledgeBase):
    params = {**encode_profile(SCENARIOS["catering"]["profile"]), "lang": "en"}
    at = ok(app("views/wynik.py", params))
    shown = texts(at)
    assert page_title(at) == "Your result"
    assert kb.form_name("spoldzielnia-socjalna", "en") in top_line(at)
    assert "This is not legal advice" in footer(at)
    open_sections(at, "how")
    assert "This result will not change even if" in texts(at) or "stays first" in texts(at)
    assert "Najlepiej" not in shown


def test_missing_pdf_font_becomes_a_message(monkeypatch, tmp_path):
    import ui.handout

    monkeypatch.setattr(ui.handout, "FONT_DIR", tmp_path)
    at = ok(app("views/wynik.py", encode_profile(SCENARIOS["catering"]["profile"])))
    open_sections(at, "share")
    assert any("fonts-dejavu-core" in w.value for w in at.warning)
    keys = [b.key for b in at.get("download_button")]
    assert "jf_md" in keys and "jf_pdf" not in keys


# -- the result page's parts -------------------------------------------------------------------


def test_ranking_chart_is_an_ordered_list_with_bars_as_long_as_the_scores(kb: KnowledgeBase):
    import re

    from recommender.i18n import t
    from ui.result import ranking_chart_html

    rec = recommend(kb, parse_profile(SCENARIOS["catering"]["profile"], kb.criteria))
    chart = ranking_chart_html(kb, rec, "pl", lambda k, **v: t(k, "pl", **v))
    rows = re.findall(
        r'<li><span class="jf-name"><b>(\d+)\. ([^<]+)</b>.*?</span>.*?data-score="([\d.]+)">'
        r'<span class="jf-bar" style="width:([\d.]+)%;background:(#\w+)"></span></span></li>',
        chart,
    )
    assert [int(r[0]) for r in rows] == list(range(1, len(rec.eligible) + 1))
    assert [r[1] for r in rows] == [kb.form_name(x.form, "pl") for x in rec.eligible]
    assert [float(r[3]) for r in rows] == [round(x.score, 1) for x in rec.eligible]
    assert (
        len({r[4] for r in rows[1:]}) == 1 and rows[0][4] != rows[1][4]
    )  # the best fit stands out
    assert "pkt" not in chart  # the points are one click deeper, in "how we counted"
    assert 'aria-hidden="true"' in chart  # a screen reader reads the list, not the bars


def test_ranking_chart_escapes_what_it_draws(kb: KnowledgeBase):
    from types import SimpleNamespace

    from ui.result import ranking_chart_html

    rec = recommend(kb, parse_profile(SCENARIOS["catering"]["profile"], kb.criteria))
    hostile = SimpleNamespace(form_name=lambda form, lang: '<img src=x onerror="alert(1)">')
    chart = ranking_chart_html(hostile, rec, "pl", lambda k, **v: '"><script>x</script>')  # type: ignore[arg-type]
    assert "<img" not in chart and "<script>" not in chart
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in chart


def test_card_sources_are_numbered_and_each_listed_once(kb: KnowledgeBase):
    import re

    from recommender.i18n import t
    from ui.result import form_card_md

    rec = recommend(kb, parse_profile(SCENARIOS["catering"]["profile"], kb.criteria))
    for place, r in enumerate(rec.eligible[:3], 1):
        card = form_card_md(kb, r, place, "pl", lambda k, **v: t(k, "pl", **v))
        body, listed = card.split("\n**Źródła**\n\n")
        entries = listed.split("\n")
        urls = [re.search(r"\]\((\S+?)\) \(", e).group(1) for e in entries]  # type: ignore[union-attr]
        assert [int(e.split(".")[0]) for e in entries] == list(range(1, len(entries) + 1))
        assert len(set(urls)) == len(urls)  # each source once
        for c in (*r.pros, *r.cons):
            line = next(x for x in body.split("\n") if c.text.pl[:30] in x.replace("\\", ""))
            meta = body.split(line, 1)[1].split("\n- ", 1)[0]
            numbers = [int(n) for n in re.findall(r"\\\[(\d+)\\\]", meta)]
            assert sorted(urls[n - 1] for n in numbers) == sorted(
                s.url for s in kb.source_list(dict.fromkeys(c.sources))
            )


def test_changed_answers_reach_the_url_and_a_plain_rerun_keeps_it(kb: KnowledgeBase):
    at = ok(app("views/wynik.py", {"founders": "5", "intent": "found"}))
    before = dict(at.query_params)
    ok(at.run())
    assert dict(at.query_params) == before  # nothing to write on a plain rerun
    at.session_state["jf_profile"] = {"founders": 7, "intent": "found"}  # a new answers object
    ok(at.run())
    assert at.query_params["founders"] in ("7", ["7"])
    at.query_params["founders"] = "3"  # the browser's back button: a query string we did not write
    ok(at.run())
    assert at.session_state["jf_profile"]["founders"] == 3


def test_settle_heap_freezes_once_per_page():
    import gc

    from ui.common import settle_heap

    name = f"test-page-{id(object())}"
    settle_heap(name)
    frozen = gc.get_freeze_count()
    keep = [[i] for i in range(1000)]  # new objects the collector tracks
    settle_heap(name)  # the same page again: nothing more is frozen
    assert gc.get_freeze_count() == frozen
    settle_heap(name + "-other")
    assert gc.get_freeze_count() >= frozen + len(keep)


@pytest.mark.parametrize("page", ["views/start.py", "views/wynik.py", "views/porownaj.py"])
def test_broken_knowledge_files_give_a_clear_message_and_keep_the_link(
    tmp_path, monkeypatch, page: str
):
    """A malformed knowledge file never crashes a page: the page says the knowledge base has
    errors, lists them as ``path: location: message`` and leaves the answers in the URL alone."""
    import shutil

    import ui.common
    from recommender.loading import load_knowledge

    broken = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", broken)
    (broken / "criteria.yaml").write_text("criteria: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(ui.common, "load_knowledge", lambda: load_knowledge(broken))
    ui.common._knowledge.clear()
    try:
        params = {"founders": "5", "intent": "found"}
        at = ok(app(page, params))
        errors = "\n".join(e.value for e in at.error)
        assert "Baza wiedzy zawiera błędy" in errors
        listed = "\n".join(str(c.value) for c in at.code)
        assert "criteria.yaml" in listed
        assert {k: at.query_params[k] for k in params} in (
            params,
            {k: [v] for k, v in params.items()},
        )
    finally:
        ui.common._knowledge.clear()  # the next test loads the real knowledge base again


def decode_qr(markup: str) -> list[str]:
    """The texts of the QR codes in the page's inline PNG images, read by a real decoder."""
    import base64
    import io

    import zxingcpp
    from PIL import Image

    texts: list[str] = []
    for data in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', markup):
        image = Image.open(io.BytesIO(base64.b64decode(data)))
        texts += [found.text for found in zxingcpp.read_barcodes(image)]
    return texts


def test_short_link_and_qr_reopen_the_same_result(kb: KnowledgeBase, monkeypatch, tmp_path):
    monkeypatch.setenv("JAKAFORMA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    profile = SCENARIOS["catering"]["profile"]
    at = ok(app("views/wynik.py", encode_profile(profile)))
    heading = first_heading(at)
    open_sections(at, "share")
    link = at.get_by_key("jf_tool_share").code[0].value
    found = re.search(r"\?r=([a-z0-9]{8})$", link)
    assert found, link
    assert len(link) < 60  # instead of a ~400-character query string
    box = at.get_by_key("jf_tool_share")
    qr = [h.proto.body for h in box.get("html") if "jf-qr" in h.proto.body]
    assert qr and f'alt="Kod QR z krótkim linkiem do wyniku: {link}"' in qr[0]  # the QR code
    assert decode_qr(qr[0]) == [link]  # a phone scanning it opens the short link
    other = ok(app("views/wynik.py", {"r": found.group(1)}))
    assert first_heading(other) == heading
    assert current_answers(other) == parse_profile(profile).to_dict()
    assert not other.warning
    gone = ok(app("views/wynik.py", {"r": "23456789"}))
    warning = "\n".join(w.value for w in gone.warning)
    assert "wygasł albo nie istnieje" in warning and "23456789" in warning
    assert first_heading(gone) == "Za mało odpowiedzi, by wskazać formę"


def test_an_unknown_language_in_the_link_gets_a_notice():
    at = ok(app("views/wynik.py", {"lang": "xx", "founders": "3"}))
    warning = "\n".join(w.value for w in at.warning)
    assert "Nie znamy języka `xx`" in warning
    assert "lang" not in at.query_params
