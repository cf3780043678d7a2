"""Command line: start-up of ``recommend`` and the cost per profile of a JSON Lines stream.

1. **Start-up.** ``python -m recommender recommend`` on one profile against ``python -c "import
   numpy, pydantic, yaml"`` (the libraries it cannot do without), run in turn A B A B …; CPU time
   (user + system) of each finished process from ``getrusage``. Goal: ratio ≤ 2.
2. **Stream.** ``recommend --format jsonl`` over N random profiles (default 20 000) in JSON Lines,
   against the same command over one profile (its start-up): (stream − start-up) / N is the cost
   per profile end to end (reading, validating, ranking, serialising, writing). Goal ≤ 0.5 ms.
   For scale, the engine alone (``recommend()`` on the same profiles, in this process) is printed
   with the ratio. Peak RSS of the stream is printed too.

    python benchmarks/cli.py [--runs 7] [--n 20000]

Prints figures; asserts nothing. The knowledge cache (``recommender/kbcache.py``) is warmed first,
as it is after the first command on a machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.engine import random_profile  # noqa: E402
from recommender.engine import recommend  # noqa: E402
from recommender.loading import load_knowledge  # noqa: E402
from recommender.profile import parse_profile  # noqa: E402


def run_cpu(cmd: list[str], stdin_path: Path | None = None) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak RSS MiB) of one finished child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as f:
        subprocess.run(cmd, cwd=ROOT, stdin=f, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, after.ru_maxrss / 1024


def med(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    py = sys.executable

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.json"
        one.write_text(json.dumps({"founders": 4, "goals": ["community"], "urgency": "weeks"}))
        kb = load_knowledge()
        rng = random.Random(42)
        raws = [random_profile(rng, list(kb.criteria)) for _ in range(args.n)]
        batch = Path(tmp) / "batch.jsonl"
        batch.write_text("".join(json.dumps(r) + "\n" for r in raws))

        rec_one = [py, "-m", "recommender", "recommend", "--profile", str(one)]
        base = [py, "-c", "import numpy, pydantic, yaml"]
        stream = [py, "-m", "recommender", "recommend", "--profile", "-", "--format", "jsonl"]
        run_cpu(rec_one)  # warm the knowledge cache and the file system
        run_cpu(base)

        a, b, ratios = [], [], []
        for _ in range(args.runs):
            ca, _, _ = run_cpu(rec_one)
            cb, _, _ = run_cpu(base)
            a.append(ca)
            b.append(cb)
            ratios.append(ca / cb)
        print(f"start-up, CPU per process (median of {args.runs} pairs):")
        print(f"  recommend, one profile            {med(a) * 1000:7.0f} ms")
        print(f"  import numpy, pydantic, yaml      {med(b) * 1000:7.0f} ms")
        print(
            f"  ratio (pair by pair)              {med(ratios):7.2f}x "
            f"(min {min(ratios):.2f}, max {max(ratios):.2f}; goal <= 2)"
        )

        per, peaks = [], []
        for _ in range(max(3, args.runs // 2)):
            cs, ws, peak = run_cpu(stream, batch)
            c1, w1, _ = run_cpu(rec_one)
            per.append((cs - c1) / args.n * 1000)
            peaks.append(peak)
        profiles = [parse_profile(r, kb.criteria) for r in raws]
        recommend(kb, profiles[0])
        t0 = time.process_time()
        for p in profiles:
            recommend(kb, p)
        engine_ms = (time.process_time() - t0) / args.n * 1000
        print(f"JSON Lines, {args.n} random profiles (median of {len(per)} runs):")
        print(f"  end to end, CPU per profile         {med(per):7.3f} ms (goal <= 0.5 ms)")
        print(f"  the engine alone, CPU per profile     {engine_ms:7.3f} ms")
        print(f"  ratio                               {med(per) / engine_ms:7.2f}x")
        print(f"  peak RSS of the stream              {max(peaks):7.0f} MiB")


if __name__ == "__main__":
    main()
