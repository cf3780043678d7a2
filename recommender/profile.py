"""The user's situation (the *profile*) exactly as the public contract defines it.

Every field is optional: a missing field means "unknown" and must neither favour nor block a
form. Validation produces one :class:`ProfileError` naming the field, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

FormId = Literal[
    "fundacja",
    "stowarzyszenie",
    "stowarzyszenie-zwykle",
    "spoldzielnia-socjalna",
    "kis",
    "cis",
    "zaz",
    "spolka-non-profit",
    "kgw",
    "grupa-nieformalna",
    "wolontariat",
]
FORM_IDS: tuple[str, ...] = get_args(FormId)

Intent = Literal["found", "join", "unsure"]
Partner = Literal["gmina", "ops", "ngo", "church", "company"]
Goal = Literal[
    "community",
    "culture_education",
    "sport_recreation",
    "environment",
    "advocacy",
    "grantmaking",
    "social_reintegration",
    "work_integration",
    "disability_employment",
    "rural_tradition",
    "social_business",
]
TargetGroup = Literal[
    "residents",
    "children_youth",
    "seniors",
    "families",
    "unemployed",
    "homeless",
    "addiction",
    "disability",
    "former_prisoners",
    "migrants_refugees",
]
Employment = Literal["none", "staff", "ourselves"]
Governance = Literal["democratic", "founder_led", "any"]
Formalities = Literal["minimal", "moderate", "full"]
Urgency = Literal["weeks", "months", "no_rush"]
Funding = Literal[
    "small_grants",
    "public_grants",
    "eu_funds",
    "donations",
    "one_and_half_percent",
    "membership_fees",
    "sales",
    "public_contracts",
    "labour_fund",
    "pfron",
]

PRIORITY_MIN, PRIORITY_MAX = 0, 4

# The documented upper bound of every number in a profile (contract.md, "Profile"). They are far
# above anything the questionnaire offers and far below what would make arithmetic or output
# misbehave; a larger value is an input error naming the field, in the CLI and in the app's links.
INT_BOUNDS: dict[str, int] = {
    "founders": 100_000,
    "founders_at_risk": 100_000,
    "capital_pln": 1_000_000_000,
}


@dataclass(frozen=True)
class FieldSpec:
    """What one profile field may hold; drives validation of profiles *and* of conditions."""

    name: str
    kind: Literal["enum", "int", "bool", "enum_list"]
    values: tuple[str, ...] = ()
    derived: bool = False
    max: int | None = None  # upper bound of an "int" field (inclusive); None for derived values

    def describe(self) -> str:
        if self.kind == "enum":
            return "one of " + ", ".join(repr(v) for v in self.values)
        if self.kind == "enum_list":
            return "a list of " + ", ".join(repr(v) for v in self.values)
        if self.kind == "int":
            return "a whole number >= 0" if self.max is None else f"a whole number 0..{self.max}"
        return "true or false"


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("intent", "enum", get_args(Intent)),
        FieldSpec("founders", "int", max=INT_BOUNDS["founders"]),
        FieldSpec("founders_at_risk", "int", max=INT_BOUNDS["founders_at_risk"]),
        FieldSpec("institutional_partners", "enum_list", get_args(Partner)),
        FieldSpec("capital_pln", "int", max=INT_BOUNDS["capital_pln"]),
        FieldSpec("goals", "enum_list", get_args(Goal)),
        FieldSpec("target_groups", "enum_list", get_args(TargetGroup)),
        FieldSpec("economic_activity", "bool"),
        FieldSpec("employment", "enum", get_args(Employment)),
        FieldSpec("governance", "enum", get_args(Governance)),
        FieldSpec("formalities", "enum", get_args(Formalities)),
        FieldSpec("urgency", "enum", get_args(Urgency)),
        FieldSpec("needs_legal_personality", "bool"),
        FieldSpec("funding", "enum_list", get_args(Funding)),
        FieldSpec("rural_village", "bool"),
        FieldSpec("has_premises", "bool"),
    )
}

# Values computed from the profile that conditions may use. They are arithmetic, not domain
# facts: the thresholds applied to them live in knowledge/.
DERIVED_FIELDS: dict[str, FieldSpec] = {
    "at_risk_share": FieldSpec("at_risk_share", "int", derived=True),
    "partners_count": FieldSpec("partners_count", "int", derived=True),
}

PROFILE_KEYS: tuple[str, ...] = (*FIELDS, "priorities")


class ProfileError(ValueError):
    """An invalid profile. ``str(err)`` is one line naming the field and the problem."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)


