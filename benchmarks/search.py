"""Speed (and, with --quality, the measured quality) of search and "describe your idea".

    python benchmarks/search.py [--repeat N] [--cold N] [--quality]

Prints, each with a baseline measured in the same run:

* **cold command line** – a fresh ``python -m recommender search "…"`` process answering from the
  cached index, against a fresh ``python -m recommender recommend`` process for one profile (the
  contract's other everyday command; it loads the knowledge base) and a bare ``python -c pass``;
* **index build** from the knowledge base with no cache (reads simplemma's Polish dictionary),
  and loading the index from its cache file;
* **one query** (median, p95 over the evaluation questions) against a trivial ``str.lower()``
  substring loop over the same texts and one engine ``recommend()`` call;
* **one suggestion** (both languages).

With ``--quality``: recall@3, MRR@10 and suggestion accuracy per split of ``tests/eval`` (dev,
test, all).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def cold(argv: list[str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *argv], cwd=ROOT, input=stdin, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="passes over the eval questions (0: no timings)"
    )
    parser.add_argument("--cold", type=int, default=5, help="fresh processes per command (0: none)")
    parser.add_argument("--quality", action="store_true", help="also print recall@3 and accuracy")
    parser.add_argument(
        "--misses",
        choices=("dev", "all", "none"),
        default="dev",
        help="which split's misses to list (default dev: test items stay unseen while tuning)",
    )
    args = parser.parse_args()

    from recommender.loading import load_knowledge
    from recommender.search import SearchIndex, build_index, load_cached
    from tests.test_search_quality import load_ideas, load_questions

    kb = load_knowledge()
    questions = load_questions()
    ideas = load_ideas()

    # the index: built from scratch (no cache), saved, loaded from the cache file
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JAKAFORMA_CACHE_DIR"] = tmp
        t_build = timed(lambda: build_index(kb))
        t_load = timed(lambda: load_cached(kb.root))
        size = sum(p.stat().st_size for p in Path(tmp).glob("*.pickle"))
    del os.environ["JAKAFORMA_CACHE_DIR"]
    index = build_index(kb)  # the user's cache (what the command line and the app use)
    assert isinstance(index, SearchIndex)
    print(f"documents indexed: {len(index.docs)}")
    print(f"index build without a cache (pl+en, incl. the Polish dictionary): {t_build:.1f} s")
    print(f"index load from its cache file ({size / 1e6:.1f} MB): {t_load * 1000:.0f} ms")

    # cold command line, each a fresh process
    profile = json.dumps({"founders": 5, "goals": ["community"]})
    runs: dict[str, list[float]] = {"search": [], "suggest": [], "recommend": [], "python": []}
    for _ in range(args.cold):
        runs["search"].append(cold(["-m", "recommender", "search", "co to jest KRS"]))
        runs["suggest"].append(cold(["-m", "recommender", "suggest", "rajdy rowerowe"]))
        runs["recommend"].append(
            cold(["-m", "recommender", "recommend", "--profile", "-"], profile)
        )
        runs["python"].append(cold(["-c", "pass"]))
    if args.cold > 0:
        med = {k: statistics.median(v) for k, v in runs.items()}
        for k, v in med.items():
            print(f"cold `{k}` process: median {v * 1000:.0f} ms (n={args.cold})")
        print(
            f"ratio: cold search / cold recommend = {med['search'] / med['recommend']:.2f}x "
            f"(goal: cold search within 1 s: {'met' if med['search'] <= 1.0 else 'NOT met'})"
        )

    if args.repeat > 0:
        timings(args.repeat, kb, index, questions, ideas)

    if args.quality:
        print()
        quality(kb, questions, ideas, args.misses)
    return 0


def timings(
    repeat: int,
    kb: Any,
    index: Any,
    questions: list[dict[str, Any]],
    ideas: list[dict[str, Any]],
) -> None:
    """One query, the substring baseline, one recommend() call and one suggestion, timed."""
    from recommender.engine import recommend
    from recommender.profile import parse_profile
    from recommender.suggest import Suggester

    query_times: list[float] = []
    for _ in range(repeat):
        for q in questions:
            query_times.append(timed(lambda q=q: index.search(q["q"], q["lang"], limit=10)))
    print(f"search query: {summary(query_times)}")

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
        timed(lambda q=q: naive(q["q"], q["lang"])) for _ in range(repeat) for q in questions
    ]
    print(f"baseline str.lower() substring loop: {summary(naive_times)}")
    prof = parse_profile({"founders": 5, "goals": ["community"], "capital_pln": 0}, kb.criteria)
    recommend(kb, prof)
    rec_times = [timed(lambda: recommend(kb, prof)) for _ in range(50)]
    print(f"baseline one engine recommend(): {summary(rec_times)}")
    qmed = statistics.median(query_times)
    print(
        f"ratio: search / substring loop = {qmed / statistics.median(naive_times):.1f}x, "
        f"search / recommend = {qmed / statistics.median(rec_times):.2f}x "
        f"(goal: a query under 20 ms: {'met' if qmed < 0.020 else 'NOT met'})"
    )

    suggester = Suggester(index)
    sug_times = [
        timed(lambda i=i: suggester.suggest(i["text"])) for _ in range(repeat) for i in ideas
    ]
    print(f"suggest (both languages): {summary(sug_times)}")


def quality(
    kb: Any, questions: list[dict[str, Any]], ideas: list[dict[str, Any]], misses: str = "dev"
) -> None:
    from tests.test_search_quality import mrr, search_recall, suggestion_accuracy

    for split in ("dev", "test", "all"):
        qs = [q for q in questions if split in ("all", q["split"])]
        ids = [i for i in ideas if split in ("all", i["split"])]
        rec = search_recall(kb, qs)
        acc = suggestion_accuracy(kb, ids)
        print(
            f"{split:>4}: search recall@3 {rec.value:.3f} ({rec.hits}/{rec.total}), "
            f"MRR@10 {mrr(kb, qs):.3f}; "
            f"suggestions {acc['all'].value:.3f} ({acc['all'].hits}/{acc['all'].total}) "
            f"[goals {acc['goals'].value:.2f}, target groups {acc['target_groups'].value:.2f}, "
            f"forms {acc['forms'].value:.2f}]"
        )
        if split == misses:
            for miss in rec.misses:
                print(f"      search miss  {miss}")
            for miss in acc["all"].misses:
                print(f"      idea miss    {miss}")


if __name__ == "__main__":
    raise SystemExit(main())
