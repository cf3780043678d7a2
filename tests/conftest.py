"""Shared fixtures: the loaded knowledge base, the example situations, CI strictness."""

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
