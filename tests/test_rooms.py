"""Workshop rooms storage: every behaviour on SQLite and on a real PostgreSQL server.

The PostgreSQL variant (marker ``postgres``) starts a throwaway cluster (see ``tests/pg.py``);
without PostgreSQL binaries it is skipped locally and fails in CI.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from recommender.profile import FORM_IDS
from recommender.rooms import (
    AccessDenied,
    InvalidIdentifier,
    InvalidSubmission,
    RateLimited,
    RateLimits,
    Room,
    RoomClosed,
    RoomFull,
    RoomStore,
    StorageUnavailable,
    SubmissionSummary,
    UnknownJoinCode,
    neutralise,
    to_csv,
)
from recommender.rooms import store as store_module
from recommender.rooms.cli import add_subcommands
from recommender.rooms.ids import JOIN_CODE_ALPHABET, check_join_code, new_join_code
from recommender.rooms.migrate import current_revision, head_revision, upgrade
from recommender.rooms.schema import VERSION_TABLE, metadata, participants, rooms, submissions
from recommender.rooms.store import url_from_env
from tests.pg import PostgresServer, find_pg_bin, free_port, pg_server, unavailable  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class FakeClock:
    """Wall clock and monotonic clock the test can move forward."""

    def __init__(self, start: dt.datetime = T0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            return self.now

    def monotonic(self) -> float:
        return (self() - T0).total_seconds()

    def advance(self, **delta: float) -> None:
        with self._lock:
            self.now += dt.timedelta(**delta)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rooms.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_store(db_url: str, clock: FakeClock) -> Iterator[Any]:
    made: list[RoomStore] = []

    def make(**kwargs: Any) -> RoomStore:
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("monotonic", clock.monotonic)
        s = RoomStore(db_url, **kwargs)
        made.append(s)
        return s

    yield make
    for s in made:
        s.dispose()


@pytest.fixture
def store(make_store: Any) -> RoomStore:
    return make_store()


def summary(
    top: str = "fundacja",
    ruled: dict[str, list[str]] | None = None,
    priorities: dict[str, int] | None = None,
    finished: bool = True,
) -> dict[str, Any]:
    """A summary whose ranking puts ``top`` first and lists the ruled-out forms last."""
    ruled = ruled or {}
    eligible = [top] + [f for f in FORM_IDS if f != top and f not in ruled]
    ranking = [
        {"form": f, "eligible": True, "score": round(90 - 5 * i, 1)} for i, f in enumerate(eligible)
    ]
    ranking += [{"form": f, "eligible": False, "score": 0} for f in ruled]
    return {"ranking": ranking, "blockers": ruled, "priorities": priorities, "finished": finished}


def count_rows(store: RoomStore, table: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# ---------------------------------------------------------------------------------------------
# the whole flow


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_create_join_submit_stats_export(store: RoomStore) -> None:
    room, code, trainer = store.create_room(title="Warsztat  w bibliotece", retention_days=14)
    assert room.title == "Warsztat w bibliotece" and room.retention_days == 14
    assert set(code) <= set(JOIN_CODE_ALPHABET) and len(code) == 6
    assert len(trainer) >= 22  # >= 128 bits in URL-safe base64

    a = store.join(code, "client-a")
    b = store.join(code.lower()[:3] + "-" + code[3:], "client-b")  # typed loosely
    c = store.join(f" {code} ", "client-c")
    store.join(code, "client-d")  # joins, never answers
    assert a.room_id == b.room_id == c.room_id == room.id and a.title == room.title
    assert len({a.participant_token, b.participant_token, c.participant_token}) == 3

    store.submit(
        room.id,
        a.participant_token,
        "a-key-0001",
        {"intent": "found", "founders": 3, "goals": ["community", "culture_education"]},
        summary("fundacja", {"stowarzyszenie": ["min_founders"]}, {"cost": 4, "speed": 2}),
    )
    store.submit(
        room,  # a Room works as well as its id
        b.participant_token,
        "b-key-0001",
        {"intent": "found", "founders": 8, "goals": ["community"], "economic_activity": True},
        summary("stowarzyszenie", {"kgw": ["rural_only"]}, {"cost": 2}),
    )
    result = {
        "ranking": [
            {"form": "fundacja", "eligible": True, "score": 70, "blockers": [], "pros": []},
            {
                "form": "stowarzyszenie",
                "eligible": False,
                "score": 0,
                "blockers": [{"rule": "min_founders", "message": "…", "change": "…"}],
            },
        ],
        "robustness": {"top_form": "fundacja", "stays_first": 0.9},
    }
    store.submit(
        room.id,
        c.participant_token,
        "c-key-0001",
        {"intent": "unsure", "founders": 3, "economic_activity": False, "priorities": {"cost": 3}},
        SubmissionSummary.from_result(result),
    )

    trainer_room = store.room_for_trainer(room.id, trainer)
    assert trainer_room == room
    stats = store.room_stats(trainer_room)
    assert (stats.joined, stats.submitted, stats.finished, stats.counted) == (4, 3, 3, 3)
    assert stats.top_forms["fundacja"] == 2 and stats.top_forms["stowarzyszenie"] == 1
    assert sum(stats.top_forms.values()) == 3 and list(stats.top_forms)[0] == "fundacja"
    assert stats.answers["intent"].values == {"found": 2, "join": 0, "unsure": 1}
    assert stats.answers["founders"].values == {"3": 2, "8": 1}
    assert stats.answers["goals"].values["community"] == 2
    assert stats.answers["goals"].values["culture_education"] == 1
    assert stats.answers["goals"].unknown == 1
    assert stats.answers["economic_activity"].values == {"true": 1, "false": 1}
    assert stats.answers["economic_activity"].unknown == 1
    assert stats.answers["capital_pln"].values == {} and stats.answers["capital_pln"].unknown == 3
    # c sent no priorities in the summary: the profile's own are used
    assert stats.average_priorities == {"cost": 3.0, "speed": 2.0}
    ruled = {r.form: r for r in stats.ruled_out}
    assert ruled["stowarzyszenie"].count == 2 and ruled["stowarzyszenie"].rules == {
        "min_founders": 2
    }
    assert ruled["kgw"].count == 1 and ruled["kgw"].rules == {"rural_only": 1}
    assert stats.ruled_out[0].form == "stowarzyszenie"
    json.dumps(stats.to_dict())  # JSON-ready for the dashboard

    rows = store.export_rows(trainer_room)
    assert [r["participant"] for r in rows] == ["1", "2", "3"]
    assert [r["top_form"] for r in rows] == ["fundacja", "stowarzyszenie", "fundacja"]
    assert rows[0]["goals"] == "community; culture_education"
    assert rows[0]["priority:cost"] == "4" and rows[0]["priority:speed"] == "2"
    assert rows[1]["priority:speed"] == ""
    assert rows[0]["ruled_out"] == "stowarzyszenie(min_founders)"
    assert all(list(r) == list(rows[0]) for r in rows)
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert len(parsed) == 3 and parsed[1]["founders"] == "8"
    for row in rows:  # nothing secret or internal leaves the store
        for token in (trainer, a.participant_token, b.participant_token, c.participant_token):
            assert token not in json.dumps(row)

    own = store.participant_result(room.id, b.participant_token)
    assert own is not None and own.profile["founders"] == 8 and own.top_form == "stowarzyszenie"
    assert own.blockers == {"kgw": ("rural_only",)}


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_submission_is_idempotent_and_latest_answer_counts(store: RoomStore) -> None:
    room, code, trainer = store.create_room()
    p = store.join(code, "client")
    first = store.submit(room.id, p.participant_token, "key-first-1", {"founders": 2}, summary())
    again = store.submit(room.id, p.participant_token, "key-first-1", {"founders": 2}, summary())
    assert again == first
    assert count_rows(store, submissions) == 1
    stats = store.room_stats(room)
    assert stats.counted == 1 and stats.answers["founders"].values == {"2": 1}

    second = store.submit(
        room.id, p.participant_token, "key-second", {"founders": 7}, summary("kgw")
    )
    assert second != first
    # a late retry of the old key changes nothing: it returns the old id and the newer answer stays
    assert (
        store.submit(room.id, p.participant_token, "key-first-1", {"founders": 2}, summary())
        == first
    )
    stats = store.room_stats(room)
    assert (stats.submitted, stats.finished, stats.counted) == (1, 1, 1)
    assert stats.answers["founders"].values == {"7": 1}
    assert stats.top_forms["kgw"] == 1 and stats.top_forms["fundacja"] == 0
    own = store.participant_result(room.id, p.participant_token)
    assert own is not None and own.id == second
    assert len(store.export_rows(room)) == 1

    # keys are scoped to the participant: another one may use the same key string
    q = store.join(code, "client-2")
    other = store.submit(room.id, q.participant_token, "key-first-1", {"founders": 1}, summary())
    assert other not in (first, second)
    assert store.room_stats(room).counted == 2


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_unfinished_answers_are_counted_only_on_request(store: RoomStore) -> None:
    room, code, _ = store.create_room()
    a = store.join(code, "a")
    b = store.join(code, "b")
    store.submit(room.id, a.participant_token, "a-done-01", {"founders": 3}, summary("fundacja"))
    store.submit(  # a goes back and edits: the draft does not replace the finished result
        room.id, a.participant_token, "a-draft-1", {"founders": 4}, summary("kgw", finished=False)
    )
    store.submit(
        room.id, b.participant_token, "b-draft-1", {"founders": 5}, summary(finished=False)
    )
    stats = store.room_stats(room)
    assert (stats.joined, stats.submitted, stats.finished, stats.counted) == (2, 2, 1, 1)
    assert stats.answers["founders"].values == {"3": 1}
    live = store.room_stats(room, include_unfinished=True)
    assert live.counted == 2 and live.answers["founders"].values == {"4": 1, "5": 1}
    assert live.top_forms["kgw"] == 1 and live.top_forms["fundacja"] == 1
    assert len(store.export_rows(room)) == 1
    assert len(store.export_rows(room, include_unfinished=True)) == 2


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_empty_room_stats(store: RoomStore) -> None:
    room, _, _ = store.create_room()
    stats = store.room_stats(room)
    assert (stats.joined, stats.submitted, stats.finished, stats.counted) == (0, 0, 0, 0)
    assert sum(stats.top_forms.values()) == 0 and stats.ruled_out == ()
    assert stats.average_priorities == {}
    assert store.export_rows(room) == []
    assert to_csv([]) == ""
    assert to_csv([], ["participant", "top_form"]) == "participant,top_form\r\n"


# ---------------------------------------------------------------------------------------------
# access control


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_participants_see_only_their_own_answers(store: RoomStore) -> None:
    room_a, code_a, _ = store.create_room()
    room_b, code_b, _ = store.create_room()
    p1 = store.join(code_a, "one")
    p2 = store.join(code_a, "two")
    p3 = store.join(code_b, "three")
    assert store.participant_result(room_a.id, p1.participant_token) is None
    store.submit(room_a.id, p1.participant_token, "p1-key-01", {"founders": 1}, summary())
    store.submit(room_a.id, p2.participant_token, "p2-key-01", {"founders": 2}, summary())

    mine = store.participant_result(room_a.id, p1.participant_token)
    assert mine is not None and mine.profile == {"founders": 1}
    theirs = store.participant_result(room_a.id, p2.participant_token)
    assert theirs is not None and theirs.profile == {"founders": 2}
    # a token opens only the room it joined
    with pytest.raises(AccessDenied):
        store.participant_result(room_b.id, p1.participant_token)
    with pytest.raises(AccessDenied):
        store.participant_room(room_a.id, p3.participant_token)
    with pytest.raises(AccessDenied):
        store.submit(room_b.id, p1.participant_token, "p1-key-02", {}, summary())
    # a made-up token of the right shape opens nothing
    forged = "A" * 43
    with pytest.raises(AccessDenied):
        store.participant_result(room_a.id, forged)
    with pytest.raises(AccessDenied):
        store.submit(room_a.id, forged, "forged-key", {}, summary())
    # trainer tokens are not participant tokens and vice versa
    with pytest.raises(AccessDenied):
        store.room_for_trainer(room_a.id, p1.participant_token)
    assert store.participant_room(room_a.id, p1.participant_token).id == room_a.id


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_trainer_token_is_checked_and_only_its_hash_is_stored(store: RoomStore) -> None:
    room, code, trainer = store.create_room()
    other, _, other_trainer = store.create_room()
    assert store.room_for_trainer(room.id, trainer).id == room.id
    for token in (other_trainer, trainer[:-1] + ("A" if trainer[-1] != "A" else "B"), "x" * 43):
        with pytest.raises(AccessDenied):
            store.room_for_trainer(room.id, token)
    with pytest.raises(AccessDenied):  # an unknown room looks exactly like a wrong token
        store.room_for_trainer("0123456789abcdef", trainer)
    with pytest.raises(TypeError):  # trainer operations need the Room from room_for_trainer
        store.room_stats(room.id)  # type: ignore[arg-type]

    p = store.join(code, "client")
    with store.engine.connect() as conn:
        dump = json.dumps(
            [
                [list(map(str, row)) for row in conn.execute(select(t))]
                for t in (rooms, participants, submissions)
            ]
        )
    assert trainer not in dump and other_trainer not in dump and p.participant_token not in dump


MALFORMED_ROOM_IDS = [
    "",
    "x",
    "0123456789ABCDEF",
    "../../etc/passwd",
    "' OR 1=1 --",
    "a" * 5000,
    42,
]
MALFORMED_TOKENS = ["", "short", "A" * 42, "A" * 44, "A" * 42 + "!", "' OR '1'='1" + "A" * 32, None]


def test_malformed_identifiers_never_reach_the_database(clock: FakeClock) -> None:
    # The store points at a closed port: any query would raise StorageUnavailable, so getting
    # InvalidIdentifier proves the check happens before the database is touched.
    s = RoomStore(f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none", clock=clock)
    good_room, good_token = "0123456789abcdef", "A" * 43
    for bad in MALFORMED_ROOM_IDS:
        with pytest.raises(InvalidIdentifier):
            s.room_for_trainer(bad, good_token)  # type: ignore[arg-type]
        with pytest.raises(InvalidIdentifier):
            s.participant_result(bad, good_token)  # type: ignore[arg-type]
        with pytest.raises(InvalidIdentifier):
            s.submit(bad, good_token, "key-12345", {}, summary())  # type: ignore[arg-type]
    for bad in MALFORMED_TOKENS:
        with pytest.raises(InvalidIdentifier):
            s.room_for_trainer(good_room, bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidIdentifier):
            s.participant_result(good_room, bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidIdentifier):
            s.participant_room(good_room, bad)  # type: ignore[arg-type]
    for bad_key in ["", "short", "x" * 65, "key with space", "key;drop", "ключ-12345"]:
        with pytest.raises(InvalidIdentifier):
            s.submit(good_room, good_token, bad_key, {}, summary())
    for bad_code in [
        "",
        "ABC",
        "ABCDEFG",
        "ABCDE0",
        "ABCDEO",
        "ABCDE1",
        "ABCDEI",
        "ABCDEL",
        "x" * 100,
    ]:
        with pytest.raises(InvalidIdentifier):
            s.join(bad_code, "client")
    for bad_client in ["", "c" * 257, None]:
        with pytest.raises(InvalidIdentifier):
            s.join("ABCDEF", bad_client)  # type: ignore[arg-type]
    with pytest.raises(InvalidIdentifier):
        s.create_room(title="x" * 121)
    with pytest.raises(InvalidIdentifier):
        s.create_room(title="line\u0000break")
    with pytest.raises(ValueError):
        s.create_room(retention_days=0)
    with pytest.raises(ValueError):
        s.purge_older_than(0)
    # sanity: a well-formed call does reach the (unreachable) database
    with pytest.raises(StorageUnavailable):
        s.room_for_trainer(good_room, good_token)
    s.dispose()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_invalid_submissions_are_refused(store: RoomStore) -> None:
    room, code, _ = store.create_room()
    p = store.join(code, "client")
    bad_profiles: list[Any] = [{"founders": -1}, {"name": "Jan"}, {"goals": ["golf"]}, ["founders"]]
    for profile in bad_profiles:
        with pytest.raises(InvalidSubmission):
            store.submit(room.id, p.participant_token, "key-00001", profile, summary())
    bad_summaries: list[Any] = [
        {"ranking": [{"form": "bank", "eligible": True, "score": 1}]},
        {"ranking": [{"form": "kgw", "eligible": True, "score": 101}]},
        {"ranking": [{"form": "kgw", "eligible": True, "score": float("nan")}]},
        {"ranking": [{"form": "kgw", "eligible": "yes", "score": 1}]},
        {"ranking": [{"form": "kgw", "eligible": True, "score": 1}] * 2},
        {"ranking": [], "blockers": {"kgw": ["Not A Slug"]}},
        {"ranking": [], "priorities": {"cost": 9}},
        {"ranking": [], "comment": "free text about me"},
        "fundacja",
    ]
    for bad in bad_summaries:
        with pytest.raises(InvalidSubmission):
            store.submit(room.id, p.participant_token, "key-00001", {}, bad)
    assert count_rows(store, submissions) == 0


# ---------------------------------------------------------------------------------------------
# join codes, closing, limits


def test_join_codes_use_an_unambiguous_alphabet() -> None:
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)
    codes = {new_join_code() for _ in range(2000)}
    assert len(codes) > 1990
    assert all(len(c) == 6 and set(c) <= set(JOIN_CODE_ALPHABET) for c in codes)
    assert check_join_code(" ab-cd ef ") == "ABCDEF"


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_join_code_is_unique_among_open_rooms(store: RoomStore, monkeypatch: Any) -> None:
    drawn = iter(["SAME22", "SAME22", "SAME22", "NEXT33", "SAME22"])
    monkeypatch.setattr(store, "_new_join_code", lambda: next(drawn))
    first, code1, _ = store.create_room()
    second, code2, trainer2 = store.create_room()  # SAME22 is taken twice, then NEXT33
    assert (code1, code2) == ("SAME22", "NEXT33")
    store.close_room(first)
    third, code3, _ = store.create_room()  # a closed room frees its code
    assert code3 == "SAME22"
    assert store.join("SAME22", "c").room_id == third.id


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_closed_room(store: RoomStore) -> None:
    room, code, trainer = store.create_room()
    p = store.join(code, "client")
    sid = store.submit(room.id, p.participant_token, "before-close", {"founders": 3}, summary())
    closed = store.close_room(room)
    assert closed.closed and closed.closed_at is not None
    assert store.close_room(closed).closed_at == closed.closed_at  # idempotent
    with pytest.raises(UnknownJoinCode):
        store.join(code, "late-client")
    with pytest.raises(RoomClosed):
        store.submit(room.id, p.participant_token, "after-close", {"founders": 4}, summary())
    # a retry of an answer stored before closing still gets its id
    assert (
        store.submit(room.id, p.participant_token, "before-close", {"founders": 3}, summary())
        == sid
    )
    own = store.participant_result(room.id, p.participant_token)
    assert own is not None and own.id == sid
    assert store.participant_room(room.id, p.participant_token).closed
    again = store.room_for_trainer(room.id, trainer)
    assert again.closed and store.room_stats(again).counted == 1


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_room_full(store: RoomStore, monkeypatch: Any) -> None:
    monkeypatch.setattr(store_module, "MAX_PARTICIPANTS", 2)
    _, code, _ = store.create_room()
    store.join(code, "a")
    store.join(code, "b")
    with pytest.raises(RoomFull):
        store.join(code, "c")


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_rate_limit_per_client(make_store: Any, clock: FakeClock) -> None:
    store = make_store(limits=RateLimits(window_s=600, per_client_failures=3, global_failures=1000))
    room, code, _ = store.create_room()
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    for _ in range(3):
        with pytest.raises(UnknownJoinCode):
            store.join(wrong, "guesser")
    with pytest.raises(RateLimited) as info:
        store.join(code, "guesser")  # blocked before the code is even looked at
    assert 0 < info.value.retry_after <= 600
    assert store.join(code, "someone-else").room_id == room.id  # other clients unaffected
    clock.advance(seconds=601)
    assert store.join(code, "guesser").room_id == room.id  # the window has passed


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_rate_limit_global_budget_is_shared_by_app_instances(
    make_store: Any, clock: FakeClock
) -> None:
    limits = RateLimits(window_s=300, per_client_failures=100, global_failures=5)
    instance_1, instance_2 = make_store(limits=limits), make_store(limits=limits)
    room, code, _ = instance_1.create_room()
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    for i in range(5):  # a guesser rotating client keys and instances
        with pytest.raises(UnknownJoinCode):
            (instance_1 if i % 2 else instance_2).join(wrong, f"rotating-{i}")
    for inst in (instance_1, instance_2):
        with pytest.raises(RateLimited) as info:
            inst.join(code, "honest-newcomer")
        assert 0 < info.value.retry_after <= 301
    clock.advance(seconds=301)
    assert instance_2.join(code, "honest-newcomer").room_id == room.id


# ---------------------------------------------------------------------------------------------
# retention


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_purge_older_than_and_expired(store: RoomStore, clock: FakeClock) -> None:
    def room_with_answer(retention: int = 30) -> Room:
        room, code, _ = store.create_room(retention_days=retention)
        p = store.join(code, f"c-{room.id}")
        store.submit(room.id, p.participant_token, "key-00001", {"founders": 1}, summary())
        return room

    old = room_with_answer()  # day 0
    clock.advance(days=5)
    old_closed = room_with_answer()  # day 5, closed on day 6
    clock.advance(days=1)
    store.close_room(old_closed)
    clock.advance(days=14)
    recent = room_with_answer(retention=7)  # day 20
    clock.advance(days=1)  # now: day 21

    assert store.purge_older_than(30) == 0
    assert store.purge_older_than(16) == 1  # created on day 0 (21 days ago): gone with its data
    assert (count_rows(store, rooms), count_rows(store, participants)) == (2, 2)
    assert count_rows(store, submissions) == 2
    assert store.purge_older_than(15) == 1  # day 5 (16 days ago), closed 15 days ago
    with store.engine.connect() as conn:
        assert conn.execute(select(rooms.c.id)).scalars().all() == [recent.id]
        left = conn.execute(select(submissions.c.room_id)).scalars().all()
    assert left == [recent.id] and old.id not in left

    assert store.purge_expired() == 0  # retention 7 days, 1 day old
    clock.advance(days=5, hours=23)
    assert store.purge_expired() == 0
    clock.advance(hours=1)
    assert store.purge_expired() == 1
    assert (count_rows(store, rooms), count_rows(store, participants)) == (0, 0)
    assert count_rows(store, submissions) == 0


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_expired_room_is_refused_before_the_purge_runs(store: RoomStore, clock: FakeClock) -> None:
    room, code, trainer = store.create_room(retention_days=1)
    p = store.join(code, "client")
    clock.advance(days=1)
    with pytest.raises(AccessDenied):
        store.room_for_trainer(room.id, trainer)
    with pytest.raises(AccessDenied):
        store.participant_result(room.id, p.participant_token)
    with pytest.raises(UnknownJoinCode):
        store.join(code, "client-2")


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_creating_a_room_purges_expired_ones_without_cron(
    store: RoomStore, clock: FakeClock
) -> None:
    short, _, _ = store.create_room(retention_days=1)
    long, _, _ = store.create_room(retention_days=30)
    clock.advance(days=2)  # more than the hour between automatic purges, too
    store.create_room()
    with store.engine.connect() as conn:
        left = set(conn.execute(select(rooms.c.id)).scalars())
    assert short.id not in left and long.id in left and len(left) == 2


# ---------------------------------------------------------------------------------------------
# CSV


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        '=HYPERLINK("http://x","y")',
        "=cmd|'/C calc'!A0",
    ],
)
def test_csv_formula_injection_is_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value
    out = to_csv([{value: value, "ok": "fundacja"}])
    header, row = list(csv.reader(io.StringIO(out)))
    assert header[0] == "'" + value and row[0] == "'" + value and row[1] == "fundacja"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in header + row)


def test_csv_plain_values_are_unchanged() -> None:
    assert [neutralise(v) for v in ("fundacja", "3", "a=b", "", None, True)] == [
        "fundacja",
        "3",
        "a=b",
        "",
        "",
        "True",
    ]


# ---------------------------------------------------------------------------------------------
# reliability: 50 participants, 10 answers each, every answer sent twice at the same time


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_concurrent_submissions_lose_nothing_and_count_nothing_twice(store: RoomStore) -> None:
    people, answers = 50, 10
    room, code, _ = store.create_room()
    joined = [store.join(code, f"phone-{p}") for p in range(people)]
    ids: dict[tuple[int, int], set[int]] = {}
    lock = threading.Lock()
    start = threading.Barrier(2 * people)

    def top(p: int, i: int) -> str:
        return FORM_IDS[(p + i) % len(FORM_IDS)]

    def participant(p: int) -> None:
        start.wait()
        for i in range(answers):
            sid = store.submit(
                room.id,
                joined[p].participant_token,
                f"p{p:02d}-answer-{i:02d}",
                {"founders": i, "capital_pln": p},
                summary(top(p, i), priorities={"cost": i % 5}),
            )
            with lock:
                ids.setdefault((p, i), set()).add(sid)

    # two workers per participant send the same keys in the same order (a client retrying)
    with ThreadPoolExecutor(max_workers=2 * people) as pool:
        for future in [pool.submit(participant, p) for p in range(people) for _ in range(2)]:
            future.result()

    assert all(len(v) == 1 for v in ids.values()), "a retried key got two different ids"
    all_ids = [next(iter(v)) for v in ids.values()]
    assert len(set(all_ids)) == people * answers
    assert count_rows(store, submissions) == people * answers  # nothing lost, nothing doubled

    stats = store.room_stats(room)
    assert (stats.joined, stats.submitted, stats.finished, stats.counted) == (50, 50, 50, 50)
    assert stats.answers["founders"].values == {str(answers - 1): people}  # the latest answers
    assert stats.answers["capital_pln"].values == {str(p): 1 for p in range(people)}
    expected = Counter(top(p, answers - 1) for p in range(people))
    assert {f: n for f, n in stats.top_forms.items() if n} == dict(expected)
    assert stats.average_priorities == {"cost": float((answers - 1) % 5)}
    assert len(store.export_rows(room)) == people


# ---------------------------------------------------------------------------------------------
# the database itself


def _assert_clean(exc: StorageUnavailable) -> None:
    assert exc.__cause__ is None and exc.__suppress_context__
    message = str(exc)
    assert "psycopg" not in message and "sqlite3" not in message and "Traceback" not in message


def test_unreachable_postgres_raises_storage_unavailable(clock: FakeClock) -> None:
    s = RoomStore(f"postgresql+psycopg://nobody:secret@127.0.0.1:{free_port()}/db", clock=clock)
    for call in (
        s.create_room,
        s.ping,
        lambda: s.join("ABCDEF", "c"),
        lambda: s.purge_older_than(3),
    ):
        with pytest.raises(StorageUnavailable) as info:
            call()
        _assert_clean(info.value)
        assert "secret" not in str(info.value)
    s.dispose()


def test_unwritable_sqlite_path_raises_storage_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageUnavailable) as info:
        RoomStore(f"sqlite:///{blocker / 'sub' / 'rooms.sqlite3'}").create_room()
    _assert_clean(info.value)
    folder = tmp_path / "is-a-folder.sqlite3"
    folder.mkdir()
    s = RoomStore(f"sqlite:///{folder}")
    with pytest.raises(StorageUnavailable) as info:
        s.create_room()
    _assert_clean(info.value)
    s.dispose()


def test_bad_database_urls() -> None:
    for url in ("not a url at all", "mysql://u@h/db"):
        with pytest.raises(StorageUnavailable):
            RoomStore(url)


@pytest.mark.postgres
def test_postgres_going_down_raises_storage_unavailable(clock: FakeClock) -> None:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        unavailable("no initdb/pg_ctl found")
    assert bin_dir is not None
    server = PostgresServer.start_cluster(bin_dir)
    try:
        s = RoomStore(server.admin_url, clock=clock)
        room, code, _ = s.create_room()
        p = s.join(code, "client")
    finally:
        server.stop()
    with pytest.raises(StorageUnavailable) as info:
        s.submit(room.id, p.participant_token, "key-00001", {}, summary())
    _assert_clean(info.value)
    s.dispose()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_migrations_match_the_schema_and_are_idempotent(db_url: str) -> None:
    s = RoomStore(db_url)
    s.ensure_schema()
    upgrade(s.engine)  # a second run (another app instance starting) changes nothing
    with s.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        ctx = MigrationContext.configure(
            conn, opts={"version_table": VERSION_TABLE, "compare_type": True}
        )
        assert compare_metadata(ctx, metadata) == []
        if s.backend == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    s.dispose()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_app_instances_starting_together_migrate_once(db_url: str) -> None:
    stores = [RoomStore(db_url) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for f in [pool.submit(s.ensure_schema) for s in stores]:
            f.result()
    with stores[0].engine.connect() as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar_one() == 1
    for s in stores:
        s.dispose()


def test_a_lock_met_while_migrating_a_new_sqlite_file_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_module.upgrade
    calls = []

    def locked_once(engine: Any) -> None:
        calls.append(1)
        if len(calls) == 1:  # as when another process holds the new file's lock
            raise sqlite3.OperationalError("database is locked")
        real(engine)

    monkeypatch.setattr(store_module, "upgrade", locked_once)
    monkeypatch.setattr(store_module, "MIGRATE_RETRY_S", 0.01)
    store = RoomStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    store.ensure_schema()
    assert len(calls) == 2
    store.ping()  # the schema is there
    store.dispose()


def test_a_database_that_stays_locked_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always_locked(engine: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(store_module, "upgrade", always_locked)
    monkeypatch.setattr(store_module, "MIGRATE_RETRY_S", 0.01)
    store = RoomStore(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    with pytest.raises(StorageUnavailable):
        store.ensure_schema()
    store.dispose()


def test_database_url_from_the_environment() -> None:
    default = url_from_env({})
    assert default.startswith("sqlite:///") and default.endswith("data/jakaforma.sqlite3")
    assert Path(default.removeprefix("sqlite:///")).parent == ROOT / "data"
    assert url_from_env({"DATABASE_URL": "  "}) == default
    assert url_from_env({"DATABASE_URL": "postgres://u:p@h:5432/db"}) == (
        "postgresql+psycopg://u:p@h:5432/db"
    )
    assert url_from_env({"DATABASE_URL": "postgresql://u@h/db"}) == "postgresql+psycopg://u@h/db"
    assert url_from_env({"DATABASE_URL": "sqlite:////tmp/x.db"}) == "sqlite:////tmp/x.db"


def test_the_package_does_not_import_streamlit() -> None:
    code = "import sys, recommender.rooms, recommender.rooms.cli; print('streamlit' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    for path in (ROOT / "recommender" / "rooms").rglob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path


# ---------------------------------------------------------------------------------------------
# command line


def run_cli(argv: list[str], capsys: Any) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="python -m recommender")
    sub = parser.add_subparsers(dest="command", required=True)
    add_subcommands(sub)
    args = parser.parse_args(argv)
    status = int(args.func(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_purge(tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    forty_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    s = RoomStore(url, clock=lambda: forty_days_ago)
    s.create_room(retention_days=365)
    s.create_room(retention_days=365)
    s.dispose()
    RoomStore(url).create_room()

    status, out, err = run_cli(["rooms", "purge", "--older-than", "30"], capsys)
    assert (status, err) == (0, "")
    assert out == "purged 2 rooms created more than 30 days ago\n"
    status, out, err = run_cli(["rooms", "purge-expired"], capsys)
    assert (status, out, err) == (0, "purged 0 expired rooms\n", "")
    status, out, _ = run_cli(["rooms", "migrate"], capsys)
    assert status == 0 and out == "rooms schema is up to date (sqlite)\n"


@pytest.mark.parametrize(
    "bad", [[], ["--older-than", "-3"], ["--older-than", "0"], ["--older-than", "x"]]
)
def test_cli_bad_arguments(bad: list[str], tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'never.sqlite3'}")
    status, out, err = run_cli(["rooms", "purge", *bad], capsys)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("rooms: ") and "Traceback" not in err
    assert not (tmp_path / "never.sqlite3").exists()


def test_cli_storage_unavailable(monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setenv("DATABASE_URL", f"postgresql://nobody:pw@127.0.0.1:{free_port()}/db")
    for argv in (["rooms", "purge", "--older-than", "30"], ["rooms", "purge-expired"]):
        status, out, err = run_cli(argv, capsys)
        assert status == 1 and out == ""
        assert err.count("\n") == 1 and "unavailable" in err and "Traceback" not in err


def test_cli_in_a_real_process_prints_one_line_and_no_traceback() -> None:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"postgresql://x:pw@127.0.0.1:{free_port()}/x"}
    done = subprocess.run(
        [sys.executable, "-m", "recommender.rooms", "purge", "--older-than", "30"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "rooms: the workshop rooms database is unavailable\n"
