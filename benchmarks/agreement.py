"""How well two advisers agree on the labels of idea descriptions, and the app against either.

    python benchmarks/agreement.py

The twentieth blind sample (i1921–i2020 in ``tests/eval/idea_descriptions.json``) was labelled
twice, by two advisers who worked blind of each other (``tests/eval/second_labels.json``). Each
adviser's labels are read as *suggestions* – their goals and target groups as the suggested
values, their forms as the top three – and scored with the same accuracy rule as the app
(``tests/test_search_quality.py``) against the other adviser's labels. That is the agreement
between two people doing the task by hand, a ceiling for any method scored with the rule. The
app's accuracy on the same items is printed against both advisers' labels.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIELDS = ("goals", "goals_ok", "target_groups", "target_groups_ok", "target_groups_never", "forms")


def second_labels() -> dict[str, dict[str, Any]]:
    data = json.loads((ROOT / "tests" / "eval" / "second_labels.json").read_text("utf-8"))
    return {item["id"]: item for item in data["labels"]}


def labels_as_suggestions(key: dict[str, Any], labels: dict[str, Any]) -> dict[str, bool]:
    """The accuracy rule with one adviser's labels (``labels``) as the suggestions and the
    other's (``key``) as the key."""
    from tests.test_search_quality import judge

    return judge(key, labels["goals"], labels["target_groups"], labels["forms"])


def share(results: list[dict[str, bool]], part: str) -> str:
    hits = sum(all(r.values()) if part == "all" else r[part] for r in results)
    return f"{hits / len(results):.2f} ({hits}/{len(results)})"


def main() -> int:
    from recommender.loading import load_knowledge
    from tests.test_search_quality import idea_result, load_ideas

    second = second_labels()
    first = {i["id"]: i for i in load_ideas() if i["id"] in second}
    ids = sorted(first, key=lambda x: int(x[1:]))
    kb = load_knowledge(ROOT / "knowledge")
    rows = {
        "second adviser, first adviser's key": [
            labels_as_suggestions(first[i], second[i]) for i in ids
        ],
        "first adviser, second adviser's key": [
            labels_as_suggestions(second[i], first[i]) for i in ids
        ],
        "app, first adviser's key": [idea_result(kb, first[i]) for i in ids],
        "app, second adviser's key": [
            idea_result(kb, {**first[i], **{f: second[i][f] for f in FIELDS}}) for i in ids
        ],
    }
    print(f"ideas labelled twice: {len(ids)} ({ids[0]}–{ids[-1]})")
    for name, results in rows.items():
        parts = ", ".join(f"{p} {share(results, p)}" for p in ("goals", "target_groups", "forms"))
        print(f"{name}: all {share(results, 'all')} [{parts}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
