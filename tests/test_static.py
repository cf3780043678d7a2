"""The code passes its static checks: ruff (style and common bugs) and mypy --strict (types), both
configured in pyproject.toml and installed with the test dependencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


CODE = ("app.py", "recommender", "ui", "views", "tests", "benchmarks")


def test_ruff_finds_nothing_and_the_code_is_formatted() -> None:
    done = _run("ruff", "check", *CODE)
    assert done.returncode == 0, done.stdout + done.stderr
    done = _run("ruff", "format", "--check", *CODE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_nothing() -> None:
    done = _run("mypy", "--strict", "recommender", "ui", "views", "app.py")
    assert done.returncode == 0, done.stdout + done.stderr
