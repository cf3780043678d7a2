"""Speed (and, with --quality, the measured quality) of search and "describe your idea".

    python benchmarks/search.py [--repeat N] [--quality]

Prints: the time to import scikit-learn, to build the index of each language, the median and
95th percentile time of one query over the evaluation questions, and two baselines over the same
documents – a trivial ``str.lower()`` substring loop and one engine ``recommend`` call – so the
figures can be compared across machines. With ``--quality``: recall@3 and MRR of search, and the
accuracy of suggestions, for the development and the held-out half of ``tests/eval`` and both.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (
        f"median {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms (n={len(times)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="passes over the evaluation questions"
    )
    parser.add_argument("--quality", action="store_true", help="also print recall@3 and accuracy")
    args = parser.parse_args()

    t_import = timed(lambda: __import__("sklearn.feature_extraction.text"))
    from recommender.engine import recommend
    from recommender.loading import load_knowledge
    from recommender.profile import parse_profile
    from recommender.search import SearchIndex, normalise
    from recommender.suggest import Suggester
    from tests.test_search_quality import load_ideas, load_questions

    kb = load_knowledge()
    questions = load_questions()
    ideas = load_ideas()

    index = SearchIndex(kb)
    print(f"documents indexed: {len(index.docs)}")
    print(f"import scikit-learn: {t_import * 1000:.0f} ms (once per process)")
    for lang in ("pl", "en"):
        print(f"index build ({lang}): {timed(lambda lang=lang: index._index(lang)) * 1000:.0f} ms")

    query_times: list[float] = []
    for _ in range(args.repeat):
        for q in questions:
            query_times.append(timed(lambda q=q: index.search(q["q"], q["lang"], limit=10)))
    print(f"search query: {summary(query_times)}")

    # baseline 1: the simplest possible search over the same texts
    haystacks = {
        lang: [
            " ".join(x.get(lang) for x in (d.title, d.text, d.extra) if x is not None).lower()
            for d in index.docs
        ]
        for lang in ("pl", "en")
    }

    def naive(query: str, lang: str) -> list[int]:
        words = query.lower().split()
        return [i for i, h in enumerate(haystacks[lang]) if all(w in h for w in words)]

    naive_times = [
        timed(lambda q=q: naive(q["q"], q["lang"])) for _ in range(args.repeat) for q in questions
    ]
    print(f"baseline str.lower() substring loop: {summary(naive_times)}")
    norm_times = [timed(lambda q=q: normalise(q["q"])) for q in questions]
    print(f"  (of which normalising a query: median {statistics.median(norm_times) * 1e6:.0f} µs)")

    # baseline 2: one recommendation by the engine
    profile = parse_profile({"founders": 5, "goals": ["community"], "capital_pln": 0}, kb.criteria)
    recommend(kb, profile)
    rec_times = [timed(lambda: recommend(kb, profile)) for _ in range(20)]
    print(f"baseline one engine recommend(): {summary(rec_times)}")
    med = statistics.median(query_times)
    print(
        f"ratio: search / substring loop = {med / statistics.median(naive_times):.1f}x, "
        f"search / recommend = {med / statistics.median(rec_times):.2f}x"
    )

    suggester = Suggester(kb)
    build = timed(lambda: (suggester._lang("pl"), suggester._lang("en")))
    print(f"suggest build (pl+en): {build * 1000:.0f} ms")
    sug_times = [
        timed(lambda i=i: suggester.suggest(i["text"])) for _ in range(args.repeat) for i in ideas
    ]
    print(f"suggest (both languages): {summary(sug_times)}")

    if args.quality:
        print()
        quality(kb, questions, ideas)
    return 0


def quality(kb: Any, questions: list[dict[str, Any]], ideas: list[dict[str, Any]]) -> None:
    from recommender.search import search
    from tests.test_search_quality import search_recall, suggestion_accuracy

    def mrr(subset: list[dict[str, Any]]) -> float:
        total = 0.0
        for q in subset:
            ids, forms = set(q.get("expect_ids", ())), set(q.get("expect_forms", ()))
            for rank, r in enumerate(search(kb, q["q"], q["lang"], limit=10), 1):
                if r.doc.id in ids or (r.doc.form is not None and r.doc.form in forms):
                    total += 1 / rank
                    break
        return total / len(subset)

    for split in ("dev", "test", "all"):
        qs = [q for q in questions if split in ("all", q["split"])]
        ids = [i for i in ideas if split in ("all", i["split"])]
        rec = search_recall(kb, qs)
        acc = suggestion_accuracy(kb, ids)
        print(
            f"{split:>4}: search recall@3 {rec.value:.3f} ({rec.hits}/{rec.total}), "
            f"MRR@10 {mrr(qs):.3f}; "
            f"suggestions {acc['all'].value:.3f} ({acc['all'].hits}/{acc['all'].total}) "
            f"[goals {acc['goals'].value:.2f}, target groups {acc['target_groups'].value:.2f}, "
            f"forms {acc['forms'].value:.2f}]"
        )
        if split == "all":
            for miss in rec.misses:
                print(f"      search miss  {miss}")
            for miss in acc["all"].misses:
                print(f"      idea miss    {miss}")


if __name__ == "__main__":
    raise SystemExit(main())
