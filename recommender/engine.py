"""Profile → eligibility → applicable pros/cons → weights → score → ranking → robustness.

Pure functions over the immutable :class:`~recommender.loading.KnowledgeBase`. What does not
depend on the profile (criteria vectors of every pro and con, the perturbation matrix for
robustness) is computed once per knowledge base and cached by identity.

The score of an eligible form is ``base + Σ points`` (kept within 0–100), where every pro or
con that applies to this profile contributes ``points_per_unit × strength × mean weight of its
criteria`` (negative for cons). So the explanation of a score *is* the list of its items.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .conditions import Truth, evaluate, smallest_lift, unknown_fields
from .loading import CompiledItem, CompiledRule, KnowledgeBase
from .models import Text
from .profile import PRIORITY_MAX, PRIORITY_MIN, Profile

LANGS = ("pl", "en")


@dataclass(frozen=True)
class Contribution:
    """One pro or con that applies to this profile, with the points it adds to the score."""

    id: str
    kind: str  # "pro" | "con"
    text: Text
    criteria: tuple[str, ...]
    strength: int
    weight: float  # mean weight of its criteria for this profile
    points: float  # signed contribution to the score
    sources: tuple[str, ...]
    uncertainty: Text | None


@dataclass(frozen=True)
class Blocker:
    """Why a form is ruled out, and the smallest change that would lift it."""

    rule: str
    message: Mapping[str, str]
    change: Mapping[str, str]
    lift: Mapping[str, Any] | None
    sources: tuple[str, ...]
    uncertainty: Text | None


@dataclass(frozen=True)
class Pending:
    """A rule, pro or con that cannot be decided because the profile leaves fields unknown."""

    kind: str  # "rule" | "pro" | "con"
    id: str
    fields: tuple[str, ...]
    text: Text


@dataclass(frozen=True)
class FormResult:
    form: str
    eligible: bool
    score: float
    raw: float
    pros: tuple[Contribution, ...] = ()
    cons: tuple[Contribution, ...] = ()
    blockers: tuple[Blocker, ...] = ()
    pending: tuple[Pending, ...] = ()


@dataclass(frozen=True)
class Weight:
    criterion: str
    value: int
    origin: str  # "user" | "implied" | "default"


@dataclass(frozen=True)
class Robustness:
    top_form: str | None
    stays_first: float
    samples: int
    # how often each form came first across the variations (for "who else wins")
    firsts: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityChange:
    criterion: str
    old: int
    new: int


@dataclass(frozen=True)
class RunnerUp:
    """What single change of one priority would put the runner-up first (``change`` None: none does)."""

    form: str
    change: PriorityChange | None


@dataclass(frozen=True)
class Recommendation:
    profile: Profile
    ranking: tuple[FormResult, ...]
    weights: tuple[Weight, ...]
    robustness: Robustness
    runner_up: RunnerUp | None
    knowledge_version: str

    def result(self, form: str) -> FormResult:
        return next(r for r in self.ranking if r.form == form)

    @property
    def eligible(self) -> tuple[FormResult, ...]:
        return tuple(r for r in self.ranking if r.eligible)

    def to_dict(self, lang: str = "pl") -> dict[str, Any]:
        """The result as the public contract's JSON (plus a few documented extra fields)."""

        def item(c: Contribution) -> dict[str, Any]:
            return {
                "id": c.id,
                "text": c.text.get(lang),
                "contribution": round(c.points, 2),
                "criteria": list(c.criteria),
                "strength": c.strength,
                "sources": list(c.sources),
            }

        ranking = []
        for r in self.ranking:
            ranking.append(
                {
                    "form": r.form,
                    "eligible": r.eligible,
                    "score": round(r.score, 1) if r.eligible else 0,
                    "blockers": [
                        {"rule": b.rule, "message": b.message[lang], "change": b.change[lang],
                         "lift": dict(b.lift) if b.lift else None}
                        for b in r.blockers
                    ],
                    "pros": [item(c) for c in r.pros],
                    "cons": [item(c) for c in r.cons],
                    "depends_on": sorted({f for p in r.pending for f in p.fields}),
                }
            )
        runner = None
        if self.runner_up is not None:
            ch = self.runner_up.change
            runner = {
                "form": self.runner_up.form,
                "change": None if ch is None else {"criterion": ch.criterion, "from": ch.old, "to": ch.new},
            }
        return {
            "ranking": ranking,
            "robustness": {
                "top_form": self.robustness.top_form,
                "stays_first": round(self.robustness.stays_first, 3),
                "samples": self.robustness.samples,
            },
            "runner_up": runner,
            "weights": {w.criterion: w.value for w in self.weights},
            "knowledge_version": self.knowledge_version,
        }


