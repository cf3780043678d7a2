"""A plain-data view of a knowledge base: only what ranking and explaining a profile read.

:func:`recommender.engine.recommend` and :func:`recommender.explain.explain_text` read a handful of
attributes of the knowledge base (criteria, forms' names, the compiled pros, cons and rules, the
scoring constants, the version); the suggester of the command line's ``suggest`` also reads the
forms' pathways. :class:`RankingView` holds exactly those, in plain dataclasses, so that the
command line's ``recommend`` can unpickle it from the start-up cache
(:func:`recommender.kbcache.load_view`) without importing the pydantic models of the knowledge
format, whose classes cost more to build than the rest of the command. It stands in for a
:class:`~recommender.loading.KnowledgeBase` wherever those functions take one (the attribute
names and shapes are the same); :func:`view_of` builds it from a loaded knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from .conditions import Condition

if TYPE_CHECKING:
    from .loading import KnowledgeBase
    from .models import Text


@dataclass(frozen=True, slots=True)
class PlainText:
    """A text in both languages (as :class:`recommender.models.Text`)."""

    pl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.pl


@dataclass(frozen=True, slots=True)
class PlainItem:
    id: str
    text: PlainText
    criteria: tuple[str, ...]
    strength: int
    sources: tuple[str, ...]
    uncertainty: PlainText | None


@dataclass(frozen=True, slots=True)
class PlainRule:
    id: str
    message: PlainText
    change: PlainText
    lift: dict[str, Any] | None
    sources: tuple[str, ...]
    uncertainty: PlainText | None


@dataclass(frozen=True, slots=True)
class PlainCompiledItem:
    form: str
    kind: str
    item: PlainItem
    condition: Condition | None


@dataclass(frozen=True, slots=True)
class PlainCompiledRule:
    form: str
    rule: PlainRule
    condition: Condition


@dataclass(frozen=True, slots=True)
class PlainCriterion:
    label: PlainText
    default: int


@dataclass(frozen=True, slots=True)
class PlainPathway:
    to: str  # the form this one can grow into (a KIS into a CIS)


@dataclass(frozen=True, slots=True)
class PlainForm:
    name: PlainText
    pathways: tuple[PlainPathway, ...] = ()


@dataclass(frozen=True, slots=True)
class PlainScoring:
    base: float
    points_per_unit: float
    robustness_samples: int
    robustness_step: int
    robustness_seed: int


@dataclass(frozen=True)
class RankingView:
    forms: dict[str, PlainForm]
    criteria: dict[str, PlainCriterion]
    criteria_conditions: dict[str, tuple[tuple[Condition, int], ...]]
    scoring: PlainScoring
    items: dict[str, tuple[PlainCompiledItem, ...]]
    rules: dict[str, tuple[PlainCompiledRule, ...]]
    version: str

    def form_name(self, form_id: str, lang: str) -> str:
        return self.forms[form_id].name.get(lang)

    def as_knowledge(self) -> KnowledgeBase:
        """This view, typed as the knowledge base it stands in for (see the module's text)."""
        return cast("KnowledgeBase", self)


def _text(text: Text | None) -> PlainText | None:
    return None if text is None else PlainText(text.pl, text.en)


def _text1(text: Text) -> PlainText:
    return PlainText(text.pl, text.en)


def view_of(kb: KnowledgeBase) -> RankingView:
    """The plain view of a loaded knowledge base."""
    s = kb.scoring
    return RankingView(
        forms={
            f: PlainForm(_text1(form.name), tuple(PlainPathway(p.to) for p in form.pathways))
            for f, form in kb.forms.items()
        },
        criteria={
            c: PlainCriterion(_text1(crit.label), crit.default) for c, crit in kb.criteria.items()
        },
        criteria_conditions=dict(kb.criteria_conditions),
        scoring=PlainScoring(
            s.base, s.points_per_unit, s.robustness_samples, s.robustness_step, s.robustness_seed
        ),
        items={
            form: tuple(
                PlainCompiledItem(
                    ci.form,
                    ci.kind,
                    PlainItem(
                        ci.item.id,
                        _text1(ci.item.text),
                        tuple(ci.item.criteria),
                        ci.item.strength,
                        tuple(ci.item.sources),
                        _text(ci.item.uncertainty),
                    ),
                    ci.condition,
                )
                for ci in items
            )
            for form, items in kb.items.items()
        },
        rules={
            form: tuple(
                PlainCompiledRule(
                    cr.form,
                    PlainRule(
                        cr.rule.id,
                        _text1(cr.rule.message),
                        _text1(cr.rule.change),
                        dict(cr.rule.lift) if cr.rule.lift is not None else None,
                        tuple(cr.rule.sources),
                        _text(cr.rule.uncertainty),
                    ),
                    cr.condition,
                )
                for cr in rules
            )
            for form, rules in kb.rules.items()
        },
        version=kb.version,
    )
