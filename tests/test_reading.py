"""The word lists a description's sentences are read by (knowledge/reading.yaml)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from recommender import reading, suggest
from recommender.loading import KnowledgeError, load_knowledge
from recommender.morphology import normalise
from recommender.reading_models import validate_reading
from tests.conftest import ROOT

FILE = ROOT / "knowledge" / "reading.yaml"
DATA = yaml.safe_load(FILE.read_text(encoding="utf-8"))


@pytest.fixture
def kdir(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", target)
    return target


def edited(change: Callable[[Any], None]) -> list[str]:
    data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    change(data)
    parsed, problems = validate_reading(data)
    assert (parsed is None) == bool(problems)
    return [f"{loc}: {msg}" for loc, msg in problems]


def the(data: Any, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in data["lists"] if x["id"] == name)
    return found


def test_the_shipped_file_is_valid_and_has_every_list_the_code_reads() -> None:
    parsed, problems = validate_reading(DATA)
    assert problems == []
    assert parsed is not None
    assert {wl.id: wl.kind for wl in parsed.lists} == reading.NEEDED


@pytest.mark.parametrize("entry", DATA["lists"], ids=lambda e: e["id"])
def test_each_list_says_what_it_is_for_and_is_written_as_read(entry: dict[str, Any]) -> None:
    assert len(entry["about"]) >= 20
    for w in entry["words"]:
        assert normalise(w) == w
        assert (" " in w) == (entry["kind"] == "phrases")


def test_the_code_reads_the_lists_of_the_file() -> None:
    lists = reading.package_lists()
    assert frozenset(lists["helps"]) == suggest._HELPS
    assert lists["seeks_company"] == suggest._SEEKS_COMPANY
    assert frozenset(lists["proceeds"]) | frozenset(lists["raised"]) == suggest._RAISED
    assert frozenset(lists["proceeds"]) - frozenset(lists["money_made"]) == suggest._ANY_MONEY
    assert "i" not in suggest.LANGUAGE_MARKS["pl"] | suggest.LANGUAGE_MARKS["en"]  # in both


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: the(d, "helps")["words"].append("pomagają"), "is not one word as read"),
        (lambda d: the(d, "helps")["words"].append("Mama"), "write 'mama'"),
        (lambda d: the(d, "good_causes")["words"].append("food bank"), "is not one word"),
        (lambda d: the(d, "helps")["words"].append("mowi"), "duplicate word 'mowi'"),
        (lambda d: d["lists"].append(dict(the(d, "sick"))), "duplicate id 'sick'"),
        (lambda d: d["lists"].remove(the(d, "sick")), "missing list 'sick'"),
        (lambda d: the(d, "sick").update(kind="prefixes"), "must be kind 'words'"),
        (lambda d: the(d, "sick").update(id="ill"), "no code reads a list 'ill'"),
        (lambda d: the(d, "sick").update(colour="red"), "Extra inputs are not permitted"),
        (lambda d: the(d, "sick").update(words=[]), "at least 1 item"),
        (lambda d: the(d, "sick").pop("about"), "Field required"),
    ],
)
def test_mistakes_in_the_file_are_named(change: Callable[[Any], None], expected: str) -> None:
    assert any(expected in p for p in edited(change)), edited(change)


def test_check_reports_a_broken_file_of_any_knowledge_folder(kdir: Path) -> None:
    data = yaml.safe_load((kdir / "reading.yaml").read_text(encoding="utf-8"))
    the(data, "helps")["words"].append("Pomagają")
    (kdir / "reading.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    assert any("reading.yaml" in str(p) and "'pomagaja'" in str(p) for p in err.value.problems)
    (kdir / "reading.yaml").unlink()
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(kdir)
    assert any("reading.yaml" in str(p) and "missing" in str(p) for p in err.value.problems)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lists: [1, 2", "cannot read the word lists"),
        ("lists:\n  - id: helps\n    words: nothing\n", "no list of words"),
        ("lists: []\n", "'helps', "),
    ],
)
def test_the_application_stops_with_a_clear_message_on_a_broken_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.setenv("JAKAFORMA_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "reading.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(reading, "ROOT", tmp_path)
    reading.package_lists.cache_clear()
    try:
        with pytest.raises(KnowledgeError) as err:
            reading.package_lists()
        assert any(expected in str(p) for p in err.value.problems)
        assert all("knowledge/reading.yaml" in str(p) for p in err.value.problems)
    finally:
        reading.package_lists.cache_clear()


def test_the_lists_are_parsed_once_per_version_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "knowledge").mkdir()
    shutil.copy(FILE, tmp_path / "knowledge" / "reading.yaml")
    monkeypatch.setattr(reading, "ROOT", tmp_path)
    monkeypatch.setenv("JAKAFORMA_CACHE_DIR", str(tmp_path / "cache"))
    parsed: list[bytes] = []
    parse = reading._parse

    def counted(raw: bytes) -> dict[str, tuple[str, ...]]:
        parsed.append(raw)
        return parse(raw)

    monkeypatch.setattr(reading, "_parse", counted)
    try:
        for _ in range(2):
            reading.package_lists.cache_clear()
            first = reading.package_lists()
        assert len(parsed) == 1  # the second process reads the cache file
        assert len(list((tmp_path / "cache").glob("reading-*.pickle"))) == 1
        data = yaml.safe_load(FILE.read_text(encoding="utf-8"))
        the(data, "sick")["words"].append("chorzy")
        (tmp_path / "knowledge" / "reading.yaml").write_text(yaml.safe_dump(data), "utf-8")
        reading.package_lists.cache_clear()
        assert "chorzy" in reading.package_lists()["sick"]
        assert "chorzy" not in first["sick"]
        assert len(parsed) == 2
        assert len(list((tmp_path / "cache").glob("reading-*.pickle"))) == 1  # the old one gone
    finally:
        reading.package_lists.cache_clear()