# -- precomputation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    criteria: tuple[str, ...]
    form_order: dict[str, int]
    item_vectors: dict[int, np.ndarray]  # id(CompiledItem) -> criteria vector (strength / n)
    criterion_index: dict[str, int]
    perturbations: np.ndarray  # samples × criteria, integer steps


_PREPARED: dict[int, tuple[KnowledgeBase, _Prepared]] = {}


def _prepare(kb: KnowledgeBase) -> _Prepared:
    cached = _PREPARED.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    crits = tuple(kb.criteria)
    index = {c: i for i, c in enumerate(crits)}
    vectors: dict[int, np.ndarray] = {}
    for items in kb.items.values():
        for ci in items:
            vec = np.zeros(len(crits))
            for c in ci.item.criteria:
                vec[index[c]] += ci.item.strength / len(ci.item.criteria)
            vectors[id(ci)] = vec
    rng = np.random.default_rng(kb.scoring.robustness_seed)
    step = kb.scoring.robustness_step
    perturb = rng.integers(-step, step + 1, size=(kb.scoring.robustness_samples, len(crits)))
    prepared = _Prepared(
        criteria=crits,
        form_order={f: i for i, f in enumerate(kb.forms)},
        item_vectors=vectors,
        criterion_index=index,
        perturbations=perturb.astype(float),
    )
    _PREPARED[id(kb)] = (kb, prepared)
    return prepared


# -- weights ----------------------------------------------------------------------------------


def weights_for(kb: KnowledgeBase, profile: Profile) -> tuple[Weight, ...]:
    """The weight of each criterion: the user's priority, else what the answers imply, else the default."""
    out = []
    for cid, crit in kb.criteria.items():
        if cid in profile.priorities:
            out.append(Weight(cid, profile.priorities[cid], "user"))
            continue
        for cond, value in kb.criteria_conditions.get(cid, ()):
            if evaluate(cond, profile) is True:
                out.append(Weight(cid, value, "implied"))
                break
        else:
            out.append(Weight(cid, crit.default, "default"))
    return tuple(out)


# -- eligibility --------------------------------------------------------------------------------


