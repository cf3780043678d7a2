"""The schema and full check of ``knowledge/reading.yaml`` (see :mod:`recommender.reading`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from .models import Strict
from .morphology import normalise
from .reading import FILE, NEEDED


class WordList(Strict):
    """One list of words, word starts or phrases, and what it is for."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["words", "prefixes", "phrases"]
    about: str = Field(min_length=1)
    words: tuple[str, ...] = Field(min_length=1)


class ReadingFile(Strict):
    lists: tuple[WordList, ...] = ()


def validate_reading(data: Any) -> tuple[ReadingFile | None, list[tuple[str, str]]]:
    """The parsed file and its problems as (location, message) pairs."""
    if data is None:
        return None, [("", "the file is empty")]
    from .loading import _loc  # the knowledge loader's way of naming where a field is

    try:
        parsed = ReadingFile.model_validate(data)
    except ValidationError as exc:
        return None, [(_loc(err["loc"]), err["msg"]) for err in exc.errors()]
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, wl in enumerate(parsed.lists):
        where = f"lists[{i}] ({wl.id})"
        if wl.id in seen:
            problems.append((where, f"duplicate id {wl.id!r}"))
        seen.add(wl.id)
        words: set[str] = set()
        for j, w in enumerate(wl.words):
            norm = normalise(w)
            if norm != w or (wl.kind != "phrases" and " " in w):
                how = "one word" if wl.kind != "phrases" else "words"
                problems.append(
                    (f"{where}.words[{j}]", f"{w!r} is not {how} as read: write {norm!r}")
                )
            if w in words:
                problems.append((f"{where}.words[{j}]", f"duplicate word {w!r}"))
            words.add(w)
        if wl.id not in NEEDED:
            problems.append((where, f"no code reads a list {wl.id!r} (a new list needs code)"))
        elif wl.kind != NEEDED[wl.id]:
            problems.append((where, f"must be kind {NEEDED[wl.id]!r}, not {wl.kind!r}"))
    for name in sorted(set(NEEDED) - seen):
        problems.append(("lists", f"missing list {name!r} (the code reads it)"))
    return (parsed if not problems else None), problems


def load_reading(base: Path, shown: str) -> tuple[ReadingFile, list[tuple[str, str]]]:
    """``reading.yaml`` of the knowledge directory ``base``, validated."""
    from .loading import read_yaml

    path = base / FILE
    if not path.is_file():
        return ReadingFile(), [("", "file missing (the word lists of 'describe your idea')")]
    data, probs = read_yaml(path, shown)
    if probs:
        return ReadingFile(), [(p.location, p.message) for p in probs]
    parsed, problems = validate_reading(data)
    return (parsed or ReadingFile()), problems
