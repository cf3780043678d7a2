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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import orjson

from .conditions import LeafTable, SharedTest, Truth, fields_of, smallest_lift
from .profile import PRIORITY_MAX, PRIORITY_MIN, Profile

if TYPE_CHECKING:  # not imported at run time: a plain view (ranking_view) may stand in for them
    from .loading import CompiledItem, CompiledRule, KnowledgeBase
    from .models import Text

    _Head = tuple[str, str, Text, tuple[str, ...], int]
    _Tail = tuple[tuple[str, ...], Text | None]
    _ItemJson = tuple[Text, str, tuple[str, ...], int, tuple[str, ...], bytes, bytes]

LANGS = ("pl", "en")


class Contribution(NamedTuple):
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


class Blocker:
    """Why a form is ruled out, and the smallest change that would lift it.

    The texts and the lift are worked out when first read: most callers (a batch ranking, the
    room statistics) never read most of them.
    """

    __slots__ = (
        "rule",
        "sources",
        "uncertainty",
        "_compiled",
        "_profile",
        "_done",
        "_values",
        "_lift",
    )

    def __init__(self, compiled: CompiledRule, profile: Profile) -> None:
        self.rule: str = compiled.rule.id
        self.sources: tuple[str, ...] = compiled.rule.sources
        self.uncertainty: Text | None = compiled.rule.uncertainty
        self._compiled = compiled
        self._profile = profile
        self._done: tuple[dict[str, str], dict[str, str], dict[str, Any] | None] | None = None
        self._values: dict[str, Any] | None = None
        self._lift: dict[str, Any] | None = None

    def _lifted(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The values its texts are filled with (the profile plus ``gap``) and the lift."""
        if self._values is None:
            rule, profile = self._compiled.rule, self._profile
            lift_obj = smallest_lift(self._compiled.condition, profile)
            values: dict[str, Any] = dict(profile.values)
            lift: dict[str, Any] | None = dict(rule.lift) if rule.lift else None
            if lift_obj is not None:
                if lift is None:
                    lift = {lift_obj.field: lift_obj.value}
                if lift_obj.gap is not None:
                    values["gap"] = lift_obj.gap
            self._values, self._lift = values, lift
        return self._values, self._lift

    def _work(self) -> tuple[dict[str, str], dict[str, str], dict[str, Any] | None]:
        if self._done is None:
            rule = self._compiled.rule
            values, lift = self._lifted()
            self._done = (_render(rule.message, values), _render(rule.change, values), lift)
        return self._done

    def texts(self, lang: str) -> tuple[str, str, dict[str, Any] | None]:
        """The message and the change in one language, and the lift (renders only ``lang``)."""
        if self._done is not None:
            return self._done[0][lang], self._done[1][lang], self._done[2]
        rule = self._compiled.rule
        values, lift = self._lifted()
        return _render_one(rule.message, values, lang), _render_one(rule.change, values, lang), lift

    @property
    def message(self) -> Mapping[str, str]:
        return self._work()[0]

    @property
    def change(self) -> Mapping[str, str]:
        return self._work()[1]

    @property
    def lift(self) -> Mapping[str, Any] | None:
        return self._work()[2]

    def __repr__(self) -> str:
        return f"Blocker({self.rule!r})"


class Pending:
    """A rule, pro or con that cannot be decided because the profile leaves fields unknown."""

    __slots__ = ("kind", "id", "text", "_reads", "_profile")

    def __init__(
        self, kind: str, id: str, reads: tuple[str, ...], text: Text, profile: Profile
    ) -> None:
        self.kind = kind  # "rule" | "pro" | "con"
        self.id = id
        self.text = text
        self._reads = reads
        self._profile = profile

    @property
    def fields(self) -> tuple[str, ...]:
        """The unanswered fields it depends on."""
        return tuple(f for f in self._reads if f not in self._profile.values)

    def __repr__(self) -> str:
        return f"Pending({self.kind!r}, {self.id!r}, {self.fields!r})"


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


class Weight(NamedTuple):
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
    """The single priority change that would put the runner-up first (``change`` None: none)."""

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
                        {
                            "rule": b.rule,
                            "message": b.message[lang],
                            "change": b.change[lang],
                            "lift": dict(b.lift) if b.lift else None,
                        }
                        for b in r.blockers
                    ],
                    "pros": [item(c) for c in r.pros],
                    "cons": [item(c) for c in r.cons],
                    "depends_on": sorted({f for p in r.pending for f in p.fields}),
                }
            )
        return {"ranking": ranking, **self._tail()}

    def to_json(self, lang: str = "pl") -> bytes:
        """``orjson.dumps(self.to_dict(lang))``, byte for byte, built with less work per result.

        The fixed parts of every pro and con (id, text, criteria, strength, sources) are
        serialised once per item and language and reused; blockers render only ``lang``.
        """
        dumps = orjson.dumps
        values = self.profile.values
        ranking = []
        for r in self.ranking:
            blockers = []
            for b in r.blockers:
                message, change, lift = b.texts(lang)
                blockers.append(
                    {
                        "rule": b.rule,
                        "message": message,
                        "change": change,
                        "lift": dict(lift) if lift else None,
                    }
                )
            ranking.append(
                {
                    "form": r.form,
                    "eligible": r.eligible,
                    "score": round(r.score, 1) if r.eligible else 0,
                    "blockers": blockers,
                    "pros": _items_json(r.pros, lang),
                    "cons": _items_json(r.cons, lang),
                    "depends_on": sorted(
                        {f for p in r.pending for f in p._reads if f not in values}
                    ),
                }
            )
        return dumps({"ranking": ranking, **self._tail()})

    def _tail(self) -> dict[str, Any]:
        """The fields of :meth:`to_dict` after ``ranking``."""
        runner = None
        if self.runner_up is not None:
            ch = self.runner_up.change
            runner = {
                "form": self.runner_up.form,
                "change": None
                if ch is None
                else {"criterion": ch.criterion, "from": ch.old, "to": ch.new},
            }
        return {
            "robustness": {
                "top_form": self.robustness.top_form,
                "stays_first": round(self.robustness.stays_first, 3),
                "samples": self.robustness.samples,
            },
            "runner_up": runner,
            "weights": {w.criterion: w.value for w in self.weights},
            "knowledge_version": self.knowledge_version,
        }


# The serialised fixed parts of a contribution per language, keyed by the identity of its text
# (one object per pro/con of a loaded knowledge base) and checked against the contribution on use;
# and the serialised points, rounded as in ``to_dict`` (few distinct values: priorities are small
# integers).
_ITEM_JSON: dict[str, dict[int, _ItemJson]] = {lang: {} for lang in LANGS}
_POINTS_JSON: dict[float, bytes] = {}
_CACHE_MAX = 20_000


def _item_json(c: Contribution, lang: str) -> _ItemJson:
    dumps = orjson.dumps
    head = b'{"id":%b,"text":%b,"contribution":' % (dumps(c.id), dumps(c.text.get(lang)))
    tail = b',"criteria":%b,"strength":%b,"sources":%b}' % (
        dumps(list(c.criteria)),
        dumps(c.strength),
        dumps(list(c.sources)),
    )
    cache = _ITEM_JSON.setdefault(lang, {})
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    entry = (c.text, c.id, c.criteria, c.strength, c.sources, head, tail)
    cache[id(c.text)] = entry
    return entry


def _points_json(points: float) -> bytes:
    if len(_POINTS_JSON) >= _CACHE_MAX:
        _POINTS_JSON.clear()
    out = _POINTS_JSON[points] = orjson.dumps(round(points, 2))
    return out


def _items_json(contributions: Sequence[Contribution], lang: str) -> orjson.Fragment:
    if not contributions:
        return _EMPTY
    parts = []
    cache = _ITEM_JSON.get(lang) or {}
    numbers = _POINTS_JSON
    for c in contributions:
        e = cache.get(id(c.text))
        if (
            e is None
            or e[0] is not c.text
            or e[2] is not c.criteria
            or e[4] is not c.sources
            or e[1] != c.id
            or e[3] != c.strength
        ):
            e = _item_json(c, lang)
        pts = c.points
        num = numbers.get(pts) if pts else None  # 0.0 == -0.0 as keys, but not as JSON
        parts.append(e[5] + (num if num is not None else _points_json(pts)) + e[6])
    return orjson.Fragment(b"[" + b",".join(parts) + b"]")


_EMPTY = orjson.Fragment(b"[]")


# -- precomputation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prepared:
    """Everything that does not depend on the profile, computed once per knowledge base.

    ``matrix`` has one row per pro/con of every form (pros positive, cons negative): the row is the
    item's strength spread evenly over its criteria, so ``matrix @ weights`` gives every item's
    points and ``matrix[applicable].sum()`` per form gives the form's net vector.
    """

    criteria: tuple[str, ...]
    criterion_index: dict[str, int]
    form_order: dict[str, int]
    forms: tuple[str, ...]
    items: tuple[CompiledItem, ...]
    leaves: Callable[[Profile], list[Truth]]  # every distinct condition leaf, once per profile
    item_tests: tuple[SharedTest | None, ...]  # over the leaf values; None: applies to everyone
    item_fields: tuple[tuple[str, ...], ...]
    # per item: the fixed fields of its Contribution (before and after weight and points), the
    # divisor giving its weight from its points, whether it is a pro, and its membership cell
    item_parts: tuple[tuple[_Head, float, _Tail, bool, int], ...]
    matrix: np.ndarray  # items × criteria, signed
    form_slices: dict[str, tuple[int, int]]
    rule_tests: dict[str, tuple[tuple[CompiledRule, SharedTest, tuple[str, ...]], ...]]
    criterion_tests: tuple[tuple[tuple[SharedTest, int], ...], ...]
    perturbations: np.ndarray  # samples × criteria, integer steps
    change_rows: np.ndarray  # (criteria × 5): criterion index of each single-priority change
    change_values: np.ndarray  # the new value of each single-priority change


_PREPARED: dict[int, tuple[KnowledgeBase, _Prepared]] = {}


def _prepare(kb: KnowledgeBase) -> _Prepared:
    cached = _PREPARED.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    crits = tuple(kb.criteria)
    index = {c: i for i, c in enumerate(crits)}
    forms = tuple(kb.forms)
    items: list[CompiledItem] = []
    rows: list[np.ndarray] = []
    owner: list[int] = []
    slices: dict[str, tuple[int, int]] = {}
    for fi, form in enumerate(forms):
        start = len(items)
        for ci in kb.items[form]:
            vec = np.zeros(len(crits))
            for c in ci.item.criteria:
                vec[index[c]] += ci.item.strength / len(ci.item.criteria)
            rows.append(vec if ci.kind == "pro" else -vec)
            items.append(ci)
            owner.append(fi)
        slices[form] = (start, len(items))
    rng = np.random.default_rng(kb.scoring.robustness_seed)
    step = kb.scoring.robustness_step
    perturb = rng.integers(-step, step + 1, size=(kb.scoring.robustness_samples, len(crits)))
    values = np.arange(PRIORITY_MIN, PRIORITY_MAX + 1)
    table = LeafTable()
    item_tests = tuple(
        None if ci.condition is None else table.compile(ci.condition) for ci in items
    )
    rule_tests = {
        f: tuple((r, table.compile(r.condition), fields_of(r.condition)) for r in kb.rules[f])
        for f in forms
    }
    criterion_tests = tuple(
        tuple((table.compile(c), v) for c, v in kb.criteria_conditions.get(cid, ()))
        for cid in crits
    )
    prepared = _Prepared(
        criteria=crits,
        criterion_index=index,
        form_order={f: i for i, f in enumerate(forms)},
        forms=forms,
        items=tuple(items),
        leaves=table.evaluator(),
        item_tests=item_tests,
        item_fields=tuple(fields_of(ci.condition) for ci in items),
        item_parts=tuple(
            (
                (ci.item.id, ci.kind, ci.item.text, ci.item.criteria, ci.item.strength),
                kb.scoring.points_per_unit * ci.item.strength,
                (ci.item.sources, ci.item.uncertainty),
                ci.kind == "pro",
                i * len(forms) + fi,
            )
            for i, (ci, fi) in enumerate(zip(items, owner, strict=True))
        ),
        matrix=np.array(rows) if rows else np.zeros((0, len(crits))),
        form_slices=slices,
        rule_tests=rule_tests,
        criterion_tests=criterion_tests,
        perturbations=perturb.astype(float),
        change_rows=np.repeat(np.arange(len(crits)), len(values)),
        change_values=np.tile(values, len(crits)).astype(float),
    )
    _PREPARED[id(kb)] = (kb, prepared)
    return prepared


# -- weights ----------------------------------------------------------------------------------


def weights_for(kb: KnowledgeBase, profile: Profile) -> tuple[Weight, ...]:
    """Each criterion's weight: the user's priority, else what the answers imply, else default."""
    prep = _prepare(kb)
    return _weights(kb, prep, profile, prep.leaves(profile))


def _weights(
    kb: KnowledgeBase, prep: _Prepared, profile: Profile, leaves: list[Truth]
) -> tuple[Weight, ...]:
    out = []
    for cid, tests in zip(prep.criteria, prep.criterion_tests, strict=True):
        if cid in profile.priorities:
            out.append(Weight(cid, profile.priorities[cid], "user"))
            continue
        for test, value in tests:
            if test(leaves) is True:
                out.append(Weight(cid, value, "implied"))
                break
        else:
            out.append(Weight(cid, kb.criteria[cid].default, "default"))
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


_PLACEHOLDERS: dict[str, tuple[str, ...]] = {}


def _placeholders(template: str) -> tuple[str, ...]:
    names = _PLACEHOLDERS.get(template)
    if names is None:
        names = tuple(f for _, f, _, _ in string.Formatter().parse(template) if f)
        _PLACEHOLDERS[template] = names
    return names


def plural(count: float, forms: Sequence[str], lang: str) -> str:
    """The word form for a count: Polish has three (1 osoba, 2 osoby, 5 osób), English two.

    >>> plural(3, ["osoba", "osoby", "osób"], "pl"), plural(12, ["osoba", "osoby", "osób"], "pl")
    ('osoby', 'osób')
    >>> plural(1, ["founder", "founders"], "en")
    'founder'
    """
    n = abs(int(count)) if float(count).is_integer() else None
    if lang == "pl" and len(forms) == 3:
        if n == 1:
            return forms[0]
        if n is not None and 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return forms[1]
        return forms[2]
    return forms[0] if n == 1 else forms[-1]


def _placeholder_value(name: str, values: Mapping[str, Any], lang: str) -> str:
    """``{gap}`` → the value; ``{gap|osoba|osoby|osób}`` → the value with the right word form."""
    key, *forms = name.split("|")
    if key not in values:
        return "?"
    text = _fmt_value(values[key], lang)
    if forms and isinstance(values[key], int | float):
        return f"{text} {plural(values[key], forms, lang)}"
    return text


def _render_one(template: Text, values: Mapping[str, Any], lang: str) -> str:
    text = template.get(lang)
    used = {n: _placeholder_value(n, values, lang) for n in _placeholders(text)}
    return text.format_map(used) if used else text


def _render(template: Text, values: Mapping[str, Any]) -> dict[str, str]:
    return {lang: _render_one(template, values, lang) for lang in LANGS}


def check_rules(
    kb: KnowledgeBase, form: str, profile: Profile
) -> tuple[list[Blocker], list[Pending]]:
    """Blockers (rules that hold) and pending rules (undecided because of unknown answers)."""
    prep = _prepare(kb)
    return _check_rules(prep, form, profile, prep.leaves(profile))


def _check_rules(
    prep: _Prepared, form: str, profile: Profile, leaves: list[Truth]
) -> tuple[list[Blocker], list[Pending]]:
    blockers: list[Blocker] = []
    pending: list[Pending] = []
    for rule, test, fields in prep.rule_tests[form]:
        truth: Truth = test(leaves)
        if truth is True:
            blockers.append(Blocker(rule, profile))
        elif truth is None:
            pending.append(Pending("rule", rule.rule.id, fields, rule.rule.message, profile))
    return blockers, pending


# -- scoring -----------------------------------------------------------------------------------


def recommend(kb: KnowledgeBase, profile: Profile) -> Recommendation:
    """Rank every form for this profile, with per-item contributions and robustness."""
    prep = _prepare(kb)
    leaves = prep.leaves(profile)
    weights = _weights(kb, prep, profile, leaves)
    w = np.array([x.value for x in weights], dtype=float)
    ppu, base = kb.scoring.points_per_unit, kb.scoring.base
    points = ((prep.matrix @ w) * ppu).tolist()  # every item's points for this profile

    tests, parts = prep.item_tests, prep.item_parts
    applied: list[int] = []  # cells (item, its form) of the membership matrix, flattened
    open_forms: list[tuple[int, list[Pending], list[Contribution], list[Contribution]]] = []
    keyed: list[tuple[tuple[bool, float, int], FormResult]] = []
    for fi, form in enumerate(prep.forms):
        blockers, pending = _check_rules(prep, form, profile, leaves)
        if blockers:
            result = FormResult(
                form, False, 0.0, float("-inf"), blockers=tuple(blockers), pending=tuple(pending)
            )
            keyed.append(((True, 0.0, fi), result))
            continue
        pros: list[Contribution] = []
        cons: list[Contribution] = []
        lo, hi = prep.form_slices[form]
        for i in range(lo, hi):
            test = tests[i]
            truth = True if test is None else test(leaves)
            if truth is True:
                head, denom, tail, is_pro, cell = parts[i]
                pts = points[i]
                (pros if is_pro else cons).append(Contribution(*head, abs(pts) / denom, pts, *tail))
                applied.append(cell)
            elif truth is None:
                ci = prep.items[i]
                pending.append(
                    Pending(ci.kind, ci.item.id, prep.item_fields[i], ci.item.text, profile)
                )
        open_forms.append((fi, pending, pros, cons))

    membership = np.zeros((len(prep.items), len(prep.forms)))
    membership.flat[applied] = 1.0
    nets = prep.matrix.T @ membership  # criteria × forms
    raws = (base + ppu * (w @ nets)).tolist()

    for fi, pending, pros, cons in open_forms:
        pros.sort(key=_POINTS, reverse=True)  # stable: equal points keep the file's order
        cons.sort(key=_POINTS)
        raw = raws[fi]
        result = FormResult(
            prep.forms[fi],
            True,
            min(100.0, max(0.0, raw)),
            raw,
            tuple(pros),
            tuple(cons),
            (),
            tuple(pending),
        )
        keyed.append(((False, -round(raw, 9), fi), result))

    keyed.sort(key=_KEY)  # eligible first, by score, then in the contract's form order
    results = tuple(r for _, r in keyed)
    eligible = [r.form for r in results if r.eligible]
    cols, pos = _columns(prep, eligible)
    sub = nets[:, cols]
    robustness = _robustness(prep, eligible, cols, pos, sub, w)
    runner = _runner_up(prep, eligible, pos, sub, w)
    return Recommendation(profile, results, weights, robustness, runner, kb.version)


_POINTS = attrgetter("points")
_KEY = itemgetter(0)


def _tops(matrix: np.ndarray) -> np.ndarray:
    """Column of the first-placed form per row; columns are in the contract's form order, so
    ``argmax`` (first maximum) breaks ties the same way as the ranking does."""
    tops: np.ndarray = matrix.round(9).argmax(axis=1)
    return tops


def _columns(prep: _Prepared, eligible: list[str]) -> tuple[list[int], dict[str, int]]:
    """Eligible forms' columns in contract order, and each form's position among them."""
    cols = sorted(prep.form_order[f] for f in eligible)
    return cols, {prep.forms[c]: k for k, c in enumerate(cols)}


def _robustness(
    prep: _Prepared,
    eligible: list[str],
    cols: list[int],
    pos: dict[str, int],
    sub: np.ndarray,
    w: np.ndarray,
) -> Robustness:
    """Share of perturbed priority settings under which the first form stays first.

    ``sub`` holds the eligible forms' net vectors (columns ``cols``, in contract order)."""
    samples = len(prep.perturbations)
    if not eligible:
        return Robustness(None, 0.0, samples)
    if len(eligible) == 1:
        return Robustness(eligible[0], 1.0, samples, {eligible[0]: 1.0})
    variants = np.minimum(np.maximum(w + prep.perturbations, PRIORITY_MIN), PRIORITY_MAX)
    counts = (np.bincount(_tops(variants @ sub), minlength=len(cols)) / samples).tolist()
    firsts = {prep.forms[c]: counts[k] for k, c in enumerate(cols) if counts[k] > 0}
    return Robustness(eligible[0], counts[pos[eligible[0]]], samples, firsts)


def _runner_up(
    prep: _Prepared, eligible: list[str], pos: dict[str, int], sub: np.ndarray, w: np.ndarray
) -> RunnerUp | None:
    """The smallest change of a single priority that puts the runner-up first (if any does)."""
    if len(eligible) < 2:
        return None
    runner = eligible[1]
    rows, values = prep.change_rows, prep.change_values
    old = w[rows]
    keep = values != old
    rows, values = rows[keep], values[keep]
    delta = values - old[keep]
    # changing weight c from w[c] to v moves every score by (v - w[c]) * net[c]: no matrix product
    scores = (w @ sub)[None, :] + delta[:, None] * sub[rows, :]
    winning = np.flatnonzero(_tops(scores) == pos[runner]).tolist()
    if not winning:
        return RunnerUp(runner, None)
    # smallest step first, then the criterion's order in criteria.yaml, then the lower value
    steps, crit, new = np.abs(delta).tolist(), rows.tolist(), values.tolist()
    best = min(winning, key=lambda k: (steps[k], crit[k], new[k]))
    ci = crit[best]
    return RunnerUp(runner, PriorityChange(prep.criteria[ci], int(w[ci]), int(new[best])))