def _fmt_value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("tak" if value else "nie") if lang == "pl" else ("yes" if value else "no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u00a0")
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def _render(template: Text, values: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        vals = _Values({k: _fmt_value(v, lang) for k, v in values.items()})
        out[lang] = string.Formatter().vformat(template.get(lang), (), vals)
    return out


def _blocker(rule: CompiledRule, profile: Profile) -> Blocker:
    lift_obj = smallest_lift(rule.condition, profile)
    values: dict[str, Any] = dict(profile.values)
    lift: dict[str, Any] | None = dict(rule.rule.lift) if rule.rule.lift else None
    if lift_obj is not None:
        if lift is None:
            lift = {lift_obj.field: lift_obj.value}
        if lift_obj.gap is not None:
            values["gap"] = lift_obj.gap
    return Blocker(
        rule=rule.rule.id,
        message=_render(rule.rule.message, values),
        change=_render(rule.rule.change, values),
        lift=lift,
        sources=rule.rule.sources,
        uncertainty=rule.rule.uncertainty,
    )


def check_rules(kb: KnowledgeBase, form: str, profile: Profile) -> tuple[list[Blocker], list[Pending]]:
    blockers, pending = [], []
    for rule in kb.rules[form]:
        truth: Truth = evaluate(rule.condition, profile)
        if truth is True:
            blockers.append(_blocker(rule, profile))
        elif truth is None:
            pending.append(Pending("rule", rule.rule.id, unknown_fields(rule.condition, profile), rule.rule.message))
    return blockers, pending


# -- scoring -----------------------------------------------------------------------------------


def _applicable(items: Sequence[CompiledItem], profile: Profile) -> tuple[list[CompiledItem], list[Pending]]:
    applies, pending = [], []
    for ci in items:
        truth = evaluate(ci.condition, profile)
        if truth is True:
            applies.append(ci)
        elif truth is None:
            pending.append(Pending(ci.kind, ci.item.id, unknown_fields(ci.condition, profile), ci.item.text))
    return applies, pending


def recommend(kb: KnowledgeBase, profile: Profile) -> Recommendation:
    """Rank every form for this profile, with per-item contributions and robustness."""
    prep = _prepare(kb)
    weights = weights_for(kb, profile)
    w = np.array([x.value for x in weights], dtype=float)
    ppu, base = kb.scoring.points_per_unit, kb.scoring.base

    results: list[FormResult] = []
    nets: dict[str, np.ndarray] = {}
    for form in kb.forms:
        blockers, pending = check_rules(kb, form, profile)
        if blockers:
            results.append(FormResult(form, False, 0.0, float("-inf"), blockers=tuple(blockers), pending=tuple(pending)))
            continue
        applies, item_pending = _applicable(kb.items[form], profile)
        net = np.zeros(len(prep.criteria))
        pros, cons = [], []
        for ci in applies:
            vec = prep.item_vectors[id(ci)]
            sign = 1.0 if ci.kind == "pro" else -1.0
            net += sign * vec
            mean_w = sum(w[prep.criterion_index[c]] for c in ci.item.criteria) / len(ci.item.criteria)
            contrib = Contribution(
                id=ci.item.id, kind=ci.kind, text=ci.item.text, criteria=ci.item.criteria,
                strength=ci.item.strength, weight=float(mean_w), points=sign * ppu * float(vec @ w),
                sources=ci.item.sources, uncertainty=ci.item.uncertainty,
            )
            (pros if sign > 0 else cons).append(contrib)
        raw = base + ppu * float(net @ w)
        nets[form] = net
        pros.sort(key=lambda c: -c.points)
        cons.sort(key=lambda c: c.points)
        results.append(FormResult(form, True, min(100.0, max(0.0, raw)), raw, tuple(pros), tuple(cons),
                                  (), tuple(pending + item_pending)))

    order = prep.form_order
    results.sort(key=lambda r: (not r.eligible, -round(r.raw, 9) if r.eligible else 0.0, order[r.form]))
    eligible = [r.form for r in results if r.eligible]
    robustness = _robustness(kb, prep, eligible, nets, w)
    runner = _runner_up(prep, eligible, nets, w, kb)
    return Recommendation(profile, tuple(results), weights, robustness, runner, kb.version)


def _tops(matrix: np.ndarray, forms: Sequence[str], order: Mapping[str, int]) -> np.ndarray:
    """Index of the first-placed form per row, ties broken by the contract's form order."""
    rounded = np.round(matrix, 9)
    # columns are already in ranking order; re-sort them by contract order so argmax ties pick it
    cols = sorted(range(len(forms)), key=lambda i: order[forms[i]])
    best = np.argmax(rounded[:, cols], axis=1)
    return np.array(cols)[best]


def _robustness(kb: KnowledgeBase, prep: _Prepared, eligible: list[str], nets: Mapping[str, np.ndarray],
                w: np.ndarray) -> Robustness:
    samples = len(prep.perturbations)
    if not eligible:
        return Robustness(None, 0.0, samples)
    if len(eligible) == 1:
        return Robustness(eligible[0], 1.0, samples, {eligible[0]: 1.0})
    variants = np.clip(w + prep.perturbations, PRIORITY_MIN, PRIORITY_MAX)
    net_matrix = np.stack([nets[f] for f in eligible], axis=1)  # criteria × forms
    scores = variants @ net_matrix
    tops = _tops(scores, eligible, prep.form_order)
    counts = np.bincount(tops, minlength=len(eligible)) / samples
    firsts = {eligible[i]: float(counts[i]) for i in range(len(eligible)) if counts[i] > 0}
    return Robustness(eligible[0], float(counts[0]), samples, firsts)


def _runner_up(prep: _Prepared, eligible: list[str], nets: Mapping[str, np.ndarray], w: np.ndarray,
               kb: KnowledgeBase) -> RunnerUp | None:
    if len(eligible) < 2:
        return None
    runner = eligible[1]
    net_matrix = np.stack([nets[f] for f in eligible], axis=1)
    candidates: list[tuple[int, int, int, int]] = []  # (|delta|, criterion order, new value, index)
    rows = []
    for ci, crit in enumerate(prep.criteria):
        for value in range(PRIORITY_MIN, PRIORITY_MAX + 1):
            if value == int(w[ci]):
                continue
            variant = w.copy()
            variant[ci] = value
            rows.append(variant)
            candidates.append((abs(value - int(w[ci])), ci, value, len(rows) - 1))
    if not rows:
        return RunnerUp(runner, None)
    tops = _tops(np.array(rows) @ net_matrix, eligible, prep.form_order)
    winning = [c for c in candidates if tops[c[3]] == 1]
    if not winning:
        return RunnerUp(runner, None)
    delta, ci, value, _ = min(winning)
    return RunnerUp(runner, PriorityChange(prep.criteria[ci], int(w[ci]), value))
