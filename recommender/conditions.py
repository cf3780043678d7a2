"""A tiny declarative condition language over profiles, with three-valued logic.

Written in YAML as nested mappings, never evaluated as code::

    all:
      - {field: founders, lt: 7}
      - not: {field: goals, contains: grantmaking}
      - any:
          - {field: institutional_partners, count_of: [gmina, ngo, church], ge: 2}
          - {field: at_risk_share, ge: 0.5}

A condition on a field the user left unknown is *unknown* (``None``): ``all`` is false if any
part is false, else unknown if any part is unknown; ``any`` is true if any part is true, else
unknown if any part is unknown; ``not`` keeps unknown unknown. Unknown never blocks a form and
never applies a pro or con.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from .profile import DERIVED_FIELDS, FIELDS, FieldSpec, Profile

Truth = bool | None
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "contains_any")
NUMERIC_OPS = ("lt", "le", "gt", "ge")


class ConditionError(ValueError):
    """A malformed condition; ``location`` is the path inside the condition (``all[1].field``)."""

    def __init__(self, location: str, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}" if location else message)


@dataclass(frozen=True)
class Leaf:
    field: str
    op: str
    value: Any
    count_of: tuple[str, ...] | None = None


@dataclass(frozen=True)
class All:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition = Leaf | All | Any_ | Not


def _spec(field: str) -> FieldSpec | None:
    return FIELDS.get(field) or DERIVED_FIELDS.get(field)


def _check_scalar(spec: FieldSpec, value: Any, loc: str) -> None:
    if spec.kind in ("enum", "enum_list"):
        if not isinstance(value, str) or value not in spec.values:
            raise ConditionError(loc, f"unknown value {value!r} for field '{spec.name}'")
    elif spec.kind == "bool":
        if not isinstance(value, bool):
            raise ConditionError(loc, f"field '{spec.name}' takes true or false, got {value!r}")
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise ConditionError(loc, f"field '{spec.name}' takes a number, got {value!r}")


def parse_condition(raw: Any, loc: str = "") -> Condition:
    """Parse and validate a condition; raises :class:`ConditionError` naming the location."""

    def sub(key: str) -> str:
        return f"{loc}.{key}" if loc else key

    if not isinstance(raw, dict) or not raw:
        raise ConditionError(loc, "a condition must be a mapping (all/any/not or field + operator)")
    if "all" in raw or "any" in raw:
        key = "all" if "all" in raw else "any"
        if len(raw) != 1:
            raise ConditionError(loc, f"'{key}' must stand alone, found {sorted(raw)}")
        parts = raw[key]
        if not isinstance(parts, list) or not parts:
            raise ConditionError(sub(key), "expected a non-empty list of conditions")
        parsed = tuple(parse_condition(p, f"{sub(key)}[{i}]") for i, p in enumerate(parts))
        return All(parsed) if key == "all" else Any_(parsed)
    if "not" in raw:
        if len(raw) != 1:
            raise ConditionError(loc, f"'not' must stand alone, found {sorted(raw)}")
        return Not(parse_condition(raw["not"], sub("not")))
    if "field" not in raw:
        raise ConditionError(
            loc, f"unknown condition keys {sorted(raw)}; expected all, any, not or field"
        )
    field = raw["field"]
    spec = _spec(field) if isinstance(field, str) else None
    if spec is None:
        raise ConditionError(sub("field"), f"unknown profile field {field!r}")
    count_of = raw.get("count_of")
    ops = [k for k in raw if k not in ("field", "count_of")]
    unknown = [k for k in ops if k not in COMPARISONS]
    if unknown:
        raise ConditionError(
            loc, f"unknown operator {unknown[0]!r}; expected one of {', '.join(COMPARISONS)}"
        )
    if len(ops) != 1:
        raise ConditionError(loc, "expected exactly one operator")
    op = ops[0]
    value = raw[op]
    if count_of is not None:
        if spec.kind != "enum_list":
            raise ConditionError(sub("count_of"), f"count_of needs a list field, '{field}' is not")
        if not isinstance(count_of, list) or not count_of:
            raise ConditionError(sub("count_of"), "expected a non-empty list of values")
        for i, v in enumerate(count_of):
            _check_scalar(spec, v, f"{sub('count_of')}[{i}]")
        if (
            op not in (*NUMERIC_OPS, "eq", "ne")
            or isinstance(value, bool)
            or not isinstance(value, int)
        ):
            raise ConditionError(
                sub(op), "count_of compares a count with a whole number (eq/ne/lt/le/gt/ge)"
            )
        return Leaf(field, op, value, tuple(count_of))
    if op in ("contains", "contains_any"):
        if spec.kind != "enum_list":
            raise ConditionError(sub(op), f"'{op}' needs a list field, '{field}' is not")
        if op == "contains":
            _check_scalar(spec, value, sub(op))
            return Leaf(field, op, value)
        if not isinstance(value, list) or not value:
            raise ConditionError(sub(op), "expected a non-empty list of values")
        for i, v in enumerate(value):
            _check_scalar(spec, v, f"{sub(op)}[{i}]")
        return Leaf(field, op, frozenset(value))
    if spec.kind == "enum_list":
        raise ConditionError(
            sub(op), f"'{field}' is a list: use contains, contains_any or count_of"
        )
    if op in NUMERIC_OPS:
        if spec.kind != "int":
            raise ConditionError(sub(op), f"'{op}' needs a number field, '{field}' is not")
        _check_scalar(spec, value, sub(op))
        return Leaf(field, op, value)
    if op == "in":
        if not isinstance(value, list) or not value:
            raise ConditionError(sub(op), "expected a non-empty list of values")
        for i, v in enumerate(value):
            _check_scalar(spec, v, f"{sub(op)}[{i}]")
        return Leaf(field, op, frozenset(value))
    _check_scalar(spec, value, sub(op))
    return Leaf(field, op, value)


def _leaf_value(leaf: Leaf, actual: Any) -> Any:
    if leaf.count_of is not None:
        return sum(1 for v in actual if v in leaf.count_of)
    return actual


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda a, b: bool(a == b),
    "ne": lambda a, b: bool(a != b),
    "lt": lambda a, b: bool(a < b),
    "le": lambda a, b: bool(a <= b),
    "gt": lambda a, b: bool(a > b),
    "ge": lambda a, b: bool(a >= b),
    "in": lambda a, b: a in b,
    "contains": lambda a, b: b in a,
    "contains_any": lambda a, b: not b.isdisjoint(a),
}


def evaluate(cond: Condition | None, profile: Profile) -> Truth:
    """Three-valued evaluation: True, False, or None for unknown. ``None`` condition = True."""
    if cond is None:
        return True
    if isinstance(cond, Leaf):
        actual = profile.get(cond.field)
        if actual is None:
            return None
        return _OPS[cond.op](_leaf_value(cond, actual), cond.value)
    if isinstance(cond, All):
        result: Truth = True
        for part in cond.parts:
            r = evaluate(part, profile)
            if r is False:
                return False
            if r is None:
                result = None
        return result
    if isinstance(cond, Any_):
        any_result: Truth = False
        for part in cond.parts:
            r = evaluate(part, profile)
            if r is True:
                return True
            if r is None:
                any_result = None
        return any_result
    inner = evaluate(cond.part, profile)
    return None if inner is None else not inner


def fields_of(cond: Condition | None) -> tuple[str, ...]:
    """The profile fields a condition reads, in first-use order (for "depends on ..." notes)."""
    out: list[str] = []

    def walk(c: Condition) -> None:
        if isinstance(c, Leaf):
            base = {
                "at_risk_share": ("founders", "founders_at_risk"),
                "partners_count": ("institutional_partners",),
            }
            for f in base.get(c.field, (c.field,)):
                if f not in out:
                    out.append(f)
        elif isinstance(c, All | Any_):
            for p in c.parts:
                walk(p)
        else:
            walk(c.part)

    if cond is not None:
        walk(cond)
    return tuple(out)


def unknown_fields(cond: Condition | None, profile: Profile) -> tuple[str, ...]:
    """Of the fields a condition reads, those the profile leaves unknown."""
    return tuple(f for f in fields_of(cond) if profile.get(f) is None)


@dataclass(frozen=True)
class Lift:
    """The smallest change to one field that makes a leaf false (lifts a blocker)."""

    field: str
    value: Any
    gap: float | None = None  # how much a number must grow (founders, capital), for messages


def _lift_leaf(leaf: Leaf, profile: Profile) -> Lift | None:
    actual = profile.get(leaf.field)
    if actual is None or leaf.field in DERIVED_FIELDS:
        return None
    if leaf.count_of is not None:
        # Make the count satisfy the negation by adding the first countable value.
        count = _leaf_value(leaf, actual)
        if leaf.op in ("lt", "le"):
            need = (leaf.value if leaf.op == "lt" else leaf.value + 1) - count
            if need <= 0:
                return None
            new = tuple(sorted((*actual, *([leaf.count_of[0]] * need))))
            return Lift(leaf.field, list(new), need)
        return None
    if leaf.op in ("lt", "le") and isinstance(actual, int | float):
        target = leaf.value if leaf.op == "lt" else leaf.value + 1
        target = math.ceil(target)
        return Lift(leaf.field, target, target - actual)
    if leaf.op == "eq" and isinstance(leaf.value, bool):
        return Lift(leaf.field, not leaf.value)
    if leaf.op == "contains":
        return Lift(leaf.field, [v for v in actual if v != leaf.value])
    if leaf.op == "contains_any":
        return Lift(leaf.field, [v for v in actual if v not in leaf.value])
    return None


def smallest_lift(cond: Condition, profile: Profile) -> Lift | None:
    """A single-field change that makes a true condition false, preferring growth in numbers.

    Only simple shapes are handled (a leaf, or ``all`` where lifting one part suffices); rules
    with other shapes state their change in words only.
    """
    if isinstance(cond, Leaf):
        return _lift_leaf(cond, profile)
    if isinstance(cond, All):
        candidates = [smallest_lift(p, profile) for p in cond.parts if evaluate(p, profile) is True]
        numeric = [c for c in candidates if c is not None and c.gap is not None]
        if numeric:
            return min(numeric, key=lambda c: c.gap or 0)
        others = [c for c in candidates if c is not None]
        return others[0] if others else None
    if isinstance(cond, Any_):
        true_parts = [p for p in cond.parts if evaluate(p, profile) is True]
        if len(true_parts) == 1:
            return smallest_lift(true_parts[0], profile)
    return None


SharedTest = Callable[[Sequence[Truth]], Truth]


class LeafTable:
    """Conditions that share leaves, each distinct leaf evaluated once per profile.

    Many items test the same leaf (``economic_activity = true``). :meth:`compile` interns a
    condition's leaves and gives a test over the list of leaf values that :meth:`evaluator`
    computes for a profile; the semantics are those of :func:`evaluate` (the tests check that
    both agree). Evaluating every leaf up front is safe: a leaf never fails on a valid profile.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[Leaf, type], int] = {}
        self._fields: dict[str, list[tuple[int, Callable[[Any, Any], bool], Any, Any]]] = {}

    def _intern(self, leaf: Leaf) -> int:
        key = (leaf, type(leaf.value))
        k = self._index.get(key)
        if k is None:
            k = self._index[key] = len(self._index)
            self._fields.setdefault(leaf.field, []).append(
                (k, _OPS[leaf.op], leaf.value, leaf.count_of)
            )
        return k

    def compile(self, cond: Condition | None) -> SharedTest:
        """A test over the leaf values (``None`` condition: always true)."""
        if cond is None:
            return lambda _v: True
        if isinstance(cond, Leaf):
            get: SharedTest = itemgetter(self._intern(cond))
            return get
        if isinstance(cond, All):
            parts = tuple(self.compile(c) for c in cond.parts)

            def all_(v: Sequence[Truth]) -> Truth:
                result: Truth = True
                for part in parts:
                    r = part(v)
                    if r is False:
                        return False
                    if r is None:
                        result = None
                return result

            return all_
        if isinstance(cond, Any_):
            parts = tuple(self.compile(c) for c in cond.parts)

            def any_(v: Sequence[Truth]) -> Truth:
                result: Truth = False
                for part in parts:
                    r = part(v)
                    if r is True:
                        return True
                    if r is None:
                        result = None
                return result

            return any_
        inner = self.compile(cond.part)

        def not_(v: Sequence[Truth]) -> Truth:
            r = inner(v)
            return None if r is None else not r

        return not_

    def evaluator(self) -> Callable[[Profile], list[Truth]]:
        """The values of every leaf interned so far, for one profile (``None``: unknown)."""
        size = len(self._index)
        plan = tuple(
            (field, field in DERIVED_FIELDS, tuple(entries))
            for field, entries in self._fields.items()
        )

        def leaves(p: Profile) -> list[Truth]:
            out: list[Truth] = [None] * size
            values = p.values
            for field, derived, entries in plan:
                actual = p.get(field) if derived else values.get(field)
                if actual is None:
                    continue
                for k, op, value, count_of in entries:
                    if count_of is None:
                        out[k] = op(actual, value)
                    else:
                        out[k] = op(sum(1 for v in actual if v in count_of), value)
            return out

        return leaves


Compiled = Callable[[Profile], Truth]


def compile_condition(cond: Condition | None) -> Compiled:
    """One condition as a function of a profile, with the semantics of :func:`evaluate`
    (a :class:`LeafTable` of its own; the engine shares one table between all conditions)."""
    table = LeafTable()
    test = table.compile(cond)
    leaves = table.evaluator()
    return lambda p: test(leaves(p))
