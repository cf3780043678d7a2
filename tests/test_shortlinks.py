"""Short links to a result: round trip, one code per answers, expiry extended by use, only the
answers' query string stored, bad codes and queries refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from recommender.rooms import RoomStore
from recommender.rooms.schema import short_links
from recommender.rooms.shortlinks import (
    CODE_LENGTH,
    LIFETIME_DAYS,
    ShortLinkError,
    ShortLinks,
    check_code,
)

QUERY = "founders=3&goals=community,environment&prio.cost=3"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def links(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = RoomStore(f"sqlite:///{tmp_path / 'links.sqlite3'}")
    clock = Clock()
    yield ShortLinks(store, clock=clock), clock
    store.dispose()


def test_a_short_link_opens_the_same_answers(links) -> None:  # type: ignore[no-untyped-def]
    service, _ = links
    code = service.create(QUERY)
    assert len(code) == CODE_LENGTH and check_code(code) == code
    assert service.resolve(code) == QUERY
    assert service.resolve(code.upper()) == QUERY  # read aloud, typed in capitals
    assert service.create("?" + QUERY) == code  # the same answers keep their code


def test_only_the_query_string_is_stored(links) -> None:  # type: ignore[no-untyped-def]
    service, _ = links
    service.create(QUERY)
    with service.store.engine.connect() as conn:
        rows = conn.execute(sa.select(short_links)).mappings().all()
    assert len(rows) == 1
    assert set(rows[0]) == {"code", "query", "query_hash", "created_at", "expires_at"}
    assert rows[0]["query"] == QUERY


def test_links_expire_after_the_last_open_and_are_purged(links) -> None:  # type: ignore[no-untyped-def]
    service, clock = links
    code = service.create(QUERY)
    clock.now += dt.timedelta(days=LIFETIME_DAYS - 1)
    assert service.resolve(code) == QUERY  # opened: another LIFETIME_DAYS from now
    clock.now += dt.timedelta(days=LIFETIME_DAYS - 1)
    assert service.resolve(code) == QUERY
    clock.now += dt.timedelta(days=LIFETIME_DAYS + 1)
    assert service.resolve(code) is None
    assert service.purge_expired() == 1
    again = service.create(QUERY)  # expired answers get a new link
    assert service.resolve(again) == QUERY


@pytest.mark.parametrize("code", ["", "abc", "ABCDEFGH0", "0o1lI2345", None, 12345678, "a" * 200])
def test_malformed_or_unknown_codes_resolve_to_nothing(links, code) -> None:  # type: ignore[no-untyped-def]
    service, _ = links
    assert service.resolve(code) is None
    assert service.resolve("23456789") is None  # well-formed, never made


@pytest.mark.parametrize("query", ["name=Jan Kowalski", "x=<script>", "a=" + "1" * 3000])
def test_queries_that_are_not_answers_are_refused(links, query: str) -> None:  # type: ignore[no-untyped-def]
    service, _ = links
    with pytest.raises(ShortLinkError):
        service.create(query)
