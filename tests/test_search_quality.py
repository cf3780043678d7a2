"""Measured quality of search and "describe your idea" on the evaluation sets in ``tests/eval/``.

Definitions (also in docs/quality.md):

* **Search recall@3** – the share of questions for which at least one of the top 3 results is
  relevant: its id is in ``expect_ids``, or (for broad questions with ``expect_forms``) it belongs
  to one of ``expect_forms``. Searched in the question's language.
* **Suggestion accuracy** – the share of idea descriptions for which all three hold:
  goals: every value in ``goals`` is suggested, and at most ``MAX_FALSE`` suggested goals are
  outside ``goals`` + ``goals_ok``; target groups: the same with ``target_groups``; forms: one of
  ``forms`` is among the top 3 suggested forms.

Figures are computed on the whole set; ``dev`` items were used to tune the method, ``test``
items were not (the per-split figures are reported by ``benchmarks/search.py --quality``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from recommender.loading import KnowledgeBase
from recommender.search import search
from recommender.suggest import suggest

EVAL_DIR = Path(__file__).resolve().parent / "eval"
RECALL_GOAL = 0.9
ACCURACY_GOAL = 0.8
TOP_K = 3
MAX_FALSE = 1


def load_questions() -> list[dict[str, Any]]:
    return json.loads((EVAL_DIR / "search_questions.json").read_text(encoding="utf-8"))["questions"]


def load_ideas() -> list[dict[str, Any]]:
    return json.loads((EVAL_DIR / "idea_descriptions.json").read_text(encoding="utf-8"))["ideas"]


@dataclass
class Score:
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0


# what was found for a question (id and form of each result, best first), per knowledge version
# and limit: the whole set and each split are scored by separate tests, and a search is the
# same each time
_FOUND: dict[tuple[str, str, str, int], list[tuple[str, str | None]]] = {}


def _found(kb: KnowledgeBase, q: dict[str, Any], k: int) -> list[tuple[str, str | None]]:
    key = (kb.version, q["q"], q.get("lang", "pl"), k)
    hit = _FOUND.get(key)
    if hit is None:
        hit = [(r.doc.id, r.doc.form) for r in search(kb, q["q"], q.get("lang", "pl"), limit=k)]
        if len(_FOUND) < 20_000:
            _FOUND[key] = hit
    return hit


def question_hit(kb: KnowledgeBase, q: dict[str, Any], k: int = TOP_K) -> bool:
    ids = set(q.get("expect_ids", ()))
    forms = set(q.get("expect_forms", ()))
    return any(i in ids or (f is not None and f in forms) for i, f in _found(kb, q, k))


def first_relevant_rank(kb: KnowledgeBase, q: dict[str, Any], k: int = 10) -> int | None:
    """The 1-based rank of the first relevant result within ``k`` (``None``: none)."""
    ids = set(q.get("expect_ids", ()))
    forms = set(q.get("expect_forms", ()))
    for rank, (i, f) in enumerate(_found(kb, q, k), 1):
        if i in ids or (f is not None and f in forms):
            return rank
    return None


def mrr(kb: KnowledgeBase, questions: list[dict[str, Any]], k: int = 10) -> float:
    """Mean reciprocal rank of the first relevant result within ``k``."""
    ranks = [first_relevant_rank(kb, q, k) for q in questions]
    return sum(1.0 / r for r in ranks if r) / len(ranks) if ranks else 0.0


def search_recall(kb: KnowledgeBase, questions: list[dict[str, Any]], k: int = TOP_K) -> Score:
    score = Score()
    for q in questions:
        score.total += 1
        if question_hit(kb, q, k):
            score.hits += 1
        else:
            score.misses.append(f"{q['id']}: {q['q']}")
    return score


def _field_ok(suggested: list[str], must: list[str], ok: list[str]) -> bool:
    if any(v not in suggested for v in must):
        return False
    false = [v for v in suggested if v not in must and v not in ok]
    return len(false) <= MAX_FALSE


def judge(
    idea: dict[str, Any], goals: list[str], groups: list[str], forms: list[str]
) -> dict[str, bool]:
    """The accuracy rule for suggested ``goals``, ``groups`` and ``forms`` (best first) against
    an idea's labels."""
    never = set(idea.get("target_groups_never", []))
    return {
        "goals": _field_ok(goals, idea["goals"], idea.get("goals_ok", [])),
        "target_groups": _field_ok(groups, idea["target_groups"], idea.get("target_groups_ok", []))
        and not never & set(groups),
        "forms": not idea.get("forms") or any(f in forms[:TOP_K] for f in idea["forms"]),
    }


# what was suggested for a text, per knowledge version: the whole set and each split are
# scored by separate tests, and a suggestion is the same each time
_SUGGESTED: dict[tuple[str, str], tuple[list[str], list[str], list[str]]] = {}


def idea_result(kb: KnowledgeBase, idea: dict[str, Any]) -> dict[str, bool]:
    key = (kb.version, idea["text"])
    hit = _SUGGESTED.get(key)
    if hit is None:
        s = suggest(kb, idea["text"])
        hit = (
            [c.value for c in s.goals],
            [c.value for c in s.target_groups],
            [c.value for c in s.forms],
        )
        if len(_SUGGESTED) < 10_000:
            _SUGGESTED[key] = hit
    return judge(idea, *hit)


def suggestion_accuracy(kb: KnowledgeBase, ideas: list[dict[str, Any]]) -> dict[str, Score]:
    scores = {part: Score() for part in ("goals", "target_groups", "forms", "all")}
    for idea in ideas:
        result = idea_result(kb, idea)
        result["all"] = all(result.values())
        for part, ok in result.items():
            scores[part].total += 1
            if ok:
                scores[part].hits += 1
            else:
                scores[part].misses.append(f"{idea['id']}: {idea['text']}")
    return scores


