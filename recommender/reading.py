"""The small words a description's sentences are read by: ``knowledge/reading.yaml``.

:mod:`recommender.concepts` says what a description's words are *about* ("piłka" is sport);
this file holds the word lists that say how a sentence puts people and things together – who
is told about ("moja mama ma 82 lata"), who helps and who is helped ("studenci pomagają
dzieciom"), where money goes ("cały dochód na hospicjum"), what is food and not people
("kuchnia ukraińska"). :mod:`recommender.suggest` looks each list up by its ``id``.

Each list is ``words`` (whole words, normalised: lower case, no Polish letters), ``prefixes``
(the start of a word) or ``phrases`` (several normalised words in a row). The file is validated
by ``python -m recommender check`` (as part of the knowledge base, by
:mod:`recommender.reading_models`: unknown field, duplicate id or word, a word not written
normalised, a list the code needs missing) and described by ``docs/schema/reading.schema.json``.

The lists are read once per process from the application's own knowledge folder
(:func:`package_lists`), when :mod:`recommender.suggest` is imported; an invalid file stops that
import with :class:`~recommender.problems.KnowledgeError` naming every problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FILE = "reading.yaml"
PREFIX = "reading-"  # of its cache file
ROOT = Path(__file__).resolve().parent.parent

# the lists recommender.suggest looks up, and the kind each must be
_WORD_LISTS = """
    language_pl language_en existing years over amounts titles own_age possessives for kids
    kids_want to_help our_place age_groups places_of one_relative one_family determiners
    one_person old_one person family_things expats we foreigner i_am i_am_one is_has
    how_many_of_mine with others together cuisine interviews memories memory_fillers origin_pl
    origin_en first_person from_place their_things from_by people_from made helps acts_on
    helps_between told_between as volunteers acts_en from_where help_first subject_after
    each_other it do_it one_neighbour parent_words hard_up shows proceeds to sick ours all
    a_thing companions at_place and between occupation_pl occupation_en occupation_fillers
    have_pl helps_after_from raised money_made object_me
"""
NEEDED: dict[str, str] = {
    **dict.fromkeys(_WORD_LISTS.split(), "words"),
    "seeks_company": "phrases",
    "good_causes": "prefixes",
}


@lru_cache(maxsize=1)
def package_lists() -> dict[str, tuple[str, ...]]:
    """The application's word lists by id (from its own ``knowledge/`` folder), or
    :class:`~recommender.problems.KnowledgeError` naming what is wrong with the file.

    A fresh ``python -m recommender suggest`` answers from cached data without importing a YAML
    parser: the lists are kept in the user's cache folder (see :mod:`recommender.kbcache`) under
    a digest of the file's bytes (and of the lists the code needs), parsed again only when either
    changes. The file's
    shape and the lists the code needs are checked here, everything else by ``check``."""
    import hashlib

    from . import kbcache

    path = ROOT / "knowledge" / FILE
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _broken("", f"cannot read the word lists: {exc}") from exc
    folder = kbcache.cache_dir()
    key = hashlib.sha256(raw + repr(sorted(NEEDED.items())).encode()).hexdigest()[:32]
    cached = folder / f"{PREFIX}{key}.pickle" if folder is not None else None
    lists = kbcache.read(cached, dict) if cached is not None else None
    if lists is None:
        lists = _parse(raw)
        if folder is not None and cached is not None:
            kbcache.store(folder, cached, lists, PREFIX)
    return lists


def _broken(location: str, message: str) -> Exception:
    from .problems import KnowledgeError, Problem

    return KnowledgeError([Problem(f"knowledge/{FILE}", location, message)])


def _parse(raw: bytes) -> dict[str, tuple[str, ...]]:
    import yaml

    try:
        data = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _broken("", f"cannot read the word lists: {exc}") from exc
    lists: dict[str, tuple[str, ...]] = {}
    entries = data.get("lists") if isinstance(data, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        ws = entry.get("words") if isinstance(entry, dict) else None
        if not (isinstance(ws, list) and all(isinstance(w, str) for w in ws)):
            raise _broken(f"lists[{i}]", "no list of words")
        lists[str(entry.get("id"))] = tuple(ws)
    missing = sorted(set(NEEDED) - set(lists))
    if missing:
        raise _broken("lists", f"missing list {', '.join(map(repr, missing))} (the code reads it)")
    return lists
