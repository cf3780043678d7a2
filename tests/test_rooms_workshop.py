# ruff: noqa: F811 - pytest fixtures imported from tests.test_rooms are parameters here
"""Workshop controls of the rooms store on SQLite and PostgreSQL: reveal, countdown, rounds,
groups, tables, the projector's lookup, room creation limits, and their races."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from recommender.rooms import (
    InvalidControl,
    RateLimited,
    RateLimits,
    RoomClosed,
    RoomStore,
    StaleState,
    SubmissionSummary,
    UnknownJoinCode,
)
from recommender.rooms.ids import check_tables
from tests.pg import pg_server  # noqa: F401
from tests.test_rooms import (  # noqa: F401 - fixtures
    BACKENDS,
    ROOT,
    FakeClock,
    clock,
    db_url,
    make_store,
    store,
    summary,
)


def send(store: RoomStore, room_id: str, token: str, key: str, top: str, **kw: Any) -> int:
    return store.submit(room_id, token, key, {"founders": 3}, summary(top, **kw))


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_reveal_timer_rounds_and_tables(store: RoomStore, clock: FakeClock) -> None:
    room, code, _ = store.create_room(title="Stoły", lang="en")
    assert (room.lang, room.revealed, room.current_round, room.tables) == ("en", False, 1, ())
    room = store.set_tables(room, ["A", "B", "C"])
    a, b = store.join(code, "a"), store.join(code, "b")
    assert a.tables == ("A", "B", "C")
    store.choose_table(a.room_id, a.participant_token, "A")
    store.choose_table(b.room_id, b.participant_token, "B")
    with pytest.raises(InvalidControl):
        store.choose_table(b.room_id, b.participant_token, "Z")
    send(store, room.id, a.participant_token, "a-round-1", "fundacja")
    send(store, room.id, b.participant_token, "b-round-1", "kgw")

    room = store.start_timer(room, 300)
    clock.advance(seconds=100)
    assert room.seconds_left(clock()) == 200
    public = store.room_by_code(code)
    assert public.timer_ends_at == room.timer_ends_at and not public.revealed
    room = store.set_revealed(room, True)
    assert store.room_by_code(code).revealed

    room = store.next_round(room, expected_version=room.version)
    assert (room.current_round, room.revealed, room.timer_ends_at) == (2, False, None)
    send(store, room.id, a.participant_token, "a-round-2", "stowarzyszenie")

    r1 = store.room_stats(room, round_no=1)
    r2 = store.room_stats(room)
    assert {f: n for f, n in r1.top_forms.items() if n} == {"fundacja": 1, "kgw": 1}
    assert {f: n for f, n in r2.top_forms.items() if n} == {"stowarzyszenie": 1}
    assert (r2.round_no, r2.submitted, r2.joined) == (2, 1, 2)
    table_a = store.room_stats(room, round_no=1, table="A")
    assert {f: n for f, n in table_a.top_forms.items() if n} == {"fundacja": 1}
    assert table_a.joined == 1
    assert store.rounds_done(room) == [1, 2]
    rows = store.export_rows(room)
    assert [(r["round"], r["table"], r["top_form"]) for r in rows] == [
        ("1", "A", "fundacja"),
        ("1", "B", "kgw"),
        ("2", "A", "stowarzyszenie"),
    ]


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_new_group_keeps_the_old_answers_and_refuses_the_old_phones(store: RoomStore) -> None:
    room, code, _ = store.create_room()
    old = store.join(code, "old")
    send(store, room.id, old.participant_token, "old-answer", "fundacja")
    room = store.close_room(room)
    room = store.new_group(room, expected_version=room.version)
    assert (room.group_no, room.current_round, room.closed) == (2, 1, False)
    with pytest.raises(RoomClosed):
        send(store, room.id, old.participant_token, "old-again", "kgw")
    new = store.join(room.join_code, "new")
    send(store, room.id, new.participant_token, "new-answer", "kgw")
    stats = store.room_stats(room)
    assert (stats.joined, stats.counted) == (1, 1)
    assert {f: n for f, n in stats.top_forms.items() if n} == {"kgw": 1}
    assert [r["group"] for r in store.export_rows(room)] == ["1", "2"]


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_two_console_tabs_advance_a_round_once(store: RoomStore) -> None:
    room, _, _ = store.create_room()
    seen = room.version  # both tabs show the same state
    barrier = threading.Barrier(2)

    def click() -> str:
        barrier.wait()
        try:
            store.next_round(room, expected_version=seen)
            return "ok"
        except StaleState:
            return "stale"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda _: click(), range(2)))
    assert outcomes == ["ok", "stale"]
    fresh = store.room_by_code(room.join_code)
    assert fresh.current_round == 2
    # absolute controls from a stale tab still apply (reveal twice = revealed)
    store.set_revealed(room, True)
    store.set_revealed(room, True)
    assert store.room_by_code(room.join_code).revealed


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_submissions_during_close_and_next_round_land_in_one_state(store: RoomStore) -> None:
    """Participants submit while the trainer closes or steps the round: each answer either
    lands before the change (and is counted there) or is refused; none is lost or half-done."""
    room, code, _ = store.create_room()
    people = [store.join(code, f"p{i}") for i in range(20)]
    barrier = threading.Barrier(len(people) + 1)
    outcomes: dict[int, str] = {}

    def participant(i: int) -> None:
        barrier.wait()
        try:
            send(store, room.id, people[i].participant_token, f"answer-{i:03d}", "fundacja")
            outcomes[i] = "sent"
        except RoomClosed:
            outcomes[i] = "closed"

    def trainer() -> None:
        barrier.wait()
        r = store.next_round(room, expected_version=room.version)
        store.close_room(r)

    with ThreadPoolExecutor(len(people) + 1) as pool:
        futures = [pool.submit(participant, i) for i in range(len(people))]
        futures.append(pool.submit(trainer))
        for f in futures:
            f.result()
    rows = store.export_rows(room)
    sent = [i for i, o in outcomes.items() if o == "sent"]
    assert len(rows) == len(sent)  # every acknowledged answer is stored, once
    assert {r["round"] for r in rows} <= {"1", "2"}
    with pytest.raises(RoomClosed):
        send(store, room.id, people[0].participant_token, "after-close", "kgw")


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_projector_lookup_by_code(store: RoomStore) -> None:
    room, code, _ = store.create_room(title="Na ścianę")
    assert store.room_by_code(code.lower()).id == room.id
    store.close_room(room)
    assert store.room_by_code(code).closed  # results stay on the wall after closing
    with pytest.raises(UnknownJoinCode):
        store.room_by_code("ZZZZZZ")


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_room_creation_is_rate_limited(make_store: Any, clock: FakeClock) -> None:
    store = make_store(limits=RateLimits(per_client_rooms=2, global_rooms=3))
    store.create_room(client_key="laptop")
    store.create_room(client_key="laptop")
    with pytest.raises(RateLimited):
        store.create_room(client_key="laptop")
    store.create_room(client_key="other")
    with pytest.raises(RateLimited):  # the deployment-wide budget (the CLI meets it too)
        store.create_room()
    clock.advance(seconds=601)
    store.create_room(client_key="laptop")


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_group_result_counts_decisive_reasons_and_priority_spread(store: RoomStore) -> None:
    room, code, _ = store.create_room()
    for i, prio in enumerate([0, 4, 4]):
        p = store.join(code, f"p{i}")
        data = summary("fundacja", priorities={"cost": prio})
        data["reasons"] = ["tani-start", "krs"] if i else ["tani-start"]
        store.submit(room.id, p.participant_token, f"key-{i:05d}", {}, data)
    stats = store.room_stats(room)
    assert stats.priority_spread == {"cost": (1, 0, 0, 0, 2)}
    assert stats.decisive == (("fundacja", "tani-start", 3), ("fundacja", "krs", 2))


def test_summary_takes_the_decisive_pros_of_the_first_form() -> None:
    result = {
        "ranking": [
            {
                "form": "fundacja",
                "eligible": True,
                "score": 80,
                "pros": [
                    {"id": "a", "contribution": 1.0},
                    {"id": "b", "contribution": 9.0},
                    {"id": "c", "contribution": 5.0},
                    {"id": "d", "contribution": 3.0},
                ],
            },
            {"form": "kgw", "eligible": False, "score": 0, "blockers": [{"rule": "wies"}]},
        ]
    }
    assert SubmissionSummary.from_result(result).reasons == ("b", "c", "d")


def test_controls_refuse_bad_values() -> None:
    for bad in ("A,B", ["=1"], ["x" * 17], ["A", "A"], [str(i) for i in range(13)]):
        with pytest.raises(InvalidControl):
            check_tables(bad)
    assert check_tables([" A ", "", "Stół 2"]) == ("A", "Stół 2")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_timer_bounds_and_round_limit(store: RoomStore) -> None:
    room, _, _ = store.create_room()
    for bad in (0, -5, 3 * 3600 + 1, True):
        with pytest.raises(InvalidControl):
            store.start_timer(room, bad)
    room = store.stop_timer(store.start_timer(room, 60))
    assert room.timer_ends_at is None
    assert room.seconds_left(dt.datetime.now(dt.UTC)) is None


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recommender", "rooms", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_round_trip_create_list_close(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "JAKAFORMA_DATA_DIR": str(tmp_path),
        "JAKAFORMA_PUBLIC_URL": "https://warsztaty.example.org/",
    }
    env.pop("DATABASE_URL", None)
    made = _cli(
        env, "create", "--name", "Biblioteka, 12 grudnia", "--lang", "en", "--format", "json"
    )
    assert made.returncode == 0, made.stderr
    links = json.loads(made.stdout)
    assert set(links) == {"code", "join_url", "projector_url", "trainer_url"}
    code = links["code"]
    assert links["join_url"] == f"https://warsztaty.example.org/pokoj?code={code}"
    assert links["projector_url"] == f"https://warsztaty.example.org/prezentacja?room={code}"
    query = parse_qs(urlsplit(links["trainer_url"]).query)
    token = query["token"][0]
    for key in ("code", "join_url", "projector_url"):
        assert token not in links[key]  # only the trainer URL carries the secret

    store = RoomStore(f"sqlite:///{tmp_path / 'jakaforma.sqlite3'}")
    try:
        room = store.room_for_trainer(query["room"][0], token)  # the link opens the console
        assert (room.title, room.lang) == ("Biblioteka, 12 grudnia", "en")
        store.join(code, "phone")
        listed = json.loads(_cli(env, "list", "--format", "json").stdout)["rooms"]
        assert [(r["code"], r["participants"], r["closed"]) for r in listed] == [(code, 1, False)]
        assert token not in json.dumps(listed)
        closed = _cli(env, "close", code)
        assert closed.returncode == 0 and code in closed.stdout
        with pytest.raises(UnknownJoinCode):
            store.join(code, "late phone")
        bad = _cli(env, "close", "QQQQQQ")
        assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
        assert _cli(env, "create", "--name", "x", "--lang", "de").returncode == 2
    finally:
        store.dispose()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_reveal_during_projector_refreshes(store: RoomStore) -> None:
    """The trainer toggles the result while projectors refresh: every read sees one whole
    state (revealed or not) and never fails; the last click wins."""
    room, code, _ = store.create_room()
    p = store.join(code, "phone")
    send(store, room.id, p.participant_token, "answer-0001", "fundacja")
    stop = threading.Event()
    errors: list[BaseException] = []

    def projector() -> None:
        while not stop.is_set():
            try:
                seen = store.room_by_code(code)
                stats = store.room_stats(seen)
                assert stats.counted == 1 and isinstance(seen.revealed, bool)
            except BaseException as exc:  # noqa: BLE001 - collected and re-raised below
                errors.append(exc)
                return

    with ThreadPoolExecutor(4) as pool:
        readers = [pool.submit(projector) for _ in range(3)]
        for i in range(20):
            store.set_revealed(room, i % 2 == 0)
        stop.set()
        for r in readers:
            r.result()
    assert errors == []
    assert store.room_by_code(code).revealed is False  # the last click (i = 19) hid it
