"""Start-up: each subcommand imports only what it uses.

``recommend``, ``check``, ``export``, ``audit`` and ``plan`` must never import the rooms store's
database libraries, Streamlit or scikit-learn: each is run in a fresh interpreter and its
``sys.modules`` inspected afterwards.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
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


# -- the knowledge cache --------------------------------------------------------------------------


def test_cached_knowledge_gives_the_same_results(tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"founders": 4, "goals": ["community"], "urgency": "weeks"}))

    def recommend(cache: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "recommender", "recommend", "--profile", str(profile)],
            cwd=ROOT,
            env={**os.environ, "JAKAFORMA_CACHE_DIR": cache},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    fresh = recommend("off")
    cache = tmp_path / "cache"
    assert recommend(str(cache)) == fresh  # writes the cache
    assert len(list(cache.glob("kb-*.pickle"))) == 1
    assert len(list(cache.glob("view-*.pickle"))) == 1
    assert recommend(str(cache)) == fresh  # reads it


def imported_on_a_warm_cache(tmp_path, argv: list[str], watched: set[str]) -> list[str]:
    """Which of ``watched`` a second ``python -m recommender ARGV`` imports (the first run
    writes the start-up caches, the second reads them)."""
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['recommender', *{argv!r}]\n"
        "try:\n    runpy.run_module('recommender', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m in {watched!r}), file=sys.stderr)\n"
    )
    env = {**os.environ, "JAKAFORMA_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stderr.strip().splitlines()[-1])


def test_recommend_from_the_cache_imports_no_knowledge_model(tmp_path):
    """A warm cache gives ``recommend`` a plain view: pydantic's models, the loader and the YAML
    parser stay unimported (building the model classes cost more than the rest of the command)."""
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"founders": 4, "goals": ["community"]}))
    watched = {"pydantic.main", "yaml", "recommender.models", "recommender.loading"}
    argv = ["recommend", "--profile", str(profile)]
    assert imported_on_a_warm_cache(tmp_path, argv, watched) == []


def test_the_cache_follows_the_knowledge_files(tmp_path, monkeypatch):
    from recommender.export import export_json
    from recommender.kbcache import cache_key, load_cached

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    monkeypatch.setenv("JAKAFORMA_CACHE_DIR", str(tmp_path / "cache"))
    first = load_cached(knowledge)
    again = load_cached(knowledge)
    assert export_json(again) == export_json(first) and again.version == first.version
    key = cache_key(knowledge)
    glossary = knowledge / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache_key(knowledge) != key
    edited = load_cached(knowledge)
    assert edited.version != first.version
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1  # the old entry is gone


def test_a_broken_cache_file_is_ignored(tmp_path, monkeypatch):
    from recommender.kbcache import PREFIX, cache_key, load_cached

    monkeypatch.setenv("JAKAFORMA_CACHE_DIR", str(tmp_path))
    (tmp_path / f"{PREFIX}{cache_key(ROOT / 'knowledge')}.pickle").write_bytes(b"not a pickle")
    assert load_cached().forms


def test_the_command_is_found_before_parsing():
    import doctest

    from recommender import cli

    assert cli.command_of(["--knowledge", "recommend", "check"]) == "check"
    assert cli.command_of(["--knowledge=k", "export"]) == "export"
    assert cli.command_of([]) is None
    assert doctest.testmod(cli).failed == 0


@pytest.mark.parametrize(
    "argv", [["search", "ile kosztuje fundacja"], ["suggest", "zajecia pilkarskie dla dzieci"]]
)
def test_search_from_the_cache_imports_no_model_and_no_dictionary(tmp_path, argv):
    """A warm index cache answers ``search`` and ``suggest`` without pydantic's models or the
    Polish dictionary: everything the cache file holds is plain data."""
    watched = {"pydantic.main", "yaml", "simplemma", "recommender.models", "recommender.concepts"}
    assert imported_on_a_warm_cache(tmp_path, argv, watched | {"stopwordsiso"}) == []
