"""Start-up: each subcommand imports only what it uses.

``recommend``, ``check``, ``export``, ``audit`` and ``plan`` must never import the rooms store's
database libraries, Streamlit or scikit-learn: each is run in a fresh interpreter and its
``sys.modules`` inspected afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from recommender.cli import build_parser
from tests.conftest import ROOT

HEAVY = ("sqlalchemy", "alembic", "streamlit", "sklearn")

PROBE = f"""
import json, sys
from recommender.cli import main
out = sys.argv[1]
try:
    status = main(sys.argv[2:])
except SystemExit as exc:
    status = exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {set(HEAVY)!r})
with open(out, "w") as f:
    json.dump({{"status": status, "heavy": heavy}}, f)
"""


def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    return set(sub.choices)


def _probe(tmp_path, *args: str) -> dict:
    out = tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    assert out.exists(), done.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize(
    "args",
    [
        ("recommend", "--profile", "{profile}"),
        ("recommend", "--profile", "{profile}", "--format", "jsonl"),
        ("recommend", "--profile", "{profile}", "--format", "text"),
        ("check",),
        ("export",),
        ("export", "--format", "csv"),
        ("audit",),
        ("plan", "--profile", "{profile}"),
        ("plan", "--profile", "{profile}", "--format", "md"),
    ],
    ids=" ".join,
)
def test_light_commands_import_no_heavy_library(tmp_path, args):
    if args[0] not in _commands():
        pytest.skip(f"the {args[0]!r} command is not part of this checkout")
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"founders": 3, "goals": ["community"]}))
    result = _probe(tmp_path, *(a.format(profile=profile) for a in args))
    assert result["status"] == 0
    assert result["heavy"] == [], f"{' '.join(args)} imported {result['heavy'][:5]}"


def test_the_rooms_command_still_loads_its_module(tmp_path):
    result = _probe(tmp_path, "rooms", "--help")
    assert result["status"] == 0


def test_an_unknown_command_lists_every_command():
    done = subprocess.run(
        [sys.executable, "-m", "recommender", "frobnicate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    for name in ("recommend", "search", "rooms"):
        assert repr(name) in done.stderr
