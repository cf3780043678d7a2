"""Profiles are validated against the contract: one clear error naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.profile import FIELDS, ProfileError, parse_profile


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"foo": 1}, "foo"),
        ({"founders": -1}, "founders"),
        ({"founders": 2.5}, "founders"),
        ({"founders": True}, "founders"),
        ({"founders": "3"}, "founders"),
        ({"founders": 2, "founders_at_risk": 3}, "founders_at_risk"),
        ({"intent": "maybe"}, "intent"),
        ({"goals": "community"}, "goals"),
        ({"goals": ["community", "golf"]}, "goals[1]"),
        ({"economic_activity": "yes"}, "economic_activity"),
        ({"institutional_partners": ["bank"]}, "institutional_partners[0]"),
        ({"priorities": {"cost": 5}}, "priorities.cost"),
        ({"priorities": {"cost": -1}}, "priorities.cost"),
        ({"priorities": []}, "priorities"),
        ({"capital_pln": 10**13}, "capital_pln"),
        ({"founders": 1_000_000_000_000}, "founders"),
        ({"founders": 100_001}, "founders"),
        ({"founders": 100_000, "founders_at_risk": 100_001}, "founders_at_risk"),
        ({"capital_pln": 1_000_000_001}, "capital_pln"),
    ],
)
def test_invalid_profiles_name_the_field(data, field):
    with pytest.raises(ProfileError) as err:
        parse_profile(data)
    assert err.value.field == field
    assert str(err.value).startswith(field)
    assert "\n" not in str(err.value)


def test_not_an_object():
    with pytest.raises(ProfileError):
        parse_profile([1, 2])


def test_unknown_priority_criterion_rejected_when_criteria_given():
    with pytest.raises(ProfileError) as err:
        parse_profile({"priorities": {"nope": 2}}, {"cost": None})
    assert err.value.field == "priorities.nope"


def test_missing_and_null_mean_unknown():
    p = parse_profile({"founders": None})
    assert p.get("founders") is None
    assert p.to_dict() == {}


def test_repeated_partners_count_but_goals_deduplicate():
    p = parse_profile(
        {"institutional_partners": ["ngo", "ngo"], "goals": ["community", "community"]}
    )
    assert p.get("institutional_partners") == ("ngo", "ngo")
    assert p.get("goals") == ("community",)


def test_every_contract_field_is_known():
    contract = {
        "intent",
        "founders",
        "founders_at_risk",
        "institutional_partners",
        "capital_pln",
        "goals",
        "target_groups",
        "economic_activity",
        "employment",
        "governance",
        "formalities",
        "urgency",
        "needs_legal_personality",
        "funding",
        "rural_village",
        "has_premises",
    }
    assert set(FIELDS) == contract


def test_every_number_has_a_documented_upper_bound():
    contract = Path(__file__).resolve().parents[1] / "docs" / "command-line.md"
    text = contract.read_text(encoding="utf-8")
    for name, spec in FIELDS.items():
        if spec.kind != "int":
            continue
        assert spec.max is not None, name
        assert parse_profile({name: spec.max}).get(name) == spec.max
        assert f"`{name}`" in text and f"{spec.max:_}".replace("_", " ") in text, name
