"""Hypothesis strategies for valid profiles (every field optional, as the contract allows)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from recommender.profile import FIELDS

CRITERIA: list[str] = []  # filled lazily from the knowledge base by the tests that need priorities


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "enum":
        return st.sampled_from(spec.values)
    if spec.kind == "enum_list":
        return st.lists(
            st.sampled_from(spec.values), max_size=4 if name == "institutional_partners" else 6
        )
    if name == "capital_pln":
        return st.one_of(st.integers(0, 100_000), st.sampled_from([0, 999, 1000, 4999, 5000]))
    return st.integers(0, 30)


@st.composite
def profiles(draw: st.DrawFn, criteria: tuple[str, ...] = ()) -> dict[str, Any]:
    """A random valid profile dict."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        if name == "founders_at_risk":
            continue
        if draw(st.booleans()):
            out[name] = draw(_value(name))
    if "founders" in out and draw(st.booleans()):
        out["founders_at_risk"] = draw(st.integers(0, out["founders"]))
    if criteria and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(criteria), unique=True, max_size=len(criteria)))
        out["priorities"] = {c: draw(st.integers(0, 4)) for c in chosen}
    return out
