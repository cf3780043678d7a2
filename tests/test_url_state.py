"""The URL codec and the answer logic of ``ui/state.py``: total, safe, and exact on valid input."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommender.models import Questionnaire
from recommender.profile import FIELDS, parse_profile
from tests.conftest import ROOT
from ui.state import (
    EMPTY_LIST,
    Notice,
    apply_multi,
    apply_single,
    decode_params,
    drop_hidden,
    encode_profile,
    normalise_profile,
    question_fields,
    resolve_multi,
    selected_multi,
    selected_single,
    share_query,
)

CRITERIA = tuple(
    c["id"] for c in yaml.safe_load((ROOT / "knowledge" / "criteria.yaml").read_text())["criteria"]
)
QUESTIONNAIRE = Questionnaire.model_validate(
    yaml.safe_load((ROOT / "knowledge" / "questions.yaml").read_text())
)
QUESTIONS = {q.id: q for s in QUESTIONNAIRE.sections for q in s.questions}
SAFE = re.compile(r"^[A-Za-z0-9_.,:+\-?…]*$")


def decode(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    d = decode_params(params, CRITERIA)
    return d.profile, [n.code for n in d.notices]


# -- examples ---------------------------------------------------------------------------------


def test_encode_uses_the_documented_shape():
    params = encode_profile(
        {
            "founders": 5,
            "goals": ["community", "environment"],
            "economic_activity": False,
            "institutional_partners": [],
            "priorities": {"cost": 3},
        }
    )
    assert params == {
        "founders": "5",
        "institutional_partners": EMPTY_LIST,
        "goals": "community,environment",
        "economic_activity": "false",
        "prio.cost": "3",
    }


def test_decode_the_example_link_from_the_docs():
    qs = "founders=5&goals=community,environment&prio.cost=3&lang=en"
    profile, notices = decode({k: v for k, v in parse_qs(qs).items()})
    assert profile == {
        "founders": 5,
        "goals": ["community", "environment"],
        "priorities": {"cost": 3},
    }
    assert notices == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"foo": "1"}, "unknown_param"),
        ({"intent": "maybe"}, "bad_value"),
        ({"founders": "-3"}, "out_of_range"),
        ({"founders": "99999999999999999999"}, "out_of_range"),
        ({"founders": "1e3"}, "bad_value"),
        ({"founders": "5.0"}, "bad_value"),
        ({"founders": "０５"}, "bad_value"),  # full-width digits are not plain digits
        ({"capital_pln": "1000000000001"}, "out_of_range"),
        ({"founders": "1000000000000"}, "out_of_range"),
        ({"capital_pln": "1000000001"}, "out_of_range"),
        ({"economic_activity": "perhaps"}, "bad_value"),
        ({"goals": "community,golf"}, "bad_value"),
        ({"institutional_partners": "ngo,bank"}, "bad_value"),
        ({"prio.cost": "7"}, "out_of_range"),
        ({"prio.cost": "-1"}, "bad_value"),
        ({"prio.cost": "x"}, "bad_value"),
        ({"prio.golf": "2"}, "unknown_param"),
        ({"founders": "2", "founders_at_risk": "3"}, "inconsistent"),
        ({"intent": ["found", "join"]}, "bad_value"),
    ],
)
def test_tampered_values_become_unknown_with_a_notice(params, code):
    profile, notices = decode(params)
    assert code in notices
    bad = [k for k in params if k != "founders" or code != "inconsistent"]
    for key in bad:
        assert key not in profile
        assert key.removeprefix("prio.") not in profile.get("priorities", {})
    parse_profile(profile, {c: None for c in CRITERIA})


def test_valid_fields_survive_next_to_invalid_ones():
    profile, notices = decode({"founders": "4", "goals": "golf", "intent": "join", "lang": "en"})
    assert profile == {"founders": 4, "intent": "join"}
    assert notices == ["bad_value"]


def test_repeated_partners_count_and_other_lists_are_sets():
    profile, _ = decode({"institutional_partners": "ngo,ngo,gmina", "goals": "community,community"})
    assert profile["institutional_partners"] == ["gmina", "ngo", "ngo"]
    assert profile["goals"] == ["community"]


def test_empty_list_and_empty_values():
    profile, notices = decode({"institutional_partners": EMPTY_LIST, "goals": "", "founders": ""})
    assert profile == {"institutional_partners": []}
    assert notices == []


def test_booleans_accept_a_few_spellings():
    for text, value in (
        ("true", True),
        ("TAK", True),
        ("1", True),
        ("false", False),
        ("nie", False),
        ("0", False),
    ):
        assert decode({"has_premises": text})[0] == {"has_premises": value}


def test_notices_are_sanitised_and_capped():
    params = {f"<img src=x{i}>": "![a](http://evil.example/x.png)" for i in range(30)}
    d = decode_params(params, CRITERIA)
    assert d.profile == {}
    assert len(d.notices) == 13 and d.notices[-1].code == "too_many"
    for n in d.notices:
        assert SAFE.match(n.param) and SAFE.match(n.value), n
        assert len(n.param) <= 40 and len(n.value) <= 40


def test_share_query_keeps_language_and_commas():
    q = share_query({"goals": ["community", "environment"], "founders": 3}, "en")
    assert q == "?founders=3&goals=community,environment&lang=en"
    assert share_query({}, "pl") == ""


def test_normalise_drops_only_what_is_invalid():
    profile, notices = normalise_profile(
        {"founders": 3, "goals": ["golf"], "priorities": {"cost": 9}}, CRITERIA
    )
    assert profile == {"founders": 3}
    assert {n.param for n in notices} == {"goals", "prio.cost"}


# -- properties -------------------------------------------------------------------------------

text = st.text(max_size=30)
param_values = st.one_of(text, st.lists(text, max_size=4))
interesting_keys = st.sampled_from(
    [*FIELDS, *(f"prio.{c}" for c in CRITERIA), "prio.", "prio.x", "lang"]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.one_of(interesting_keys, text), param_values, max_size=12))
def test_any_query_string_gives_a_valid_profile_and_never_raises(params):
    d = decode_params(params, CRITERIA)
    parse_profile(d.profile, {c: None for c in CRITERIA})  # valid by construction
    for n in d.notices:
        assert isinstance(n, Notice)
        assert SAFE.match(n.param) and SAFE.match(n.value)


def _enum(name: str) -> st.SearchStrategy[Any]:
    return st.sampled_from(FIELDS[name].values)


@st.composite
def valid_profiles(draw: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for name, spec in FIELDS.items():
        if not draw(st.booleans()):
            continue
        if spec.kind == "enum":
            raw[name] = draw(_enum(name))
        elif spec.kind == "bool":
            raw[name] = draw(st.booleans())
        elif spec.kind == "int":
            raw[name] = draw(st.one_of(st.integers(0, 20), st.integers(0, spec.max)))
        else:
            raw[name] = draw(st.lists(_enum(name), max_size=6))
    if "founders_at_risk" in raw:
        raw["founders"] = max(raw.get("founders", 0), raw["founders_at_risk"])
    prios = draw(st.dictionaries(st.sampled_from(CRITERIA), st.integers(0, 4), max_size=5))
    if prios:
        raw["priorities"] = prios
    return parse_profile(raw, {c: None for c in CRITERIA}).to_dict()


@settings(max_examples=400)
@given(valid_profiles())
def test_valid_profiles_round_trip_exactly(profile):
    d = decode_params(encode_profile(profile), CRITERIA)
    assert d.notices == ()
    assert d.profile == profile


@settings(max_examples=200)
@given(valid_profiles())
def test_valid_profiles_round_trip_through_a_real_query_string(profile):
    qs = share_query(profile, "en")[1:]
    params = parse_qs(qs, keep_blank_values=True)
    assert params.pop("lang") == ["en"]
    assert decode_params(params, CRITERIA).profile == profile
    assert urlencode(encode_profile(profile), safe=",") in qs or not encode_profile(profile)


# -- answers ----------------------------------------------------------------------------------


def test_single_choice_sets_and_unsets_its_fields():
    q = QUESTIONS["intent"]
    data = apply_single(q, "join", {"founders": 2})
    assert data == {"founders": 2, "intent": "join"}
    assert selected_single(q, data) == "join"
    unknown = next(o.id for o in q.options if o.unknown)
    cleared = apply_single(q, unknown, data)
    assert cleared == {"founders": 2}
    assert selected_single(q, cleared) is None
    assert selected_single(q, cleared, unknown=True) == unknown


def test_every_single_choice_option_round_trips():
    for q in QUESTIONS.values():
        if q.kind != "single":
            continue
        for option in q.options:
            data = apply_single(q, option.id, {})
            parse_profile(data)
            expected = option.id if not option.unknown else None
            assert selected_single(q, data) == expected, (q.id, option.id)


def test_multi_choice_values_and_exclusive_options():
    q = QUESTIONS["institutional_partners"]
    none_id = next(o.id for o in q.options if o.sets is not None)
    unknown_id = next(o.id for o in q.options if o.unknown)
    data = apply_multi(q, ["ngo", "gmina"], {})
    assert data == {"institutional_partners": ["ngo", "gmina"]}
    assert selected_multi(q, data) == ["gmina", "ngo"]
    assert apply_multi(q, [none_id], data) == {"institutional_partners": []}
    assert selected_multi(q, {"institutional_partners": []}) == [none_id]
    assert apply_multi(q, [unknown_id], data) == {}
    # picking an exclusive option clears the others, and the other way round
    assert resolve_multi(q, ["ngo"], ["ngo", none_id]) == [none_id]
    assert resolve_multi(q, [none_id], [none_id, "ops"]) == ["ops"]
    assert resolve_multi(q, ["ngo", "ops"], ["ngo"]) == ["ngo"]


def test_multi_choice_keeps_repeats_of_values_still_chosen():
    q = QUESTIONS["institutional_partners"]
    data = {"institutional_partners": ["ngo", "ngo", "ops"]}
    assert sorted(apply_multi(q, ["ngo", "ops", "gmina"], data)["institutional_partners"]) == [
        "gmina",
        "ngo",
        "ngo",
        "ops",
    ]
    assert apply_multi(q, ["ops"], data) == {"institutional_partners": ["ops"]}


def test_question_fields_cover_options():
    assert question_fields(QUESTIONS["intent"]) == ("intent",)
    assert question_fields(QUESTIONS["founders"]) == ("founders",)


def test_hidden_questions_lose_their_answers():
    from recommender.conditions import parse_condition

    conditions = {q.id: parse_condition(q.show_when) for q in QUESTIONS.values() if q.show_when}
    assert "founders_at_risk" in conditions
    kept = drop_hidden(
        QUESTIONNAIRE.sections, conditions, {"founders": 3, "founders_at_risk": 2}, CRITERIA
    )
    assert kept == {"founders": 3, "founders_at_risk": 2}
    dropped = drop_hidden(
        QUESTIONNAIRE.sections, conditions, {"founders": 0, "founders_at_risk": 0}, CRITERIA
    )
    assert dropped == {"founders": 0}


def test_docstring_examples():
    import doctest

    import ui.state

    assert doctest.testmod(ui.state).failed == 0
