"""The condition language: parsing errors name their location; logic is three-valued."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recommender.conditions import (
    ConditionError,
    evaluate,
    fields_of,
    parse_condition,
    smallest_lift,
)
from recommender.profile import parse_profile


def ev(raw, profile):
    return evaluate(parse_condition(raw), parse_profile(profile))


@pytest.mark.parametrize(
    ("raw", "profile", "expected"),
    [
        ({"field": "founders", "lt": 7}, {"founders": 3}, True),
        ({"field": "founders", "lt": 7}, {"founders": 7}, False),
        ({"field": "founders", "lt": 7}, {}, None),
        ({"field": "goals", "contains": "grantmaking"}, {"goals": ["grantmaking"]}, True),
        ({"field": "goals", "contains": "grantmaking"}, {"goals": []}, False),
        (
            {"field": "goals", "contains_any": ["community", "advocacy"]},
            {"goals": ["advocacy"]},
            True,
        ),
        ({"field": "urgency", "in": ["weeks", "months"]}, {"urgency": "no_rush"}, False),
        ({"field": "economic_activity", "eq": True}, {"economic_activity": True}, True),
        ({"field": "governance", "ne": "democratic"}, {"governance": "any"}, True),
        (
            {"field": "institutional_partners", "count_of": ["ngo", "gmina"], "ge": 2},
            {"institutional_partners": ["ngo", "ngo"]},
            True,
        ),
        (
            {"field": "institutional_partners", "count_of": ["ngo", "gmina"], "ge": 2},
            {"institutional_partners": ["ngo", "ops"]},
            False,
        ),
        ({"field": "at_risk_share", "ge": 0.5}, {"founders": 5, "founders_at_risk": 3}, True),
        ({"field": "at_risk_share", "ge": 0.5}, {"founders": 5}, None),
        ({"field": "at_risk_share", "ge": 0.5}, {"founders": 0, "founders_at_risk": 0}, None),
        ({"field": "partners_count", "eq": 0}, {"institutional_partners": []}, True),
    ],
)
def test_leaves(raw, profile, expected):
    assert ev(raw, profile) is expected


def test_kleene_logic():
    t = {"field": "founders", "ge": 0}
    f = {"field": "founders", "lt": 0}
    u = {"field": "capital_pln", "ge": 0}
    p = {"founders": 1}
    assert ev({"all": [t, u]}, p) is None
    assert ev({"all": [f, u]}, p) is False
    assert ev({"any": [t, u]}, p) is True
    assert ev({"any": [f, u]}, p) is None
    assert ev({"not": u}, p) is None
    assert ev({"not": f}, p) is True


@pytest.mark.parametrize(
    ("raw", "location", "fragment"),
    [
        ({"field": "founderz", "lt": 3}, "field", "unknown profile field"),
        ({"field": "founders", "lesser": 3}, "", "unknown operator"),
        ({"field": "goals", "contains": "golf"}, "contains", "unknown value"),
        ({"field": "goals", "eq": "community"}, "eq", "is a list"),
        ({"field": "urgency", "lt": 3}, "lt", "needs a number field"),
        ({"all": []}, "all", "non-empty list"),
        ({"all": [{"field": "founders"}]}, "all[0]", "exactly one operator"),
        ({"any": [{"field": "founders", "lt": 1}], "all": []}, "", "must stand alone"),
        ({"field": "economic_activity", "eq": "yes"}, "eq", "true or false"),
        ("founders < 3", "", "must be a mapping"),
    ],
)
def test_parse_errors_name_location(raw, location, fragment):
    with pytest.raises(ConditionError) as err:
        parse_condition(raw)
    assert err.value.location == location
    assert fragment in err.value.message


def test_fields_of_expands_derived_fields():
    cond = parse_condition(
        {"all": [{"field": "at_risk_share", "lt": 0.5}, {"field": "capital_pln", "lt": 1}]}
    )
    assert fields_of(cond) == ("founders", "founders_at_risk", "capital_pln")


def test_smallest_lift_numbers_and_booleans():
    p = parse_profile({"founders": 4, "capital_pln": 100, "economic_activity": True})
    lift = smallest_lift(parse_condition({"field": "founders", "lt": 7}), p)
    assert (lift.field, lift.value, lift.gap) == ("founders", 7, 3)
    lift = smallest_lift(
        parse_condition(
            {
                "all": [
                    {"field": "economic_activity", "eq": True},
                    {"field": "capital_pln", "lt": 1000},
                ]
            }
        ),
        p,
    )
    assert (lift.field, lift.value, lift.gap) == ("capital_pln", 1000, 900)
    lift = smallest_lift(parse_condition({"field": "economic_activity", "eq": True}), p)
    assert (lift.field, lift.value) == ("economic_activity", False)


@given(st.integers(0, 100), st.integers(0, 100))
def test_lift_really_lifts(founders, threshold):
    cond = parse_condition({"field": "founders", "lt": threshold})
    p = parse_profile({"founders": founders})
    if evaluate(cond, p) is True:
        lift = smallest_lift(cond, p)
        assert evaluate(cond, p.replace(**{lift.field: lift.value})) is False
        assert lift.gap == threshold - founders


def test_compiled_conditions_agree_with_the_reference_evaluator():
    """The engine's compiled closures give exactly the reference three-valued results."""
    from hypothesis import settings as hsettings

    from recommender.conditions import compile_condition
    from recommender.loading import load_knowledge
    from tests.strategies import profiles

    kb = load_knowledge()
    conditions = [
        ci.condition for items in kb.items.values() for ci in items if ci.condition is not None
    ]
    conditions += [cr.condition for rules in kb.rules.values() for cr in rules]
    compiled = [compile_condition(c) for c in conditions]

    @hsettings(max_examples=200, deadline=None)
    @given(profiles())
    def check(raw):
        p = parse_profile(raw)
        for cond, fn in zip(conditions, compiled, strict=True):
            assert fn(p) is evaluate(cond, p)

    check()


def test_shared_leaf_tests_agree_with_the_reference_evaluator():
    """Conditions compiled over shared leaves (each evaluated once) give exactly the same
    three-valued results as the reference evaluator."""
    from hypothesis import settings as hsettings

    from recommender.conditions import LeafTable
    from recommender.loading import load_knowledge
    from tests.strategies import profiles

    kb = load_knowledge()
    conditions = [
        ci.condition for items in kb.items.values() for ci in items if ci.condition is not None
    ]
    conditions += [cr.condition for rules in kb.rules.values() for cr in rules]
    conditions += [c for conds in kb.criteria_conditions.values() for c, _ in conds]
    table = LeafTable()
    compiled = [table.compile(c) for c in conditions]
    leaves = table.evaluator()

    @hsettings(max_examples=200, deadline=None)
    @given(profiles())
    def check(raw):
        p = parse_profile(raw)
        values = leaves(p)
        for cond, fn in zip(conditions, compiled, strict=True):
            assert fn(values) is evaluate(cond, p)

    check()