@dataclass(frozen=True)
class Profile:
    """A validated, immutable profile. ``values`` holds only the known fields."""

    values: Mapping[str, Any]
    priorities: Mapping[str, int]

    def get(self, field: str) -> Any:
        """The value of a field or derived field; ``None`` when unknown."""
        if field in self.values:
            return self.values[field]
        if field == "at_risk_share":
            founders = self.values.get("founders")
            at_risk = self.values.get("founders_at_risk")
            if founders is None or at_risk is None or founders == 0:
                return None
            return at_risk / founders
        if field == "partners_count":
            partners = self.values.get("institutional_partners")
            return None if partners is None else len(partners)
        return None

    def to_dict(self) -> dict[str, Any]:
        """The profile as contract JSON (known fields only)."""
        out: dict[str, Any] = {
            k: (list(v) if isinstance(v, tuple) else v) for k, v in self.values.items()
        }
        if self.priorities:
            out["priorities"] = dict(self.priorities)
        return out

    def replace(self, **changes: Any) -> Profile:
        """A new profile with some fields changed (``None`` makes a field unknown again)."""
        data = self.to_dict()
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return parse_profile(data)

    def key(self) -> str:
        """A canonical string for caching and seeding."""
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def bound_problem(spec: FieldSpec, value: int) -> str | None:
    """Why a whole number is out of ``spec``'s documented range, or ``None`` when it is within.

    Shared by :func:`parse_profile` and the app's URL decoding (a value beyond the bound there
    becomes a notice and the field stays unknown).

    >>> bound_problem(FIELDS["founders"], 10**12)
    'must be <= 100000, got 1000000000000'
    """
    if value < 0:
        return f"must be >= 0, got {value}"
    if spec.max is not None and value > spec.max:
        return f"must be <= {spec.max}, got {value}"
    return None


def _check_value(spec: FieldSpec, value: Any) -> Any:
    """Validate one value against its field spec; returns the normalised value."""
    name = spec.name
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise ProfileError(name, f"expected true or false, got {json.dumps(value)}")
        return value
    if spec.kind == "int":
        if not _is_int(value):
            raise ProfileError(name, f"expected a whole number, got {json.dumps(value)}")
        problem = bound_problem(spec, value)
        if problem is not None:
            raise ProfileError(name, problem)
        return value
    if spec.kind == "enum":
        if not isinstance(value, str) or value not in spec.values:
            raise ProfileError(
                name, f"unknown value {json.dumps(value)}; expected {spec.describe()}"
            )
        return value
    if not isinstance(value, list):
        raise ProfileError(name, f"expected a list, got {json.dumps(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or item not in spec.values:
            raise ProfileError(
                f"{name}[{i}]",
                f"unknown value {json.dumps(item)}; expected one of {', '.join(spec.values)}",
            )
    # Repeats count for institutional partners ("two NGOs"); elsewhere they carry no meaning.
    if name == "institutional_partners":
        return tuple(sorted(value))
    return tuple(sorted(set(value)))


def parse_profile(data: Any, criteria: Mapping[str, Any] | None = None) -> Profile:
    """Validate a profile object as the contract defines it.

    ``criteria`` (ids of the knowledge base's criteria) is used to check ``priorities``; without
    it any priority key is accepted.

    >>> parse_profile({"founders": 3}).get("founders")
    3
    >>> parse_profile({"founders": -1})
    Traceback (most recent call last):
    ...
    recommender.profile.ProfileError: founders: must be >= 0, got -1
    """
    if not isinstance(data, dict):
        raise ProfileError("profile", "expected a JSON object")
    values: dict[str, Any] = {}
    priorities: dict[str, int] = {}
    for key, value in data.items():
        if key == "priorities":
            if not isinstance(value, dict):
                raise ProfileError("priorities", "expected an object of criterion id -> 0..4")
            for crit, weight in value.items():
                if criteria is not None and crit not in criteria:
                    raise ProfileError(f"priorities.{crit}", "unknown criterion")
                if not _is_int(weight) or not PRIORITY_MIN <= weight <= PRIORITY_MAX:
                    raise ProfileError(
                        f"priorities.{crit}",
                        f"expected a whole number 0..4, got {json.dumps(weight)}",
                    )
                priorities[crit] = weight
            continue
        spec = FIELDS.get(key)
        if spec is None:
            raise ProfileError(str(key), "unknown field")
        if value is None:
            continue  # explicit null reads as "unknown"
        values[key] = _check_value(spec, value)
    founders, at_risk = values.get("founders"), values.get("founders_at_risk")
    if founders is not None and at_risk is not None and at_risk > founders:
        raise ProfileError("founders_at_risk", f"must be <= founders ({founders}), got {at_risk}")
    return Profile(values=dict(sorted(values.items())), priorities=dict(sorted(priorities.items())))
