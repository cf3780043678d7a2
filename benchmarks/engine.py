"""Engine speed: one profile, and a batch of 10 000 random profiles.

Prints absolute times and ratios against a baseline measured in the same run (validating the
same profiles without ranking them), so figures compare across machines. Goal: under 0.2 ms of
ranking per profile. Run: ``python benchmarks/engine.py [--n 10000]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recommender.engine import recommend  # noqa: E402
from recommender.loading import load_knowledge  # noqa: E402
from recommender.profile import FIELDS, parse_profile  # noqa: E402


def random_profile(rng: random.Random, criteria: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, spec in FIELDS.items():
        if name == "founders_at_risk" or rng.random() < 0.3:
            continue
        if spec.kind == "bool":
            out[name] = rng.random() < 0.5
        elif spec.kind == "enum":
            out[name] = rng.choice(spec.values)
        elif spec.kind == "enum_list":
            out[name] = rng.sample(spec.values, rng.randint(0, min(3, len(spec.values))))
        elif name == "capital_pln":
            out[name] = rng.choice([0, 500, 1000, 3000, 5000, 20000])
        else:
            out[name] = rng.randint(0, 15)
    if "founders" in out and rng.random() < 0.5:
        out["founders_at_risk"] = rng.randint(0, out["founders"])
    if rng.random() < 0.3:
        out["priorities"] = {c: rng.randint(0, 4) for c in rng.sample(criteria, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    kb = load_knowledge()
    load_s = time.perf_counter() - t0
    rng = random.Random(42)
    criteria = list(kb.criteria)
    raw = [random_profile(rng, criteria) for _ in range(args.n)]

    recommend(kb, parse_profile({}, kb.criteria))  # warm the per-knowledge-base precomputation

    # one profile, repeated
    one = parse_profile(raw[0], kb.criteria)
    reps = 2000
    singles = []
    for _ in range(reps):
        t = time.perf_counter()
        recommend(kb, one)
        singles.append(time.perf_counter() - t)
    single_ms = statistics.median(singles) * 1000

    # batch: baseline = validating every profile; measured = validating + ranking
    t = time.perf_counter()
    profiles = [parse_profile(p, kb.criteria) for p in raw]
    base_s = time.perf_counter() - t
    t = time.perf_counter()
    for p in profiles:
        recommend(kb, p)
    batch_s = time.perf_counter() - t
    per_ms = batch_s / args.n * 1000

    print("engine benchmark")
    print(f"  knowledge base load (once)      {load_s * 1000:8.1f} ms")
    print(f"  one profile, median of {reps}    {single_ms:8.3f} ms")
    print(f"  batch of {args.n} profiles          {batch_s:8.2f} s  ({per_ms:.3f} ms per profile)")
    print(
        f"  baseline: validating the batch  {base_s:8.2f} s  "
        f"({base_s / args.n * 1000:.4f} ms per profile)"
    )
    print(f"  ratio ranking / validating       {batch_s / base_s:8.1f} x")
    print(f"  goal: under 0.200 ms per profile -> {'met' if per_ms < 0.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
