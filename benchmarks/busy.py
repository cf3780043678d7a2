"""Search query time on an idle and on a busy machine, by how the sentence model's threads wait.

    python benchmarks/busy.py [--questions N]

The sentence model (``recommender/semantic.py``) runs on OpenMP threads (libgomp). Idle threads
spin before they sleep: 300 000 rounds by default; ``semantic`` sets ``GOMP_SPINCOUNT=1000``
unless the environment has a wait setting of its own. This script times the same search queries
in fresh processes with the product's setting, libgomp's default, passive waiting and a single
thread, on an idle machine and while one or two other processes keep a core each fully busy (as a
second app worker or a PDF being built would). It prints median and p95 for each, and the ratio
library default / product setting measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VARIANTS = {
    "product (GOMP_SPINCOUNT=1000)": {},
    "libgomp default (GOMP_SPINCOUNT=300000)": {"GOMP_SPINCOUNT": "300000"},
    "passive (OMP_WAIT_POLICY=PASSIVE)": {"OMP_WAIT_POLICY": "PASSIVE"},
    "one thread (OMP_NUM_THREADS=1)": {"OMP_NUM_THREADS": "1"},
}
WAIT_SETTINGS = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OMP_NUM_THREADS")


def child(n: int) -> None:
    """Time ``n`` distinct questions (no question-vector cache hits) and print the times."""
    import time

    from recommender import semantic
    from recommender.loading import load_knowledge
    from recommender.search import build_index
    from tests.test_search_quality import load_questions

    kb = load_knowledge()
    index = build_index(kb)
    if not semantic.enabled():
        raise SystemExit(f"the sentence model is not in use: {semantic.status()}")
    questions = load_questions()
    for q in questions[-5:]:  # warm up (model loaded, caches filled) on other questions
        index.search(q["q"], q["lang"], limit=10)
    times = []
    for q in questions[:n]:
        start = time.perf_counter()
        index.search(q["q"], q["lang"], limit=10)
        times.append(time.perf_counter() - start)
    print(json.dumps(times))


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run(settings: dict[str, str], n: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k not in WAIT_SETTINGS} | settings
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(n)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(t) for t in json.loads(done.stdout.strip().splitlines()[-1])]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--questions", type=int, default=300, help="questions timed per run")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return 0

    print(f"cores: {os.cpu_count()}, questions per run: {args.questions}")
    for busy in (0, 1, 2):
        load = "idle" if busy == 0 else f"{busy} core(s) busy"
        burners = [
            subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)
        ]
        try:
            figures = {}
            for name, settings in VARIANTS.items():
                times = run(settings, args.questions)
                figures[name] = (statistics.median(times), p95(times))
                print(
                    f"{load}, {name}: median {figures[name][0] * 1000:.1f} ms,"
                    f" p95 {figures[name][1] * 1000:.1f} ms"
                )
        finally:
            for burner in burners:
                burner.kill()
                burner.wait()
        product, default = list(figures.values())[:2]
        print(
            f"{load}: ratio libgomp default / product = {default[0] / product[0]:.2f}x (median),"
            f" {default[1] / product[1]:.2f}x (p95)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