# -- the eval sets themselves are well formed ----------------------------------------------------


def test_eval_sets_are_large_and_well_formed(kb: KnowledgeBase) -> None:
    from recommender.search import documents

    doc_ids = {d.id for d in documents(kb)}
    questions = load_questions()
    assert len(questions) >= 150
    assert len({q["id"] for q in questions}) == len(questions)
    for q in questions:
        assert q["split"] in ("dev", "test") and q["lang"] in ("pl", "en")
        assert q.get("expect_ids") or q.get("expect_forms"), q["id"]
        # every expected id exists (except alternatives kept for ids a form may rename)
        assert any(i in doc_ids for i in q.get("expect_ids", [])) or q.get("expect_forms"), q["id"]
        assert all(f in kb.forms for f in q.get("expect_forms", [])), q["id"]
    ideas = load_ideas()
    assert len(ideas) >= 80
    for idea in ideas:
        for fld in ("goals", "goals_ok"):
            assert all(("goals", v) in kb.vocabulary for v in idea.get(fld, [])), idea["id"]
        for fld in ("target_groups", "target_groups_ok"):
            assert all(("target_groups", v) in kb.vocabulary for v in idea.get(fld, [])), idea["id"]
        assert all(f in kb.forms for f in idea.get("forms", [])), idea["id"]
    for split in ("dev", "test"):
        assert any(q["split"] == split for q in questions)
        assert any(i["split"] == split for i in ideas)


def test_second_labels_are_well_formed_and_agree_with_themselves(kb: KnowledgeBase) -> None:
    """The second adviser's labels (benchmarks/agreement.py) name known ideas and values; a set
    of labels read as suggestions passes against itself."""
    from benchmarks.agreement import labels_as_suggestions, second_labels

    ideas = {i["id"]: i for i in load_ideas()}
    second = second_labels()
    assert len(second) >= 100
    for iid, labels in second.items():
        assert iid in ideas, iid
        for fld in ("goals", "goals_ok"):
            assert all(("goals", v) in kb.vocabulary for v in labels[fld]), iid
        for fld in ("target_groups", "target_groups_ok", "target_groups_never"):
            assert all(("target_groups", v) in kb.vocabulary for v in labels[fld]), iid
        assert labels["forms"] and all(f in kb.forms for f in labels["forms"]), iid
        assert all(labels_as_suggestions(labels, labels).values()), iid
        assert all(labels_as_suggestions(ideas[iid], ideas[iid]).values()), iid


# -- the goals -----------------------------------------------------------------------------------


def test_search_recall_at_3(kb: KnowledgeBase) -> None:
    score = search_recall(kb, load_questions())
    assert score.value >= RECALL_GOAL, (
        f"recall@3 = {score.value:.2f} ({score.hits}/{score.total}); missed:\n"
        + "\n".join(score.misses)
    )


def test_suggestion_accuracy(kb: KnowledgeBase) -> None:
    scores = suggestion_accuracy(kb, load_ideas())
    overall = scores["all"]
    assert overall.value >= ACCURACY_GOAL, (
        f"accuracy = {overall.value:.2f} ({overall.hits}/{overall.total}); "
        + ", ".join(f"{k} {v.value:.2f}" for k, v in scores.items())
        + "; missed:\n"
        + "\n".join(overall.misses)
    )


@pytest.mark.parametrize("split", ["dev", "test"])
def test_no_split_is_far_below_the_goal(kb: KnowledgeBase, split: str) -> None:
    """The held-out half must not collapse (a sign of tuning to the development half)."""
    questions = [q for q in load_questions() if q["split"] == split]
    ideas = [i for i in load_ideas() if i["split"] == split]
    assert search_recall(kb, questions).value >= RECALL_GOAL - 0.1
    assert suggestion_accuracy(kb, ideas)["all"].value >= ACCURACY_GOAL - 0.1


# -- the everyday questions and ideas that once failed -------------------------------------------


@pytest.mark.parametrize(
    ("query", "answers"),
    [
        ("co to jest KRS", {"glossary:krs"}),
        ("jak dostać 1,5 procent", {"faq:jeden-i-pol-procent", "funding:one-and-half-percent"}),
        (
            "potrzebujemy pieniędzy na festyn dla dzieci",
            {
                "faq:grant-dla-grupy-nieformalnej",
                "funding:dzialaj-lokalnie",
                "funding:mazowsze-lokalnie",
                "funding:small-grant-19a",
                "glossary:regranting",
                "faq:stowarzyszenie-zwykle-granty",
            },
        ),
    ],
)
def test_everyday_questions_in_the_top_three(
    kb: KnowledgeBase, query: str, answers: set[str]
) -> None:
    top = [r.doc.id for r in search(kb, query, "pl", limit=TOP_K)]
    assert answers & set(top), top


@pytest.mark.parametrize(
    ("idea", "goal", "never"),
    [
        ("zajęcia piłkarskie dla dzieci", "sport_recreation", "culture_education"),
        ("rajdy rowerowe", "sport_recreation", None),
        ("walczyć o ścieżki rowerowe i przejrzystość urzędu", "advocacy", None),
        ("zbieramy jedzenie i ubrania dla ubogich rodzin", "social_reintegration", None),
    ],
)
def test_everyday_ideas(kb: KnowledgeBase, idea: str, goal: str, never: str | None) -> None:
    s = suggest(kb, idea)
    goals = [c.value for c in s.goals]
    assert goals[0] == goal, goals
    assert never not in goals
    assert "homeless" not in [c.value for c in s.target_groups]
